package outbox_test

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/internal/logbuf"
	"praxis/internal/slackemu"
	"praxis/store"
)

// answer enqueues the reply to a slash command U1 typed in channel, with
// the response_url the command carried, as command.Request.Reply places it.
func (r *rig) answer(tb testing.TB, key, channel, text string) {
	tb.Helper()
	reply := respond(key, channel, r.emu.ResponseURL("U1", channel), text)
	if _, err := r.st.Enqueue(context.Background(), reply); err != nil {
		tb.Fatal(err)
	}
}

// respond is the answer to U1's command through its response_url, falling
// back to chat.postEphemeral: as command.Request.Reply places it.
func respond(key, channel, url, text string) store.OutMessage {
	m := outbox.Message{Text: text, User: "U1", ResponseURL: url, Fallback: outbox.PostEphemeral}
	return outbox.New("reply:"+key, outbox.Respond, channel, m)
}

func (r *rig) row(tb testing.TB, key string) store.OutRow {
	tb.Helper()
	row, err := r.st.OutboxByKey(context.Background(), key)
	if err != nil {
		tb.Fatal(err)
	}
	return row
}

// A command typed in a private channel Praxis is not in: chat.postEphemeral
// is refused there, the response_url is not, and the member sees the answer.
func TestPosterAnswersWhereItIsNotAMember(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100})
	r.emu.AddChannel(slackemu.Channel{ID: "G2", Name: "leads", IsPrivate: true, Members: []string{"U1"}})
	if _, err := r.st.Enqueue(context.Background(), outbox.New("old", outbox.PostEphemeral, "G2",
		outbox.Message{Text: "today's way", User: "U1"})); err != nil {
		t.Fatal(err)
	}
	r.answer(t, "new", "G2", "the status")
	r.runUntil(t, 2, 10*time.Second)
	if row := r.row(t, "old"); row.Status != store.OutDead || !strings.Contains(row.LastError, "channel_not_found") {
		t.Errorf("chat.postEphemeral: got %+v, want refused (the defect the response_url fixes)", row)
	}
	if row := r.row(t, "reply:new"); row.Status != store.OutSent || row.Method != outbox.Respond {
		t.Fatalf("got %+v, want the answer sent through the response_url", row)
	}
	p := r.emu.Posted()
	if len(p) != 1 || p[0].Method != "response_url" || p[0].Channel != "G2" || p[0].User != "U1" || !p[0].Ephemeral ||
		p[0].Text != "the status" {
		t.Fatalf("got %+v, want the answer shown to U1 alone in G2", p)
	}
}

// Past its 30 minutes a response_url is not tried: the answer goes out as
// before, by chat.postEphemeral, once, and the row says so.
func TestPosterExpiredResponseURLFallsBack(t *testing.T) {
	clock := elapsedClock()
	later := func() time.Time { return clock().Add(31 * time.Minute) } // the poster reads the store's clock 31 minutes on
	r := newRigClock(t, clock, slackemu.Options{}, outbox.Options{Rate: 100})
	r.now = later
	r.logTo(outbox.Options{Rate: 100}) // a poster on that clock
	r.answer(t, "k", "C1", "late answer")
	r.runUntil(t, 1, 10*time.Second)
	row := r.row(t, "reply:k")
	if row.Status != store.OutSent || row.Method != outbox.PostEphemeral {
		t.Fatalf("got %+v, want it sent by chat.postEphemeral", row)
	}
	if n := r.emu.Calls("response_url"); n != 0 {
		t.Errorf("got %d posts to the expired response_url, want none", n)
	}
	p := r.emu.Posted()
	if len(p) != 1 || p[0].Method != "chat.postEphemeral" || p[0].User != "U1" || p[0].Text != "late answer" {
		t.Errorf("got %+v, want one ephemeral answer", p)
	}
}

// Slack may say a URL expired before Praxis thinks so (its clock, a slow
// inbox): the answer falls back all the same. Where the fallback cannot be
// shown either, the answer is parked saying why, and nothing is tried again.
func TestPosterResponseURLRefusedFallsBackOnce(t *testing.T) {
	var shift atomic.Int64
	clock := elapsedClock()
	// Slack's clock, shifted from the store's.
	slackNow := func() time.Time { return clock().Add(time.Duration(shift.Load())) }
	r := newRigClock(t, clock, slackemu.Options{Now: slackNow}, outbox.Options{Rate: 100, MaxAttempts: 5})
	r.emu.AddChannel(slackemu.Channel{ID: "G2", Name: "leads", IsPrivate: true, Members: []string{"U1"}})
	r.answer(t, "in", "C1", "answer in C1")
	r.answer(t, "out", "G2", "answer in G2")
	shift.Store(int64(31 * time.Minute)) // Slack's clock only
	r.runUntil(t, 2, 10*time.Second)
	if row := r.row(t, "reply:in"); row.Status != store.OutSent || row.Method != outbox.PostEphemeral {
		t.Errorf("in C1: got %+v, want sent by chat.postEphemeral after expired_url", row)
	}
	row := r.row(t, "reply:out")
	if row.Status != store.OutDead || row.Method != outbox.PostEphemeral ||
		!strings.Contains(row.LastError, "channel_not_found") {
		t.Errorf("in G2: got %+v, want parked with chat.postEphemeral's refusal", row)
	}
	if n, e := r.emu.Calls("response_url"), r.emu.Calls("chat.postEphemeral"); n != 2 || e != 2 {
		t.Errorf("got %d response_url posts and %d chat.postEphemeral calls, want 2 and 2 (no loop)", n, e)
	}
	if got := testutil.ToFloat64(r.m.OutboxRetries.WithLabelValues("fallback")); got != 2 {
		t.Errorf("got %v fallbacks counted, want 2", got)
	}
}

