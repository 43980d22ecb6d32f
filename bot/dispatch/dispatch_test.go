package dispatch_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/metrics"
	"praxis/bot/record"
	"praxis/bot/slackio"
	"praxis/internal/testkit"
	"praxis/store"
)

type rig struct {
	st *store.Store
	m  *metrics.Metrics
	d  *dispatch.Dispatcher
}

func newRig(t *testing.T, dir *bot.Directory) *rig {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := metrics.New()
	// As run wires them: requests behind the per-member throttle.
	resp, err := command.New(st, dir)
	if err != nil {
		t.Fatal(err)
	}
	requests := dispatch.NewThrottle(resp, dir, bot.Deps{Now: st.Now, Metrics: m})
	h := dispatch.Chain{record.New(st, dir, nil, "UPRAXIS", bot.Deps{Log: log}), requests}
	opts := dispatch.Options{Workers: 3, MaxAttempts: 1, Rescan: 20 * time.Millisecond}
	return &rig{st: st, m: m, d: dispatch.New(st, slackio.Decode, h, bot.Deps{Log: log, Metrics: m}, opts)}
}

// feed stores payloads in the inbox and runs the dispatcher until all are
// processed.
func (r *rig) feed(t *testing.T, payloads ...string) {
	t.Helper()
	ctx := context.Background()
	items := make([]store.InboxItem, len(payloads))
	for i, p := range payloads {
		ev, err := slackio.Decode([]byte(p))
		if err != nil {
			t.Fatalf("payload %d: %v", i, err)
		}
		items[i] = store.InboxItem{EventID: ev.ID, Source: "test", Payload: []byte(p)}
	}
	if _, err := r.st.PutInbox(ctx, items); err != nil {
		t.Fatal(err)
	}
	r.drain(t)
}

