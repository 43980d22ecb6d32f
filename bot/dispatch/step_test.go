package dispatch

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/store"
)

// script is a handler whose events say what to do: a payload "E1:ok" is
// event E1 with the text "ok". Its step writes an outbox message under
// "done:<event>" that says which of the event's Prepares made it.
//
// In Prepare: "unprepared" fails; "once" fails the first time only;
// "boom" panics; "dawdle" takes the batch's whole budget, then prepares;
// "stall" takes it and fails for want of it; "late" fails when it
// finds the budget spent. In the step: "slow" holds the batch past its
// deadline; "hang", when hang is set, writes, tells entered, then waits for
// the end of the run.
type script struct {
	mu                sync.Mutex
	prepared, applied map[string]int
	hang              bool
	entered           chan struct{} // closed by "hang"'s step
}

func newScript() *script {
	return &script{prepared: map[string]int{}, applied: map[string]int{}, entered: make(chan struct{})}
}

func decodeScript(payload []byte) (bot.Event, error) {
	id, text, ok := strings.Cut(string(payload), ":")
	if !ok {
		return bot.Event{}, errors.New("not a script line")
	}
	return bot.Event{ID: id, Kind: bot.KindMessage, Channel: "C1", Text: text}, nil
}

func (s *script) count(m map[string]int, id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m[id]++
	return m[id]
}

