package outbox_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/bot/outbox"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
	"praxis/store"
)

type rig struct {
	emu *slackemu.Server
	st  *store.Store
	m   *metrics.Metrics
	p   *outbox.Poster
	now func() time.Time // the poster's clock: the store's
}

func newRig(tb testing.TB, opts outbox.Options) *rig {
	tb.Helper()
	return newRigEmu(tb, slackemu.Options{}, opts)
}

// origin is the date the rigs' clocks start from.
var origin = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// elapsedClock reads origin plus the time elapsed since it was made:
// backoffs and retries see time pass, and no instant depends on the day
// the test runs.
func elapsedClock() func() time.Time {
	start := time.Now()
	return func() time.Time { return origin.Add(time.Since(start)) }
}

// newRigEmu is newRig with the emulator's options (its clock).
func newRigEmu(tb testing.TB, eo slackemu.Options, opts outbox.Options) *rig {
	tb.Helper()
	return newRigClock(tb, elapsedClock(), eo, opts)
}

// newRigClock is newRigEmu with the store's clock, which the poster and
// the emulator read too unless their options say otherwise.
func newRigClock(tb testing.TB, clock func() time.Time, eo slackemu.Options, opts outbox.Options) *rig {
	tb.Helper()
	if eo.Now == nil {
		eo.Now = clock
	}
	emu := slackemu.New(eo)
	tb.Cleanup(emu.Close)
	emu.AddUser(slackemu.User{ID: "U1", Name: "alice"})
	emu.AddChannel(slackemu.Channel{ID: "C1", Name: "security", Members: []string{"U1", "UPRAXIS"}})
	st := testkit.Store(tb, clock)
	m := metrics.New()
	api := emu.Client()
	if opts.BaseBackoff == 0 {
		opts.BaseBackoff = 10 * time.Millisecond
	}
	d := bot.Deps{Now: clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: m}
	return &rig{emu: emu, st: st, m: m, p: outbox.NewPoster(st, api, d, opts), now: clock}
}

func (r *rig) enqueue(tb testing.TB, n int, channel string) {
	tb.Helper()
	for i := 0; i < n; i++ {
		if _, err := r.st.Enqueue(context.Background(), outbox.New(fmt.Sprintf("k%d", i), outbox.PostMessage, channel,
			outbox.Message{Text: fmt.Sprintf("message %d", i)})); err != nil {
			tb.Fatal(err)
		}
	}
}

// runUntil runs the poster until every message is sent or dead.
func (r *rig) runUntil(tb testing.TB, n int, limit time.Duration) time.Duration {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	start := time.Now()
	go func() { r.p.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	for {
		c, err := r.st.OutboxCounts(context.Background())
		if err != nil {
			tb.Fatal(err)
		}
		if c[store.OutSent]+c[store.OutDead] == n {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			tb.Fatalf("after %s: %v", limit, c)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (r *rig) assertExactlyOnce(tb testing.TB, n int) {
	tb.Helper()
	seen := map[string]int{}
	for _, p := range r.emu.Posted() {
		seen[p.Text]++
	}
	for i := 0; i < n; i++ {
		if got := seen[fmt.Sprintf("message %d", i)]; got != 1 {
			tb.Errorf("message %d delivered %d times, want 1", i, got)
		}
	}
}

func TestPosterDeliversAndRecords(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100, Burst: 10})
	r.enqueue(t, 5, "C1")
	hello := outbox.New("dm", outbox.PostMessage, "U1", outbox.Message{Text: "hello in DM"})
	if _, err := r.st.Enqueue(context.Background(), hello); err != nil {
		t.Fatal(err)
	}
	r.runUntil(t, 6, 10*time.Second)
	r.assertExactlyOnce(t, 5)
	row, err := r.st.OutboxByKey(context.Background(), "k0")
	if err != nil || row.Status != store.OutSent || row.TS == "" || row.SentChannel != "C1" {
		t.Fatalf("got %+v, %v; want sent with its ts", row, err)
	}
	dm, _ := r.st.OutboxByKey(context.Background(), "dm")
	if dm.Status != store.OutSent || !strings.HasPrefix(dm.SentChannel, "D") {
		t.Fatalf("got %+v, want the DM sent in an IM channel", dm)
	}
}

func TestPosterRetriesServerErrors(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 200, Burst: 10, MaxAttempts: 20})
	r.emu.SetFaults(slackemu.Faults{ServerErrorEvery: 0.4, Methods: []string{"chat.postMessage"}})
	r.enqueue(t, 20, "C1")
	r.runUntil(t, 20, 30*time.Second)
	r.assertExactlyOnce(t, 20)
	if c, _ := r.st.OutboxCounts(context.Background()); c[store.OutSent] != 20 {
		t.Fatalf("got %v, want all 20 sent", c)
	}
	if got := testutil.ToFloat64(r.m.OutboxRetries.WithLabelValues("in_doubt")); got == 0 {
		t.Fatal("got no in-doubt sends counted, want some")
	}
}

