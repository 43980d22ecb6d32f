package nudge

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
	"praxis/bot/outbox"
	"praxis/bot/record"
	"praxis/internal/testkit"
	"praxis/store"
)

// world is a community with one candidate of each kind, and a newcomer in
// the holdout.
type world struct {
	st              *store.Store
	clk             *testkit.Clock
	n               *Nudger
	opts            Options // n's
	c               bot.Community
	newcomer, held  string
	reader, regular string
	helper, asker   string
	q1, q2, q3      string // q1 open, q2 and q3 accepted (helper's answers)
	wed10           time.Time
}

func pickID(p Policy, prefix string, held bool) string {
	for i := 0; ; i++ {
		if id := fmt.Sprintf("%s%d", prefix, i); p.InHoldout(id) == held {
			return id
		}
	}
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{wed10: time.Date(2026, 11, 25, 10, 0, 0, 0, paris)}
	w.clk = testkit.NewClock(w.wed10)
	st := testkit.Store(t, w.clk.Now)
	w.st = st
	w.c = testkit.Community("sec", "C1")
	w.c.Vocation, w.c.Loc = "keep our systems safe", paris
	p := policyOf(w.c.Nudges)
	w.newcomer, w.held = pickID(p, "UN", false), pickID(p, "UH", true)
	w.reader, w.regular = pickID(p, "UR", false), pickID(p, "UG", false)
	w.helper, w.asker = pickID(p, "UT", false), pickID(p, "UA", false)
	now := w.wed10
	for _, id := range []string{w.newcomer, w.held, w.reader, w.regular, w.helper, w.asker} {
		if err := st.PutMember(ctx, store.Member{ID: id, TZ: "Europe/Paris"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.ImportChannelMembers(ctx, map[string][]string{"C1": {w.reader}}); err != nil {
		t.Fatal(err)
	}
	testkit.Do(t, st, func(tx *store.Tx) error {
		for _, id := range []string{w.newcomer, w.held} {
			if err := tx.Membership(ctx, "C1", id, true, testkit.TS(now.Add(-time.Hour)), now.Add(-time.Hour)); err != nil {
				return err
			}
		}
		for i := 0; i < 6; i++ { // the regular: every 2 days, until 10 days ago
			at := now.AddDate(0, 0, -10-2*i)
			if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(at),
				UserID: w.regular, Text: "tip", PostedAt: at}); err != nil {
				return err
			}
		}
		q := func(at time.Time, text string, answered bool) (string, error) {
			ts := testkit.TS(at)
			asked := store.Message{ChannelID: "C1", TS: ts, UserID: w.asker, Text: text, PostedAt: at}
			if err := tx.PutMessage(ctx, asked); err != nil {
				return "", err
			}
			question := store.Question{ChannelID: "C1", TS: ts, Asker: w.asker, AskedAt: at}
			if err := tx.AddQuestion(ctx, question, nil); err != nil || !answered {
				return ts, err
			}
			if err := tx.AnswerQuestion(ctx, "C1", ts, w.helper, at.Add(10*time.Minute)); err != nil {
				return "", err
			}
			return ts, tx.ResolveQuestion(ctx, "C1", ts, w.asker, "accepted", at.Add(20*time.Minute))
		}
		var err error
		if w.q1, err = q(now.Add(-2*time.Hour), "How do we rotate TLS certificates?", false); err != nil {
			return err
		}
		if w.q2, err = q(now.Add(-3*time.Hour), "Where are the audit logs?", true); err != nil {
			return err
		}
		if w.q3, err = q(now.Add(-4*time.Hour), "Who owns the WAF?", true); err != nil {
			return err
		}
		// A pinned guide, for the welcome; one with markup in its first line.
		guide := now.AddDate(0, -2, 0)
		if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(guide), UserID: w.helper,
			Text: "Security onboarding guide\nRead this first.", PostedAt: guide}); err != nil {
			return err
		}
		if err := tx.Pin(ctx, "C1", testkit.TS(guide), w.helper, guide); err != nil {
			return err
		}
		odd := guide.Add(time.Hour)
		if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(odd), UserID: w.helper,
			Text: "<!channel> see <https://wiki.acme.io/sec|the wiki>", PostedAt: odd}); err != nil {
			return err
		}
		return tx.Pin(ctx, "C1", testkit.TS(odd), w.helper, odd)
	})
	experts := func(_ context.Context, text, channel, asker string) ([]string, error) {
		return []string{w.regular}, nil
	}
	w.opts = Options{Experts: experts, URL: "https://acme.slack.com"}
	w.n = New(st, w.dir(w.c), bot.Deps{}, w.opts)
	return w
}

// dir is the directory of c alone, reading the world's members.
func (w *world) dir(c bot.Community) *bot.Directory {
	return bot.NewDirectory([]bot.Community{c}, testkit.Community(""), record.People(w.st))
}