func (s *script) Prepare(ctx context.Context, ev bot.Event) (Step, error) {
	n := s.count(s.prepared, ev.ID)
	switch ev.Text {
	case "unprepared":
		return nil, errors.New("cannot prepare")
	case "once":
		if n == 1 {
			return nil, errors.New("not yet")
		}
	case "boom":
		panic("boom")
	case "dawdle":
		<-ctx.Done()
	case "stall":
		<-ctx.Done()
		return nil, ctx.Err()
	case "late":
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	text := fmt.Sprintf("%s, prepared #%d", ev.Text, n) // what Prepare computed
	return func(ctx context.Context, tx *store.Tx) error {
		s.count(s.applied, ev.ID)
		if _, err := tx.Enqueue(ctx, store.OutMessage{Key: "done:" + ev.ID, Method: "chat.postMessage", ChannelID: "C1",
			Payload: text}); err != nil {
			return err
		}
		switch ev.Text {
		case "slow":
			<-ctx.Done()
			return ctx.Err()
		case "hang":
			if !s.hang {
				return nil
			}
			close(s.entered)
			<-ctx.Done()
			return ctx.Err()
		}
		return nil
	}, nil
}

type scriptRig struct {
	st *store.Store
	m  *metrics.Metrics
	d  *Dispatcher
	h  *script
}

func newScriptRig(t *testing.T, st *store.Store, opts Options) *scriptRig {
	t.Helper()
	if st == nil {
		var err error
		st, err = store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
	}
	m, h := metrics.New(), newScript()
	opts.Workers = 1
	d := New(st, decodeScript, h, bot.Deps{Metrics: m}, opts)
	return &scriptRig{st: st, m: m, d: d, h: h}
}

// put stores script lines in the inbox.
func (r *scriptRig) put(t *testing.T, lines ...string) {
	t.Helper()
	var items []store.InboxItem
	for _, l := range lines {
		id, _, _ := strings.Cut(l, ":")
		items = append(items, store.InboxItem{EventID: id, Source: "test", Payload: []byte(l)})
	}
	if _, err := r.st.PutInbox(context.Background(), items); err != nil {
		t.Fatal(err)
	}
}

// pass processes every pending event as one batch, as a worker does when
// they all wait in its queue, and reports how many were pending.
func (r *scriptRig) pass(t *testing.T) int {
	t.Helper()
	rows, err := r.st.PendingInbox(context.Background(), 0, maxBatch)
	if err != nil {
		t.Fatal(err)
	}
	var batch []job
	for _, row := range rows {
		ev, err := decodeScript(row.Payload)
		batch = append(batch, job{row: row, ev: ev, err: err})
	}
	r.d.process(context.Background(), batch)
	return len(rows)
}

// done is what the step of an event wrote, "" for nothing.
func (r *scriptRig) done(t *testing.T, id string) string {
	t.Helper()
	row, err := r.st.OutboxByKey(context.Background(), "done:"+id)
	if errors.Is(err, store.ErrNotFound) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return row.Payload
}

func (r *scriptRig) want(t *testing.T, prepared, applied map[string]int, done map[string]string, failed float64) {
	t.Helper()
	for id, n := range prepared {
		if r.h.prepared[id] != n {
			t.Errorf("%s: got %d Prepares, want %d", id, r.h.prepared[id], n)
		}
	}
	for id, n := range applied {
		if r.h.applied[id] != n {
			t.Errorf("%s: got its step run %d times, want %d", id, r.h.applied[id], n)
		}
	}
	for id, text := range done {
		if got := r.done(t, id); got != text {
			t.Errorf("%s: got %q written, want %q", id, got, text)
		}
	}
	if got := testutil.ToFloat64(r.m.EventsFailed); got != failed {
		t.Errorf("got %v failures, want %v", got, failed)
	}
}

// When a batch's transaction fails as a whole, each event is written alone
// with the step its Prepare made: nobody is prepared again. (E3 never ran
// in the batch: the batch ended at E2, past its deadline.)
func TestStepOfPrepareIsAppliedOnTheRetryAlone(t *testing.T) {
	r := newScriptRig(t, nil, Options{Timeout: 200 * time.Millisecond, MaxAttempts: 1})
	r.put(t, "E1:ok", "E2:slow", "E3:ok")
	r.pass(t)
	r.want(t, map[string]int{"E1": 1, "E2": 1, "E3": 1}, map[string]int{"E1": 2, "E2": 2, "E3": 1},
		map[string]string{"E1": "ok, prepared #1", "E2": "", "E3": "ok, prepared #1"}, 1)
	if n, _ := r.st.InboxDepth(context.Background()); n != 0 {
		t.Fatalf("got %d events pending, want none (the slow one set aside)", n)
	}
}

// A Prepare that fails, or panics, fails its event alone: it is charged an
// attempt, prepared anew on the next pass, and set aside after
// MaxAttempts; the others of its batch are written.
func TestPrepareErrorIsRetriedThenSetAside(t *testing.T) {
	r := newScriptRig(t, nil, Options{MaxAttempts: 2})
	r.put(t, "E1:ok", "E2:unprepared", "E3:once", "E4:boom", "E5:ok")
	if n := r.pass(t); n != 5 {
		t.Fatalf("got %d pending at first, want 5", n)
	}
	r.want(t, nil, nil, map[string]string{"E1": "ok, prepared #1", "E3": "", "E5": "ok, prepared #1"}, 3)
	rows, _ := r.st.PendingInbox(context.Background(), 0, 10)
	for _, row := range rows {
		if row.Attempts != 1 {
			t.Errorf("%s: got %d attempts, want 1", row.EventID, row.Attempts)
		}
	}
	if n := r.pass(t); n != 3 {
		t.Fatalf("got %d pending on the second pass, want the 3 that failed", n)
	}
	r.want(t, map[string]int{"E1": 1, "E2": 2, "E3": 2, "E4": 2, "E5": 1}, map[string]int{"E1": 1, "E3": 1, "E5": 1},
		map[string]string{"E2": "", "E3": "once, prepared #2", "E4": ""}, 5)
	if n := r.pass(t); n != 0 {
		t.Fatalf("got %d pending after MaxAttempts, want the failing ones set aside", n)
	}
}

// When a batch's Prepares spend their shared budget, the events prepared
// so far are written and the rest prepared again with a budget of their
// own: only an event that cannot be prepared within a budget to itself is
// charged (and it is, by design, prepared twice).
func TestSpentBudgetBlamesNoOne(t *testing.T) {
	r := newScriptRig(t, nil, Options{Timeout: 100 * time.Millisecond, MaxAttempts: 1})
	r.put(t, "E1:ok", "E2:dawdle", "E3:late", "E4:stall", "E5:late")
	r.pass(t)
	r.want(t, map[string]int{"E1": 1, "E2": 1, "E3": 1, "E4": 2, "E5": 1},
		map[string]int{"E1": 1, "E2": 1, "E3": 1, "E5": 1},
		map[string]string{"E1": "ok, prepared #1", "E2": "dawdle, prepared #1", "E3": "late, prepared #1", "E4": "",
			"E5": "late, prepared #1"}, 1)
}

// A stop (a crash, a deploy) between Prepare and the commit loses nothing
// and doubles nothing: the event stays in the inbox, uncharged, and the
// next run prepares it afresh and writes its effects once.
func TestStopBetweenPrepareAndCommit(t *testing.T) {
	first := newScriptRig(t, nil, Options{})
	first.h.hang = true
	first.put(t, "E1:ok", "E2:hang")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- first.d.Run(ctx) }()
	first.d.Wake()
	<-first.h.entered // E2's step has written, not committed
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	rows, _ := first.st.PendingInbox(context.Background(), 0, 10)
	if len(rows) == 0 || rows[len(rows)-1].EventID != "E2" {
		t.Fatalf("got %+v pending, want E2 (and E1 if it shared E2's batch)", rows)
	}
	for _, row := range rows {
		if row.Attempts != 0 {
			t.Fatalf("%s: got %d attempts, want none charged by a stop", row.EventID, row.Attempts)
		}
	}
	if got := first.done(t, "E2"); got != "" {
		t.Fatalf("got %q written before the restart, want nothing", got)
	}
	second := newScriptRig(t, first.st, Options{}) // the restart: nothing carried over
	second.pass(t)
	second.want(t, map[string]int{"E2": 1}, map[string]int{"E2": 1},
		map[string]string{"E1": "ok, prepared #1", "E2": "hang, prepared #1"}, 0)
	counts, _ := first.st.OutboxCounts(context.Background())
	if counts[store.OutPending] != 2 {
		t.Fatalf("got outbox %v, want E1's and E2's messages once each", counts)
	}
	if n, _ := first.st.InboxDepth(context.Background()); n != 0 {
		t.Fatalf("got %d events pending, want none", n)
	}
}
