package slackedge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/metrics"
	"praxis/bot/nudge"
	"praxis/bot/nudge/nudgetest"
	"praxis/bot/outbox"
	"praxis/internal/testkit"
	"praxis/store"
)

// sender sends the world's Nudger's decisions.
func newSender(w *nudgetest.World) *Sender { return NewSender(w.N, w.St, bot.Deps{}) }

// outboxRow is the outbox's message of key, and whether there is one.
func outboxRow(t *testing.T, w *nudgetest.World, key string) (store.OutRow, bool) {
	t.Helper()
	r, err := w.St.OutboxByKey(context.Background(), key)
	if errors.Is(err, store.ErrNotFound) {
		return r, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return r, true
}

// dm is the message of key as the outbox holds it.
func dm(t *testing.T, w *nudgetest.World, key string) outbox.Message {
	t.Helper()
	r, _ := outboxRow(t, w, key)
	var m outbox.Message
	if err := json.Unmarshal([]byte(r.Payload), &m); err != nil {
		t.Fatalf("outbox %s: %v", key, err)
	}
	return m
}

// status is the status of each nudge recorded, by key.
func status(t *testing.T, w *nudgetest.World) map[string]string {
	t.Helper()
	ns, err := w.St.Nudges(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, n := range ns {
		out[n.Key] = n.Status
	}
	return out
}

func TestEachKindSentOnceAndHoldoutRecorded(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	m := metrics.New()
	sender := NewSender(w.N, w.St, bot.Deps{Metrics: m})
	ds, err := sender.Send(ctx, w.Clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		nudge.Key(nudge.Welcome, w.Newcomer, "sec"):      store.NudgeSent,
		nudge.Key(nudge.Welcome, w.Held, "sec"):          store.NudgeHoldout,
		nudge.Key(nudge.Reader, w.Reader, "C1/"+w.Q1):    store.NudgeSent,
		nudge.Key(nudge.Reengage, w.Regular, "C1/"+w.Q1): store.NudgeSent,
		nudge.Key(nudge.Thank, w.Helper, "C1/"+w.Q3):     store.NudgeSent, // the older acceptance first
	}
	got := status(t, w)
	for k, s := range want {
		if got[k] != s {
			t.Errorf("nudge %s: got %q, want %q (all: %v)", k, got[k], s, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d nudges recorded, want %d: %v", len(got), len(want), got)
	}
	for k, s := range want {
		r, sent := outboxRow(t, w, k)
		if sent != (s == store.NudgeSent) {
			t.Errorf("outbox %s: got enqueued %v, want %v", k, sent, s == store.NudgeSent)
		}
		if sent && !strings.HasPrefix(r.ChannelID, "U") {
			t.Errorf("outbox %s: got channel %s, want a DM to the member", k, r.ChannelID)
		}
	}
	// The helper's second accepted answer waits: one nudge a week.
	var budget nudge.Decision
	for _, d := range ds {
		if d.Key == nudge.Key(nudge.Thank, w.Helper, "C1/"+w.Q2) {
			budget = d
		}
	}
	if budget.Block != nudge.Budget || !budget.Next.Equal(time.Date(2026, 11, 30, 8, 0, 0, 0, w.Paris)) {
		t.Errorf("second thank: got %q, next %v; want budget until Monday 08:00", budget.Block, budget.Next)
	}
	welcome := dm(t, w, nudge.Key(nudge.Welcome, w.Newcomer, "sec"))
	for _, s := range []string{
		"keep our systems safe", "<#C1>", "<@" + w.Helper + ">", ActionOff,
		"pinned:\n• <https://acme.slack.com/archives/C1/p", "|@channel see the wiki>\n• <", "|Security onboarding guide>",
	} {
		if !strings.Contains(welcome.Text+string(welcome.Blocks), s) {
			t.Errorf("welcome %s: missing %q", welcome.Text, s)
		}
	}
	// Again, now and an hour later: nothing new is sent.
	counts, _ := w.St.OutboxCounts(ctx)
	for _, at := range []time.Time{w.Clk.Now(), w.Clk.Now().Add(time.Hour)} {
		if _, err := sender.Send(ctx, at); err != nil {
			t.Fatal(err)
		}
	}
	if again, _ := w.St.OutboxCounts(ctx); fmt.Sprint(again) != fmt.Sprint(counts) {
		t.Errorf("got outbox %v after running again, want %v", again, counts)
	}
	for _, c := range []struct {
		kind, outcome string
		n             float64
	}{
		{nudge.Welcome, "sent", 1},
		{nudge.Welcome, "holdout", 1},
		{nudge.Reader, "sent", 1},
		{nudge.Reengage, "sent", 1},
		{nudge.Thank, "sent", 1},
	} {
		if got := testutil.ToFloat64(m.Nudges.WithLabelValues(c.kind, c.outcome)); got != c.n {
			t.Errorf("praxis_nudges_total{kind=%q,outcome=%q} = %v, want %v (runs again count nothing)",
				c.kind, c.outcome, got, c.n)
		}
	}
	if n := len(status(t, w)); n != len(want) {
		t.Errorf("got %d nudges after running again, want %d", n, len(want))
	}
}

func TestQuietHoursAndOptOut(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	evening := time.Date(2026, 11, 25, 21, 0, 0, 0, w.Paris)
	ds, err := newSender(w).Send(ctx, evening)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Member == w.Held {
			if d.Block != nudge.Holdout {
				t.Errorf("held-out member: got %q", d.Block)
			}
			continue
		}
		if d.Block != nudge.QuietTime || !d.Next.Equal(time.Date(2026, 11, 26, 8, 0, 0, 0, w.Paris)) {
			t.Errorf("%s at 21:00: got %q, next %v; want quiet until 08:00", d.Key, d.Block, d.Next)
		}
	}
	if c, _ := w.St.OutboxCounts(ctx); c["pending"] != 0 {
		t.Fatalf("got %v in the outbox during quiet hours, want nothing", c)
	}
	// The newcomer says "/praxis nudges off"; the reader presses the button.
	prefs, err := command.New(w.St, w.Dir(w.C), NewPrefs().Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	off := bot.Event{ID: "e1", Kind: bot.KindCommand, User: w.Newcomer, Channel: "C1",
		Command: bot.Command{Name: "/praxis", Text: "nudges off"}}
	typed, err := prefs.Prepare(ctx, off)
	if typed == nil || err != nil {
		t.Fatalf("got %v, %v; want the command handled", typed, err)
	}
	offButton := bot.Command{Name: ActionOff, Value: "off"}
	click := bot.Event{ID: "e2", Kind: bot.KindAction, User: w.Reader, Command: offButton}
	button, err := prefs.Prepare(ctx, click)
	if button == nil || err != nil {
		t.Fatalf("got %v, %v; want the button handled", button, err)
	}
	both := dispatch.Steps(typed, button)
	if err := w.St.Batch(ctx, func(tx *store.Tx) error { return both.Run(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	if r, ok := outboxRow(t, w, "reply:e1"); !ok || !strings.Contains(r.Payload, "will not send you nudges") {
		t.Errorf("got %+v, want the command answered", r)
	}
	ds, err = newSender(w).Send(ctx, time.Date(2026, 11, 26, 9, 0, 0, 0, w.Paris))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if (d.Member == w.Newcomer || d.Member == w.Reader) && d.Block != nudge.OptedOut {
			t.Errorf("%s: got %q, want opted out", d.Key, d.Block)
		}
	}
	if _, sent := outboxRow(t, w, nudge.Key(nudge.Welcome, w.Newcomer, "sec")); sent {
		t.Error("opted-out newcomer welcomed")
	}
	if _, sent := outboxRow(t, w, nudge.Key(nudge.Thank, w.Helper, "C1/"+w.Q3)); !sent {
		t.Error("helper not thanked in the morning")
	}
}

func TestContributedWithinSevenDays(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	if _, err := newSender(w).Send(ctx, w.Clk.Now()); err != nil {
		t.Fatal(err)
	}
	err := w.St.Batch(ctx, func(tx *store.Tx) error {
		at := w.Clk.Now().AddDate(0, 0, 2)
		if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(at),
			UserID: w.Newcomer, Text: "hi all", PostedAt: at}); err != nil {
			return err
		}
		return tx.AddReaction(ctx, store.Reaction{ChannelID: "C1", MessageTS: testkit.TS(at),
			UserID: w.Held, Name: "wave", At: at.Add(time.Hour)})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newSender(w).Send(ctx, w.Clk.Now().AddDate(0, 0, 8)); err != nil {
		t.Fatal(err)
	}
	ns, _ := w.St.Nudges(ctx, "")
	for _, n := range ns {
		want := n.Member == w.Newcomer || n.Member == w.Held
		if n.At.Equal(w.Clk.Now()) && (!n.Checked || n.Contributed != want) {
			t.Errorf("%s (%s): got checked %v, contributed %v; want contributed %v",
				n.Key, n.Status, n.Checked, n.Contributed, want)
		}
	}
}

func TestFrenchForAFrenchLocale(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	if err := w.St.PutMember(ctx, store.Member{ID: w.Newcomer, TZ: "Europe/Paris", Locale: "fr-FR"}); err != nil {
		t.Fatal(err)
	}
	if _, err := newSender(w).Send(ctx, w.Clk.Now()); err != nil {
		t.Fatal(err)
	}
	m := dm(t, w, nudge.Key(nudge.Welcome, w.Newcomer, "sec"))
	if !strings.Contains(m.Text, "Bienvenue dans *sec*") || !strings.Contains(string(m.Blocks), "Plus de relances") {
		t.Errorf("got %s, want French", m.Text)
	}
}

func TestCatalogComplete(t *testing.T) {
	if p := catalog.Problems(); len(p) > 0 {
		t.Fatalf("catalog problems: %v", p)
	}
}

// A decision another run recorded after this run's plan was read (a
// retried job, a second replica) is skipped, and every decision after it is
// still recorded and sent.
func TestADecisionAlreadyRecordedDoesNotStopTheOthers(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	now := w.Clk.Now()
	ds, err := w.N.Plan(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range ds {
		if d.Block == nudge.Allowed || d.Block == nudge.Holdout {
			want = append(want, d.Key)
		}
	}
	if len(want) < 3 {
		t.Fatalf("got %d decisions to record, want the world's several", len(want))
	}
	first := ds[slices.IndexFunc(ds, func(d nudge.Decision) bool { return d.Key == want[0] })]
	err = w.St.Batch(ctx, func(tx *store.Tx) error {
		if _, err := writeDecisions(ctx, tx, []nudge.Decision{first}, now.Add(-time.Minute)); err != nil {
			return err
		}
		rs, err := writeDecisions(ctx, tx, ds, now)
		if len(rs) != len(want)-1 {
			t.Errorf("got %d decisions recorded by the second run, want %d: %v", len(rs), len(want)-1, rs)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := status(t, w)
	for _, k := range want {
		if got[k] == "" {
			t.Errorf("%s: not recorded after %s was already", k, first.Key)
		}
	}
}