// A 500 or a timeout does not say whether Slack posted the message. When it
// did (the answer was lost on the way back), sending again would post it
// twice: the poster must look for it first.
func TestPosterLostAnswersPostOnce(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 200, Burst: 10, MaxAttempts: 20})
	r.emu.SetFaults(slackemu.Faults{LoseResponseEvery: 0.5, Methods: []string{"chat.postMessage"}})
	r.enqueue(t, 20, "C1")
	r.runUntil(t, 20, 30*time.Second)
	r.assertExactlyOnce(t, 20)
	for i := 0; i < 20; i++ {
		row, _ := r.st.OutboxByKey(context.Background(), fmt.Sprintf("k%d", i))
		if row.Status != store.OutSent || row.TS == "" {
			t.Fatalf("got %+v, want sent with the ts Slack gave", row)
		}
	}
	if got := testutil.ToFloat64(r.m.OutboxRetries.WithLabelValues("in_doubt")); got < 10 {
		t.Fatalf("got %v in-doubt sends, want at least 10", got)
	}
}

// Timeouts are in doubt too: the emulator answers after the poster gave up.
func TestPosterTimeoutsPostOnce(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 200, Burst: 10, MaxAttempts: 20, Timeout: 50 * time.Millisecond})
	r.emu.SetFaults(slackemu.Faults{
		Delay:             100 * time.Millisecond,
		LoseResponseEvery: 1,
		Methods:           []string{"chat.postMessage"},
	})
	r.enqueue(t, 3, "C1")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.p.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for len(r.emu.Posted()) < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	// Every message reached Slack though every call timed out. Let the
	// poster settle and make sure nothing is sent again.
	r.emu.SetFaults(slackemu.Faults{})
	cancel()
	<-done
	r.runUntil(t, 3, 10*time.Second)
	r.assertExactlyOnce(t, 3)
}

func TestPosterParksPermanentFailures(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100})
	r.enqueue(t, 1, "C404")
	r.runUntil(t, 1, 10*time.Second)
	row, _ := r.st.OutboxByKey(context.Background(), "k0")
	if row.Status != store.OutDead || !strings.Contains(row.LastError, "channel_not_found") || row.Attempts != 1 {
		t.Fatalf("got %+v, want dead after one attempt with the reason", row)
	}
	if len(r.emu.Posted()) != 0 {
		t.Fatal("got a post, want none")
	}
}

func TestPosterHonoursRetryAfter(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100, Burst: 10})
	r.emu.SetFaults(slackemu.Faults{RateLimitEvery: 1, RetryAfter: time.Second, Methods: []string{"chat.postMessage"}})
	r.enqueue(t, 1, "C1")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.p.Run(ctx); close(done) }()
	waitCalls := time.Now().Add(5 * time.Second)
	for r.emu.Calls("chat.postMessage") < 1 && time.Now().Before(waitCalls) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if got := r.emu.Calls("chat.postMessage"); got != 1 {
		t.Fatalf("got %d calls within Retry-After, want 1", got)
	}
	r.emu.SetFaults(slackemu.Faults{})
	cancel()
	<-done
	r.runUntil(t, 1, 10*time.Second)
	r.assertExactlyOnce(t, 1)
}

// BenchmarkOutboxRate measures delivery against the configured limit, then
// with 20% of calls answered 429 (Retry-After 1s).
//
//	go test -run=^$ -bench=OutboxRate -benchtime=1x ./bot/outbox/
func BenchmarkOutboxRate(b *testing.B) {
	for _, tc := range []struct {
		name  string
		rate  float64
		n     int
		storm float64
	}{{"clean-50per_s", 50, 500, 0}, {"429x20pct-50per_s", 50, 200, 0.2}} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				r := newRig(b, outbox.Options{Rate: tc.rate, Burst: 1})
				storm := slackemu.Faults{RateLimitEvery: tc.storm, RetryAfter: time.Second, Methods: []string{"chat.postMessage"}}
				r.emu.SetFaults(storm)
				r.enqueue(b, tc.n, "C1")
				d := r.runUntil(b, tc.n, 10*time.Minute)
				r.assertExactlyOnce(b, tc.n)
				got := float64(tc.n) / d.Seconds()
				b.ReportMetric(got, "msgs/s")
				b.ReportMetric(100*got/tc.rate, "pct_of_limit")
				b.ReportMetric(float64(r.emu.Calls("chat.postMessage")-tc.n), "429s")
			}
		})
	}
}