// logTo replaces the rig's poster by one that logs into the returned
// buffer, on the rig's clock.
func (r *rig) logTo(opts outbox.Options) *logbuf.Buffer {
	b := &logbuf.Buffer{}
	if opts.BaseBackoff == 0 {
		opts.BaseBackoff = 10 * time.Millisecond
	}
	d := bot.Deps{Now: r.now, Log: slog.New(slog.NewTextHandler(b, nil)), Metrics: r.m}
	r.p = outbox.NewPoster(r.st, r.emu.Client(), d, opts)
	return b
}

// A 5xx from the response_url is retried after a back-off, under the
// poster's rate limit, until the member sees the answer once.
func TestPosterRetriesResponseURLServerErrors(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100, MaxAttempts: 10})
	r.emu.SetFaults(slackemu.Faults{ServerErrorEvery: 1, Methods: []string{"response_url"}})
	r.answer(t, "k", "C1", "answer")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.p.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for r.emu.Calls("response_url") < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	r.emu.SetFaults(slackemu.Faults{})
	cancel()
	<-done
	r.runUntil(t, 1, 10*time.Second)
	row := r.row(t, "reply:k")
	p := r.emu.Posted()
	if row.Status != store.OutSent || len(p) != 1 || p[0].Method != "response_url" || row.Attempts < 4 {
		t.Fatalf("got %+v and %+v, want the answer shown once after the failed attempts", row, p)
	}
}

// A crash while an answer was being posted to its response_url leaves it in
// doubt; it cannot be looked up, so it is parked rather than shown twice, as
// ephemeral messages are.
func TestPosterParksResponseInDoubt(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100})
	r.answer(t, "k", "C1", "answer")
	if err := r.st.MarkSending(context.Background(), r.row(t, "reply:k").ID); err != nil {
		t.Fatal(err)
	}
	r.runUntil(t, 1, 10*time.Second)
	row := r.row(t, "reply:k")
	if row.Status != store.OutDead || !strings.Contains(row.LastError, "response_url answer cannot be checked") {
		t.Fatalf("got %+v, want parked as in doubt", row)
	}
	if n := r.emu.Calls("response_url"); n != 0 {
		t.Errorf("got %d posts, want none after the crash", n)
	}
}

// Slack refusing the message itself is permanent: parked after one try.
// The response_url, which lets anyone post into the conversation for half
// an hour, appears neither in the row's error nor in the log.
func TestPosterResponseURLErrorsKeepTheURLSecret(t *testing.T) {
	r := newRig(t, outbox.Options{})
	logs := r.logTo(outbox.Options{Rate: 100, MaxAttempts: 2})
	_, _ = r.st.Enqueue(context.Background(), respond("refused", "C1", r.emu.ResponseURL("U1", "C1"), "")) // no_text
	secret := "http://127.0.0.1:1/respond/SECRETTOKEN"
	_, _ = r.st.Enqueue(context.Background(), respond("unreachable", "C1", secret, "t"))
	r.runUntil(t, 2, 10*time.Second)
	refused := r.row(t, "reply:refused")
	if refused.Status != store.OutDead || refused.Attempts != 1 || !strings.Contains(refused.LastError, "no_text") {
		t.Errorf("got %+v, want parked after one attempt with Slack's error", refused)
	}
	unreachable := r.row(t, "reply:unreachable")
	if unreachable.Status != store.OutDead || strings.Contains(unreachable.LastError, "SECRETTOKEN") ||
		!strings.Contains(unreachable.LastError, "response_url post") {
		t.Errorf("got %+v, want parked after its attempts, without the URL in its error", unreachable)
	}
	if strings.Contains(logs.String(), "SECRETTOKEN") || strings.Contains(logs.String(), "/respond/") {
		t.Errorf("the response_url is in the log:\n%s", logs)
	}
}
