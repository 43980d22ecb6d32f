package nudge_test

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/nudge"
	"praxis/bot/nudge/nudgetest"
	"praxis/bot/record"
	"praxis/internal/testkit"
	"praxis/store"
)

// An open question is ranked once for several hourly runs, again once the
// ranking is six hours old.
func TestRankingsReusedAcrossRuns(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	calls := 0
	n := nudge.New(w.St, w.Dir(w.C), nudge.Options{
		Experts: func(_ context.Context, text, channel, asker string) ([]string, error) {
			calls++
			return []string{w.Regular}, nil
		},
	})
	now := w.Clk.Now()
	for _, at := range []time.Time{now, now.Add(time.Hour), now.Add(5 * time.Hour)} {
		if _, err := n.Plan(ctx, at); err != nil {
			t.Fatal(err)
		}
	}
	first := calls
	if first == 0 {
		t.Fatal("no question ranked")
	}
	if _, err := n.Plan(ctx, now.Add(7*time.Hour)); err != nil {
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
	w := nudgetest.NewWorld(t)
	c := w.C
	c.Channels = []bot.Channel{{ID: "C1", Name: "security", Private: true}}
	ds, err := nudge.New(w.St, w.Dir(c), w.Opts).Plan(ctx, w.Clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Kind == nudge.Reader || d.Kind == nudge.Reengage || len(d.Content.Pins) > 0 {
			t.Errorf("got %s for %s quoting %q, pins %v: from a private channel",
				d.Kind, d.Member, d.Content.Question, d.Content.Pins)
		}
	}
	if !slices.ContainsFunc(ds, func(d nudge.Decision) bool { return d.Kind == nudge.Welcome }) {
		t.Error("got no welcome at all")
	}
}

// A newcomer who joins a second community in the week they were welcomed
// to a first, which they ignored, and after a first step offered this week,
// is welcomed by the second as well: welcomes wait for no budget or
// back-off. Nor do they spend the budget: a helper welcomed this week is
// thanked this week.
func TestEachCommunityWelcomesItsNewcomers(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	now := w.Clk.Now()
	ops := testkit.Community("ops", "C2")
	dir := bot.NewDirectory([]bot.Community{w.C, ops}, testkit.Community(""), record.People(w.St))
	testkit.Do(t, w.St, func(tx *store.Tx) error {
		for _, n := range []store.Nudge{
			{Kind: nudge.Welcome, Community: "sec", Subject: "sec", At: now.AddDate(0, 0, -9)},
			{Kind: nudge.Reader, Community: "sec", Subject: "C1/" + w.Q1, At: now.AddDate(0, 0, -1)},
			{Member: w.Helper, Kind: nudge.Welcome, Community: "ops", Subject: "ops", At: now.AddDate(0, 0, -1)},
		} {
			n.Member = cmp.Or(n.Member, w.Newcomer)
			n.Key, n.Status = nudge.Key(n.Kind, n.Member, n.Subject), store.NudgeSent
			if _, err := tx.AddNudge(ctx, n); err != nil {
				return err
			}
		}
		return tx.Membership(ctx, "C2", w.Newcomer, true, testkit.TS(now.Add(-time.Hour)), now.Add(-time.Hour))
	})
	if _, err := w.St.SettleNudges(ctx, now); err != nil {
		t.Fatal(err)
	}
	ds, err := nudge.New(w.St, dir, w.Opts).Plan(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	welcome, thank := nudge.Key(nudge.Welcome, w.Newcomer, "ops"), nudge.Key(nudge.Thank, w.Helper, "C1/"+w.Q3)
	for _, key := range []string{welcome, thank} {
		i := slices.IndexFunc(ds, func(d nudge.Decision) bool { return d.Key == key })
		if i < 0 {
			t.Errorf("%s: not planned", key)
		} else if ds[i].Block != nudge.Allowed {
			t.Errorf("%s: got kept back (%s), want sent now", key, ds[i].Block)
		}
	}
}

// A regular who posts every working day is not missed over a weekend: the
// silence and the usual rhythm count the community's working days.
func TestQuietCountsWorkingDays(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	c := w.C
	c.Hours.Loc = w.Paris
	daily := "UD1"
	testkit.Do(t, w.St, func(tx *store.Tx) error {
		for d := 9; d <= 20; d++ { // Monday 9 to Friday 20 November, working days only
			at := time.Date(2026, 11, d, 11, 0, 0, 0, w.Paris)
			if at.Weekday() == time.Saturday || at.Weekday() == time.Sunday {
				continue
			}
			m := store.Message{ChannelID: "C1", TS: testkit.TS(at), UserID: daily, Text: "tip", PostedAt: at}
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		sun := time.Date(2026, 11, 22, 12, 0, 0, 0, w.Paris) // a question open all week
		asked := store.Message{ChannelID: "C1", TS: testkit.TS(sun), UserID: w.Asker, Text: "CSP?", PostedAt: sun}
		if err := tx.PutMessage(ctx, asked); err != nil {
			return err
		}
		return tx.AddQuestion(ctx, store.Question{ChannelID: "C1", TS: asked.TS, Asker: w.Asker, AskedAt: sun}, nil)
	})
	opts := w.Opts
	opts.Experts = func(context.Context, string, string, string) ([]string, error) { return []string{daily}, nil }
	for _, c2 := range []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 11, 23, 12, 0, 0, 0, w.Paris), false}, // Monday: 1 working day
		{time.Date(2026, 11, 24, 12, 0, 0, 0, w.Paris), false}, // Tuesday: 2
		{time.Date(2026, 11, 25, 12, 0, 0, 0, w.Paris), true},  // Wednesday: 3, more than twice 1
	} {
		ds, err := nudge.New(w.St, w.Dir(c), opts).Plan(ctx, c2.at)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(ds, func(d nudge.Decision) bool { return d.Kind == nudge.Reengage && d.Member == daily })
		if got := i >= 0; got != c2.want {
			t.Errorf("%s: got missed %v, want %v", c2.at.Format("Monday"), got, c2.want)
		} else if got && !strings.HasPrefix(ds[i].Why, "silent for 3 working days (5d), usually every 1 working day;") {
			t.Errorf("got why %q, want it counted in working days", ds[i].Why)
		}
	}
}