func (w *world) outbox(t *testing.T, key string) (store.OutRow, bool) {
	t.Helper()
	r, err := w.st.OutboxByKey(context.Background(), key)
	if errors.Is(err, store.ErrNotFound) {
		return r, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return r, true
}

func (w *world) message(t *testing.T, key string) outbox.Message {
	t.Helper()
	r, _ := w.outbox(t, key)
	var m outbox.Message
	if err := json.Unmarshal([]byte(r.Payload), &m); err != nil {
		t.Fatalf("outbox %s: %v", key, err)
	}
	return m
}

func (w *world) status(t *testing.T) map[string]string {
	t.Helper()
	ns, err := w.st.Nudges(context.Background(), "")
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
	w := newWorld(t)
	m := metrics.New()
	w.n = New(w.st, w.dir(w.c), bot.Deps{Metrics: m}, w.opts)
	ds, err := w.n.Send(ctx, w.clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		Key(Welcome, w.newcomer, "sec"):      store.NudgeSent,
		Key(Welcome, w.held, "sec"):          store.NudgeHoldout,
		Key(Reader, w.reader, "C1/"+w.q1):    store.NudgeSent,
		Key(Reengage, w.regular, "C1/"+w.q1): store.NudgeSent,
		Key(Thank, w.helper, "C1/"+w.q3):     store.NudgeSent, // the older acceptance first
	}
	got := w.status(t)
	for k, s := range want {
		if got[k] != s {
			t.Errorf("nudge %s: got %q, want %q (all: %v)", k, got[k], s, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d nudges recorded, want %d: %v", len(got), len(want), got)
	}
	for k, s := range want {
		r, sent := w.outbox(t, k)
		if sent != (s == store.NudgeSent) {
			t.Errorf("outbox %s: got enqueued %v, want %v", k, sent, s == store.NudgeSent)
		}
		if sent && !strings.HasPrefix(r.ChannelID, "U") {
			t.Errorf("outbox %s: got channel %s, want a DM to the member", k, r.ChannelID)
		}
	}
	// The helper's second accepted answer waits: one nudge a week.
	var budget Decision
	for _, d := range ds {
		if d.Key == Key(Thank, w.helper, "C1/"+w.q2) {
			budget = d
		}
	}
	if budget.Block != Budget || !budget.Next.Equal(time.Date(2026, 11, 30, 8, 0, 0, 0, paris)) {
		t.Errorf("second thank: got %q, next %v; want budget until Monday 08:00", budget.Block, budget.Next)
	}
	welcome := w.message(t, Key(Welcome, w.newcomer, "sec"))
	for _, s := range []string{
		"keep our systems safe", "<#C1>", "<@" + w.helper + ">", ActionOff,
		"pinned:\n• <https://acme.slack.com/archives/C1/p", "|@channel see the wiki>\n• <", "|Security onboarding guide>",
	} {
		if !strings.Contains(welcome.Text+string(welcome.Blocks), s) {
			t.Errorf("welcome %s: missing %q", welcome.Text, s)
		}
	}
	// Again, now and an hour later: nothing new is sent.
	counts, _ := w.st.OutboxCounts(ctx)
	for _, at := range []time.Time{w.clk.Now(), w.clk.Now().Add(time.Hour)} {
		if _, err := w.n.Send(ctx, at); err != nil {
			t.Fatal(err)
		}
	}
	if again, _ := w.st.OutboxCounts(ctx); fmt.Sprint(again) != fmt.Sprint(counts) {
		t.Errorf("got outbox %v after running again, want %v", again, counts)
	}
	for _, c := range []struct {
		kind, outcome string
		n             float64
	}{{Welcome, "sent", 1}, {Welcome, "holdout", 1}, {Reader, "sent", 1}, {Reengage, "sent", 1}, {Thank, "sent", 1}} {
		if got := testutil.ToFloat64(m.Nudges.WithLabelValues(c.kind, c.outcome)); got != c.n {
			t.Errorf("praxis_nudges_total{kind=%q,outcome=%q} = %v, want %v (runs again count nothing)",
				c.kind, c.outcome, got, c.n)
		}
	}
	if n := len(w.status(t)); n != len(want) {
		t.Errorf("got %d nudges after running again, want %d", n, len(want))
	}
}

func TestQuietHoursAndOptOut(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	evening := time.Date(2026, 11, 25, 21, 0, 0, 0, paris)
	ds, err := w.n.Send(ctx, evening)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Member == w.held {
			if d.Block != Holdout {
				t.Errorf("held-out member: got %q", d.Block)
			}
			continue
		}
		if d.Block != QuietTime || !d.Next.Equal(time.Date(2026, 11, 26, 8, 0, 0, 0, paris)) {
			t.Errorf("%s at 21:00: got %q, next %v; want quiet until 08:00", d.Key, d.Block, d.Next)
		}
	}
	if c, _ := w.st.OutboxCounts(ctx); c["pending"] != 0 {
		t.Fatalf("got %v in the outbox during quiet hours, want nothing", c)
	}
	// The newcomer says "/praxis nudges off"; the reader presses the button.
	prefs, err := command.New(w.st, w.dir(w.c), NewPrefs().Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	off := bot.Event{ID: "e1", Kind: bot.KindCommand, User: w.newcomer, Channel: "C1",
		Command: bot.Command{Name: "/praxis", Text: "nudges off"}}
	typed, err := prefs.Prepare(ctx, off)
	if typed == nil || err != nil {
		t.Fatalf("got %v, %v; want the command handled", typed, err)
	}
	offButton := bot.Command{Name: ActionOff, Value: "off"}
	click := bot.Event{ID: "e2", Kind: bot.KindAction, User: w.reader, Command: offButton}
	button, err := prefs.Prepare(ctx, click)
	if button == nil || err != nil {
		t.Fatalf("got %v, %v; want the button handled", button, err)
	}
	both := dispatch.Steps(typed, button)
	if err := w.st.Batch(ctx, func(tx *store.Tx) error { return both.Run(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	if r, ok := w.outbox(t, "reply:e1"); !ok || !strings.Contains(r.Payload, "will not send you nudges") {
		t.Errorf("got %+v, want the command answered", r)
	}
	ds, err = w.n.Send(ctx, time.Date(2026, 11, 26, 9, 0, 0, 0, paris))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if (d.Member == w.newcomer || d.Member == w.reader) && d.Block != OptedOut {
			t.Errorf("%s: got %q, want opted out", d.Key, d.Block)
		}
	}
	if _, sent := w.outbox(t, Key(Welcome, w.newcomer, "sec")); sent {
		t.Error("opted-out newcomer welcomed")
	}
	if _, sent := w.outbox(t, Key(Thank, w.helper, "C1/"+w.q3)); !sent {
		t.Error("helper not thanked in the morning")
	}
}

func TestContributedWithinSevenDays(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	if _, err := w.n.Send(ctx, w.clk.Now()); err != nil {
		t.Fatal(err)
	}
	err := w.st.Batch(ctx, func(tx *store.Tx) error {
		at := w.clk.Now().AddDate(0, 0, 2)
		if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(at),
			UserID: w.newcomer, Text: "hi all", PostedAt: at}); err != nil {
			return err
		}
		return tx.AddReaction(ctx, store.Reaction{ChannelID: "C1", MessageTS: testkit.TS(at),
			UserID: w.held, Name: "wave", At: at.Add(time.Hour)})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.n.Send(ctx, w.clk.Now().AddDate(0, 0, 8)); err != nil {
		t.Fatal(err)
	}
	ns, _ := w.st.Nudges(ctx, "")
	for _, n := range ns {
		want := n.Member == w.newcomer || n.Member == w.held
		if n.At.Equal(w.clk.Now()) && (!n.Checked || n.Contributed != want) {
			t.Errorf("%s (%s): got checked %v, contributed %v; want contributed %v",
				n.Key, n.Status, n.Checked, n.Contributed, want)
		}
	}
}

func TestFrenchForAFrenchLocale(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	if err := w.st.PutMember(ctx, store.Member{ID: w.newcomer, TZ: "Europe/Paris", Locale: "fr-FR"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.n.Send(ctx, w.clk.Now()); err != nil {
		t.Fatal(err)
	}
	m := w.message(t, Key(Welcome, w.newcomer, "sec"))
	if !strings.Contains(m.Text, "Bienvenue dans *sec*") || !strings.Contains(string(m.Blocks), "Plus de relances") {
		t.Errorf("got %s, want French", m.Text)
	}
}

func TestCatalogComplete(t *testing.T) {
	if p := catalog.Problems(); len(p) > 0 {
		t.Fatalf("catalog problems: %v", p)
	}
}

// An open question is ranked once for several hourly runs, again once the
// ranking is six hours old.
func TestRankingsReusedAcrossRuns(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	calls := 0
	w.n.opts.Experts = func(_ context.Context, text, channel, asker string) ([]string, error) {
		calls++
		return []string{w.regular}, nil
	}
	now := w.clk.Now()
	for _, at := range []time.Time{now, now.Add(time.Hour), now.Add(5 * time.Hour)} {
		if _, err := w.n.Plan(ctx, at); err != nil {
			t.Fatal(err)
		}
	}
	first := calls
	if first == 0 {
		t.Fatal("no question ranked")
	}
	if _, err := w.n.Plan(ctx, now.Add(7*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if calls != 2*first {
		t.Errorf("got %d rankings after 7 hours, want %d: each open question ranked once per 6 hours", calls, 2*first)
	}
}

// A private channel's pins and open questions never reach a nudge: the
// welcome and the reader's first step quote public channels only.
func TestNudgesQuoteNoPrivateChannel(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	c := w.c
	c.Channels = []bot.Channel{{ID: "C1", Name: "security", Private: true}}
	ds, err := New(w.st, w.dir(c), bot.Deps{}, w.opts).Plan(ctx, w.clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Kind == Reader || d.Kind == Reengage || len(d.Content.Pins) > 0 {
			t.Errorf("got %s for %s quoting %q, pins %v: from a private channel",
				d.Kind, d.Member, d.Content.Question, d.Content.Pins)
		}
	}
	if !slices.ContainsFunc(ds, func(d Decision) bool { return d.Kind == Welcome }) {
		t.Error("got no welcome at all")
	}
}