func (r *rig) drain(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.d.Run(ctx) }()
	r.d.Wake()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := r.st.InboxDepth(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("inbox still holds %d events", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func cb(id, event string) string {
	return fmt.Sprintf(`{"type":"event_callback","event_id":%q,"event_time":1700000000,"event":%s}`, id, event)
}

func TestRecordsContributions(t *testing.T) {
	r := newRig(t, testkit.Directory(map[string]string{"C1": "Security"}))
	r.feed(t,
		cb("E1", `{"type":"message","channel":"C1","user":"U1",`+
			`"text":"How do we rotate keys? see <https://example.com/kms|KMS doc>","ts":"1700000000.000100"}`),
		cb("E2", `{"type":"message","channel":"C1","user":"U2","text":"With the runbook","ts":"1700000100.000100",`+
			`"thread_ts":"1700000000.000100"}`),
		cb("E3", `{"type":"message","subtype":"thread_broadcast","channel":"C1","user":"U3","text":"Also this",`+
			`"ts":"1700000200.000100","thread_ts":"1700000000.000100"}`),
		cb("E4", `{"type":"reaction_added","user":"U1","reaction":"white_check_mark","item_user":"U2",`+
			`"item":{"type":"message","channel":"C1","ts":"1700000100.000100"},"event_ts":"1700000300.000100"}`),
		cb("E5", `{"type":"message","subtype":"message_changed","channel":"C1","ts":"1700000400.000000",`+
			`"message":{"user":"U2","text":"With the runbook v2","ts":"1700000100.000100","thread_ts":"1700000000.000100",`+
			`"edited":{"user":"U2","ts":"1700000400.000000"}}}`),
		cb("E6", `{"type":"message","subtype":"file_share","channel":"C1","user":"U3","text":"diagram",`+
			`"ts":"1700000500.000100","files":[{"id":"F1","name":"kms.png","title":"KMS flow",`+
			`"permalink":"https://files.example.com/F1"}]}`),
		cb("E7", `{"type":"member_joined_channel","channel":"C1","user":"U4","event_ts":"1700000600.000100"}`),
		cb("E8", `{"type":"message","subtype":"bot_message","channel":"C1","bot_id":"B1","text":"deploy done",`+
			`"ts":"1700000700.000100"}`),
		cb("E9", `{"type":"message","subtype":"message_deleted","channel":"C1","deleted_ts":"1700000200.000100"}`),
		cb("E10", `{"type":"channel_rename","channel":{"id":"C1","name":"security-guild"}}`),
		cb("E11", `{"type":"message","channel":"C2","user":"U1","text":"unmapped","ts":"1700000800.000100"}`),
		cb("E12", `{"type":"reaction_added","user":"U3","reaction":"eyes","item":{"type":"message","channel":"C1",`+
			`"ts":"1700000000.000100"}}`),
		cb("E13", `{"type":"reaction_removed","user":"U3","reaction":"eyes","item":{"type":"message","channel":"C1",`+
			`"ts":"1700000000.000100"}}`),
	)
	ctx := context.Background()
	st, err := r.st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Stats{
		Channels:  0,
		Members:   4,
		Messages:  3,
		Replies:   1,
		Deleted:   1,
		Bot:       1,
		Reactions: 1,
		Resources: 2,
		Joins:     1,
	}
	if st != want {
		t.Fatalf("got %+v\nwant %+v", st, want)
	}
	m, err := r.st.MessageByTS(ctx, "C1", "1700000100.000100")
	if err != nil || m.Text != "With the runbook v2" || m.ThreadTS != "1700000000.000100" {
		t.Fatalf("got %+v, %v; want the edited reply", m, err)
	}
	if _, err := r.st.MessageByTS(ctx, "C2", "1700000800.000100"); err != store.ErrNotFound {
		t.Fatalf("got %v, want an unmapped channel's message not recorded", err)
	}
	if got := testutil.ToFloat64(r.m.EventsFailed); got != 0 {
		t.Fatalf("got %v failures, want 0", got)
	}
}

func TestCommandIsAnsweredOnce(t *testing.T) {
	r := newRig(t, testkit.Directory(map[string]string{"C1": "Security"}))
	cmd := `{"type":"slash_command","command":"/praxis","text":"status","user_id":"U1","channel_id":"C1",` +
		`"trigger_id":"T1"}`
	r.feed(t, cmd)
	r.feed(t, cmd) // a redelivery: stored once, answered once
	row, err := r.st.OutboxByKey(context.Background(), "reply:cmd:T1")
	if err != nil {
		t.Fatal(err)
	}
	if row.Method != "chat.postEphemeral" || row.ChannelID != "C1" {
		t.Fatalf("got %+v, want an ephemeral answer in C1", row)
	}
	counts, _ := r.st.OutboxCounts(context.Background())
	if counts["pending"] != 1 {
		t.Fatalf("got %v, want one pending answer", counts)
	}
}

// TestSlackSamplesGoThrough runs each of Slack's 96 published event samples
// through the dispatcher: none may fail or panic.
func TestSlackSamplesGoThrough(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/slack-samples/events/*.json")
	if len(files) == 0 {
		t.Skip("../shared/slack-samples not present")
	}
	r := newRig(t, testkit.Directory(map[string]string{"": "Samples"})) // the samples' ids are blanked
	var items []store.InboxItem
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, store.InboxItem{EventID: filepath.Base(f), Source: "sample", Payload: b})
	}
	if _, err := r.st.PutInbox(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	r.drain(t)
	if got := testutil.ToFloat64(r.m.EventsProcessed); int(got) != len(files) {
		t.Fatalf("got %v processed, want %d", got, len(files))
	}
	if got := testutil.ToFloat64(r.m.EventsFailed); got != 0 {
		t.Fatalf("got %v failed, want 0", got)
	}
}

// flaky fails or panics on chosen messages and records the others.
type flaky struct{ rec dispatch.Handler }

func (f flaky) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	record, err := f.rec.Prepare(ctx, ev)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, tx *store.Tx) error {
		if err := record.Run(ctx, tx); err != nil { // write first: the savepoint must undo it
			return err
		}
		switch ev.Text {
		case "fail":
			return fmt.Errorf("refused")
		case "panic":
			panic("boom")
		case "slow":
			<-ctx.Done() // holds the whole batch past its deadline
			return ctx.Err()
		}
		return nil
	}, nil
}

// flakyRig runs the flaky handler over the recorder, one worker, one
// attempt per event, and feeds it messages with these texts.
func flakyRig(t *testing.T, opts dispatch.Options, texts ...string) (*store.Store, *metrics.Metrics) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := metrics.New()
	dir := testkit.Directory(map[string]string{"C1": "Security"})
	opts.Workers, opts.MaxAttempts = 1, 1
	d := dispatch.New(st, slackio.Decode, flaky{record.New(st, dir, nil, "", bot.Deps{Log: log})},
		bot.Deps{Log: log, Metrics: m}, opts)
	r := &rig{st: st, m: m, d: d}
	var payloads []string
	for i, text := range texts {
		event := fmt.Sprintf(`{"type":"message","channel":"C1","user":"U1","text":%q,"ts":"1700000000.00000%d"}`, text, i)
		payloads = append(payloads, cb(fmt.Sprintf("E%d", i), event))
	}
	r.feed(t, payloads...)
	return st, m
}

func TestFailingEventsDoNotSpoilTheirBatch(t *testing.T) {
	st, m := flakyRig(t, dispatch.Options{}, "ok", "fail", "ok", "panic", "ok")
	s, _ := st.Stats(context.Background())
	if s.Messages != 3 {
		t.Fatalf("got %d messages recorded, want the 3 good ones", s.Messages)
	}
	if got := testutil.ToFloat64(m.EventsFailed); got != 2 {
		t.Fatalf("got %v failures, want 2", got)
	}
	if got := testutil.ToFloat64(m.EventsProcessed); got != 3 {
		t.Fatalf("got %v processed, want 3", got)
	}
}

// A batch that fails as a whole (here it runs past its deadline) blames no
// single event: each is retried alone, and only the one that fails by
// itself is charged.
func TestBatchTimeoutChargesOnlyTheCulprit(t *testing.T) {
	st, m := flakyRig(t, dispatch.Options{Timeout: 200 * time.Millisecond}, "ok", "slow", "ok")
	s, _ := st.Stats(context.Background())
	if s.Messages != 2 {
		t.Fatalf("got %d messages recorded, want the 2 good ones", s.Messages)
	}
	if got := testutil.ToFloat64(m.EventsFailed); got != 1 {
		t.Fatalf("got %v failures, want 1 (the slow event)", got)
	}
}
