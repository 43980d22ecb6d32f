package slackedge

import (
	"context"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/question"
	"praxis/internal/testkit"
	"praxis/store"
)

// thanksWorld is a community with a weekly recognition ritual and one
// answer accepted on 10 November, at the clock's now.
type thanksWorld struct {
	st  *store.Store
	clk *testkit.Clock
	c   bot.Community
	p   *Planner
}

func newThanksWorld(t *testing.T, lang string) *thanksWorld {
	clk := testkit.NewClock(testkit.UTC("2026-12-01T09:00:00Z"))
	st := testkit.Store(t, clk.Now)
	paris := testkit.Zone(t, "Europe/Paris")
	c := testkit.Community("Guilde data", "C0DATA")
	c.Language, c.Loc, c.Facilitators = lang, paris, []string{"UFACIL"}
	c.Rituals = []bot.Ritual{{Kind: bot.RitualRecognition, Spec: "0 10 * * MON", ChannelID: "C0DATA"}}
	ctx := context.Background()
	at := testkit.UTC("2026-11-10T09:00:00Z")
	q := testkit.Post(t, st, "C0DATA", "UASK", "", "Who knows Airflow?", at)
	a := testkit.Post(t, st, "C0DATA", "UANNA", q, "I do.", at.Add(time.Hour))
	testkit.Do(t, st, func(tx *store.Tx) error {
		if err := tx.AddQuestion(ctx, store.Question{ChannelID: "C0DATA", TS: q, Asker: "UASK", AskedAt: at,
			Why: "question mark"}, question.AcceptNames); err != nil {
			return err
		}
		return tx.AddReaction(ctx, store.Reaction{ChannelID: "C0DATA", MessageTS: a, UserID: "UASK",
			Name: "white_check_mark", At: at.Add(2 * time.Hour)})
	})
	d := bot.Deps{Now: clk.Now}
	return &thanksWorld{st: st, clk: clk, c: c, p: New(st, []bot.Community{c}, d, Options{})}
}

// The recognition ritual thanks the month before its run, once: run again
// in the same month (its schedule is weekly), it posts nothing more; a
// month nobody helped in posts nothing at all.
func TestRecognitionOncePerMonth(t *testing.T) {
	w := newThanksWorld(t, "fr")
	ctx := context.Background()
	paris := w.c.Loc
	job := JobName(w.c.Name, 0, bot.RitualRecognition)
	for _, at := range []string{"2026-11-30T23:00:00Z", "2026-12-07T09:00:00Z"} { // Monday 1 and 7 December, Paris
		if err := w.p.Post(ctx, job, w.c, w.c.Rituals[0], period(at, paris)); err != nil {
			t.Fatal(err)
		}
	}
	row, err := w.st.OutboxByKey(ctx, job+":2026-11")
	if err != nil {
		t.Fatalf("November's thanks: %v", err)
	}
	if got := text(t, row.OutMessage); row.ChannelID != "C0DATA" ||
		!strings.Contains(got, "novembre 2026") || !strings.Contains(got, "• <@UANNA> : 1 réponse acceptée") {
		t.Errorf("got %q in %s, want Anna thanked for November in C0DATA, in French", got, row.ChannelID)
	}
	if err := w.p.Post(ctx, job, w.c, w.c.Rituals[0], period("2027-01-04T09:00:00Z", paris)); err != nil {
		t.Fatal(err)
	}
	if counts, _ := w.st.OutboxCounts(ctx); counts[store.OutPending] != 1 {
		t.Errorf("got %d posts, want November's alone (posted once; nobody helped in December)",
			counts[store.OutPending])
	}
}

// `/praxis recognition now` posts last month's thanks for a facilitator,
// once between it and the schedule; anyone else is refused. `off` and `on`
// record a member's own choice, which the next thanks obey.
func TestRecognitionCommand(t *testing.T) {
	w := newThanksWorld(t, "en")
	ctx := context.Background()
	dir := bot.NewDirectory([]bot.Community{w.c}, testkit.Community(""), nil)
	resp, err := command.New(w.st, dir, NewRecognition(w.p, dir).Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	ask := func(id, user, said string) string {
		t.Helper()
		ev := bot.Event{ID: id, Kind: bot.KindCommand, User: user, Channel: "C0DATA",
			Command: bot.Command{Name: "/praxis", Text: said}}
		step, err := resp.Prepare(ctx, ev)
		if step == nil || err != nil {
			t.Fatalf("%s: got %v, %v; want the command handled", said, step, err)
		}
		testkit.Do(t, w.st, func(tx *store.Tx) error { return step(ctx, tx) })
		row, err := w.st.OutboxByKey(ctx, "reply:"+id)
		if err != nil {
			t.Fatalf("%s: no answer: %v", said, err)
		}
		return text(t, row.OutMessage)
	}
	if got := ask("e1", "UANNA", "recognition now"); !strings.Contains(got, "no community with a recognition ritual") {
		t.Errorf("a member's now: got %q, want refused", got)
	}
	if got := ask("e2", "UFACIL", "recognition now"); got !=
		"Guilde data: the thanks for November 2026 are posted in <#C0DATA>." {
		t.Errorf("a facilitator's now: got %q", got)
	}
	if got := ask("e3", "UFACIL", "recognition now Guilde data"); !strings.Contains(got, "were already posted") {
		t.Errorf("again: got %q, want already posted", got)
	}
	if _, err := w.st.OutboxByKey(ctx, JobName(w.c.Name, 0, bot.RitualRecognition)+":2026-11"); err != nil {
		t.Errorf("the post is not under the schedule's key: %v", err)
	}
	if got := ask("e4", "UANNA", "reconnaissance non"); !strings.Contains(got, "will not name you") {
		t.Errorf("off: got %q", got)
	}
	if ts, err := w.p.Thanks(ctx, w.c); err != nil || len(ts) != 1 || len(ts[0].Messages) != 0 {
		t.Errorf("after off: got %+v, %v; want nobody to thank", ts, err)
	}
	ask("e5", "UANNA", "recognition on")
	if ts, _ := w.p.Thanks(ctx, w.c); len(ts) != 1 || len(ts[0].Messages) != 1 {
		t.Errorf("after on: got %+v, want Anna thanked again", ts)
	}
	if got := ask("e6", "UANNA", "recognition maybe"); !strings.Contains(got, "`/praxis recognition off`") {
		t.Errorf("usage: got %q", got)
	}
}

func TestThanksCatalog(t *testing.T) {
	if p := thanksCatalog.Problems(); len(p) > 0 {
		t.Error(p)
	}
}
