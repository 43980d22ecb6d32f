// Package nudgetest is the community the nudge packages test on: the
// Nudger's planning and its Slack edge's sending read the same seeded
// store.
package nudgetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/nudge"
	"praxis/bot/record"
	"praxis/internal/testkit"
	"praxis/store"
)

// World is a community ("sec", channel C1, in Paris) with one candidate of
// each kind, and a newcomer in the holdout, on Wednesday 25 November 2026
// at 10:00.
type World struct {
	St              *store.Store
	Clk             *testkit.Clock
	Paris           *time.Location
	N               *nudge.Nudger // over Dir(C), with Opts
	Opts            nudge.Options
	C               bot.Community
	Newcomer, Held  string
	Reader, Regular string
	Helper, Asker   string
	Q1, Q2, Q3      string // Q1 open, Q2 and Q3 accepted (Helper's answers)
	Wed10           time.Time
}

// pickID returns the first id of prefix whose place in or out of p's
// holdout is held.
func pickID(p nudge.Policy, prefix string, held bool) string {
	for i := 0; ; i++ {
		if id := fmt.Sprintf("%s%d", prefix, i); p.InHoldout(id) == held {
			return id
		}
	}
}

// NewWorld writes the world in a new store; its experts rank Regular
// first for any question.
func NewWorld(t testing.TB) *World {
	t.Helper()
	ctx := context.Background()
	paris := testkit.Zone(t, "Europe/Paris")
	w := &World{Paris: paris, Wed10: time.Date(2026, 11, 25, 10, 0, 0, 0, paris)}
	w.Clk = testkit.NewClock(w.Wed10)
	st := testkit.Store(t, w.Clk.Now)
	w.St = st
	w.C = testkit.Community("sec", "C1")
	w.C.Vocation, w.C.Loc = "keep our systems safe", paris
	p := nudge.Policy{HoldoutPercent: w.C.Nudges.HoldoutPercent} // who is held out
	w.Newcomer, w.Held = pickID(p, "UN", false), pickID(p, "UH", true)
	w.Reader, w.Regular = pickID(p, "UR", false), pickID(p, "UG", false)
	w.Helper, w.Asker = pickID(p, "UT", false), pickID(p, "UA", false)
	now := w.Wed10
	for _, id := range []string{w.Newcomer, w.Held, w.Reader, w.Regular, w.Helper, w.Asker} {
		if err := st.PutMember(ctx, store.Member{ID: id, TZ: "Europe/Paris"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.ImportChannelMembers(ctx, map[string][]string{"C1": {w.Reader}}); err != nil {
		t.Fatal(err)
	}
	testkit.Do(t, st, func(tx *store.Tx) error {
		for _, id := range []string{w.Newcomer, w.Held} {
			if err := tx.Membership(ctx, "C1", id, true, testkit.TS(now.Add(-time.Hour)), now.Add(-time.Hour)); err != nil {
				return err
			}
		}
		for i := 0; i < 6; i++ { // the regular: every 2 days, until 10 days ago
			at := now.AddDate(0, 0, -10-2*i)
			if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(at),
				UserID: w.Regular, Text: "tip", PostedAt: at}); err != nil {
				return err
			}
		}
		q := func(at time.Time, text string, answered bool) (string, error) {
			ts := testkit.TS(at)
			asked := store.Message{ChannelID: "C1", TS: ts, UserID: w.Asker, Text: text, PostedAt: at}
			if err := tx.PutMessage(ctx, asked); err != nil {
				return "", err
			}
			question := store.Question{ChannelID: "C1", TS: ts, Asker: w.Asker, AskedAt: at}
			if err := tx.AddQuestion(ctx, question, nil); err != nil || !answered {
				return ts, err
			}
			if err := tx.AnswerQuestion(ctx, "C1", ts, w.Helper, at.Add(10*time.Minute)); err != nil {
				return "", err
			}
			return ts, tx.ResolveQuestion(ctx, "C1", ts, w.Asker, "accepted", at.Add(20*time.Minute))
		}
		var err error
		if w.Q1, err = q(now.Add(-2*time.Hour), "How do we rotate TLS certificates?", false); err != nil {
			return err
		}
		if w.Q2, err = q(now.Add(-3*time.Hour), "Where are the audit logs?", true); err != nil {
			return err
		}
		if w.Q3, err = q(now.Add(-4*time.Hour), "Who owns the WAF?", true); err != nil {
			return err
		}
		// A pinned guide, for the welcome; one with markup in its first line.
		guide := now.AddDate(0, -2, 0)
		if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(guide), UserID: w.Helper,
			Text: "Security onboarding guide\nRead this first.", PostedAt: guide}); err != nil {
			return err
		}
		if err := tx.Pin(ctx, "C1", testkit.TS(guide), w.Helper, guide); err != nil {
			return err
		}
		odd := guide.Add(time.Hour)
		if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(odd), UserID: w.Helper,
			Text: "<!channel> see <https://wiki.acme.io/sec|the wiki>", PostedAt: odd}); err != nil {
			return err
		}
		return tx.Pin(ctx, "C1", testkit.TS(odd), w.Helper, odd)
	})
	experts := func(_ context.Context, text, channel, asker string) ([]string, error) {
		return []string{w.Regular}, nil
	}
	w.Opts = nudge.Options{Experts: experts, URL: "https://acme.slack.com"}
	w.N = nudge.New(st, w.Dir(w.C), w.Opts)
	return w
}

// Dir is the directory of c alone, reading the world's members.
func (w *World) Dir(c bot.Community) *bot.Directory {
	return bot.NewDirectory([]bot.Community{c}, testkit.Community(""), record.People(w.St))
}