// A chart is uploaded once into the member's DM, with its comment; an
// upload whose answer was lost is not uploaded again (it cannot be looked
// up), but parked.
func TestPosterUploadsFiles(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100})
	png := []byte("\x89PNG\r\n\x1a\nfake chart bytes")
	chart := outbox.Message{
		Text: "Active members, 12 weeks",
		File: &outbox.File{Name: "active.png", Title: "Active members", Data: png},
	}
	if _, err := r.st.Enqueue(context.Background(), outbox.New("chart:1", outbox.UploadFile, "U1", chart)); err != nil {
		t.Fatal(err)
	}
	r.runUntil(t, 1, 10*time.Second)
	row, _ := r.st.OutboxByKey(context.Background(), "chart:1")
	posted := r.emu.Posted()
	if row.Status != store.OutSent || len(posted) != 1 || posted[0].Method != "files.completeUploadExternal" ||
		!strings.HasPrefix(posted[0].Channel, "D") || posted[0].Text != "Active members, 12 weeks" ||
		len(posted[0].Files) != 1 {
		t.Fatalf("got %+v and %+v, want one upload into U1's DM", row, posted)
	}
	if got := posted[0].Files[0]; got.Name != "active.png" || got.Title != "Active members" {
		t.Errorf("got file %+v", got)
	}

	r2 := newRig(t, outbox.Options{Rate: 100, MaxAttempts: 5})
	r2.emu.SetFaults(slackemu.Faults{LoseResponseEvery: 1, Methods: []string{"files.completeUploadExternal"}})
	if _, err := r2.st.Enqueue(context.Background(), outbox.New("chart:2", outbox.UploadFile, "C1", outbox.Message{
		File: &outbox.File{Name: "q.png", Data: png}})); err != nil {
		t.Fatal(err)
	}
	r2.runUntil(t, 1, 10*time.Second)
	row, _ = r2.st.OutboxByKey(context.Background(), "chart:2")
	if row.Status != store.OutDead || len(r2.emu.Posted()) != 1 {
		t.Fatalf("got %+v, %d uploads; want one upload, then the row parked (in doubt)", row, len(r2.emu.Posted()))
	}
}

// A message in doubt whose channel Slack will no longer show (Praxis was
// removed from it) is parked, not looked for forever nor sent twice.
func TestPosterParksWhatSlackCannotConfirm(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100, MaxAttempts: 5})
	r.emu.AddChannel(slackemu.Channel{ID: "G1", Name: "leads", IsPrivate: true, Members: []string{"U1", "UPRAXIS"}})
	// The post's answer is lost, and so are the history's until Praxis has
	// left the channel: the poster cannot settle the message before.
	r.emu.SetFaults(slackemu.Faults{LoseResponseEvery: 1, Methods: []string{"chat.postMessage", "conversations.history"}})
	r.enqueue(t, 1, "G1")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.p.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for len(r.emu.Posted()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	r.emu.Leave("G1", "UPRAXIS") // the history can no longer be read
	r.emu.SetFaults(slackemu.Faults{})
	for time.Now().Before(deadline) {
		if row, _ := r.st.OutboxByKey(context.Background(), "k0"); row.Status == store.OutDead {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	row, _ := r.st.OutboxByKey(context.Background(), "k0")
	if row.Status != store.OutDead || len(r.emu.Posted()) != 1 {
		t.Fatalf("got %+v and %d posts; want one post, then the row parked", row, len(r.emu.Posted()))
	}
}

// A replica holding a quarter of the shards sends at a quarter of the
// configured rate, so that replicas together keep to it.
func TestPosterSharesTheRateAmongReplicas(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 40, Burst: 1})
	r.p.Share(16, 64)
	r.enqueue(t, 6, "C1")
	if took := r.runUntil(t, 6, 10*time.Second); took < 400*time.Millisecond {
		t.Errorf("6 messages at a quarter of 40/s took %s, want at least 0.5 s less the burst", took)
	}
	r.assertExactlyOnce(t, 6)
}
