package nudge_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/nudge"
	"praxis/bot/nudge/nudgetest"
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
