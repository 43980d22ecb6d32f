package slackedge

import (
	"context"
	"fmt"
	"testing"
	"time"

	"praxis/bot"
	"praxis/store"
)

// A question ends the same whatever order Slack delivers its thread in: a
// thanks delivered before its question still resolves it as thanked (it
// lost its resolution), a ✅ taken back still accepted, a question whose
// deletion came first is followed closed, and the strongest resolution wins
// (solved, then accepted, then thanked) however they arrive.
func TestTrackerSettlesWhateverTheOrder(t *testing.T) {
	w := newWorld(t)
	tr := NewTracker(engine(w), w.St, testMapping, "UPRAXIS", nil)
	ctx := context.Background()
	base := int64(1790000000)
	for _, sc := range []struct {
		name   string
		events func(ts func(int) string) []bot.Event
		want   string // resolution, first answerer, closed
	}{
		{"a thanks", func(ts func(int) string) []bot.Event {
			return []bot.Event{msg("C1", "UALICE", ts(0), "", "How do I rotate the vault token?"),
				msg("C1", "UBOB", ts(1), ts(0), "vault operator rekey"),
				msg("C1", "UALICE", ts(2), ts(0), "Thanks, that worked!")}
		}, "thanked UBOB false"},
		{"a thanks before any answer", func(ts func(int) string) []bot.Event {
			return []bot.Event{msg("C1", "UALICE", ts(0), "", "How do I rotate the vault token?"),
				msg("C1", "UALICE", ts(1), ts(0), "Thanks!"),
				msg("C1", "UBOB", ts(2), ts(0), "vault operator rekey")}
		}, " UBOB false"},
		{"a ✅ taken back", func(ts func(int) string) []bot.Event {
			return []bot.Event{msg("C1", "UDAVE", ts(0), "", "Why does terraform plan hang on the lock?"),
				msg("C1", "UEVE", ts(1), ts(0), "a stale lock in DynamoDB"),
				tick(bot.KindReactionAdded, ts(1), "UDAVE", ts(2)), tick(bot.KindReactionRemoved, ts(1), "UDAVE", ts(3))}
		}, "accepted UEVE false"},
		{"solved beats thanked", func(ts func(int) string) []bot.Event {
			return []bot.Event{msg("C1", "UEVE", ts(0), "", "Is staging down for anyone else?"),
				msg("C1", "UALICE", ts(1), ts(0), "yes, maintenance"),
				msg("C1", "UEVE", ts(2), ts(0), "thanks!"),
				tick(bot.KindReactionAdded, ts(0), "UEVE", ts(3))}
		}, "solved UALICE false"},
		{"a deleted question", func(ts func(int) string) []bot.Event {
			return []bot.Event{msg("C1", "UCAROL", ts(0), "", "Who owns the billing service?"),
				{ID: "D" + ts(0), Kind: bot.KindDelete, Channel: "C1", TS: ts(0), Time: tsTime(ts(1))}}
		}, " - true"},
		{"an answer first seen through its edit", func(ts func(int) string) []bot.Event {
			edit := msg("C1", "UBOB", ts(1), ts(0), "use `vault operator rekey`")
			edit.ID, edit.Kind, edit.EditedTS, edit.Time = "E"+ts(2), bot.KindEdit, ts(2), tsTime(ts(2))
			return []bot.Event{msg("C1", "UALICE", ts(0), "", "How do I rekey vault?"), edit}
		}, " UBOB false"},
	} {
		t.Run(sc.name, func(t *testing.T) {
			evs0 := sc.events(func(int) string { return "" })
			for i, order := range orders(len(evs0)) {
				base += 1000
				first := base
				ts := func(k int) string { return fmt.Sprintf("%d.%06d", first+int64(k)*60, k+1) }
				evs := sc.events(ts)
				shuffledEvs := make([]bot.Event, len(evs))
				for j, k := range order {
					shuffledEvs[j] = evs[k]
				}
				apply(t, w.St, tr, shuffledEvs...)
				q, err := w.St.QuestionByTS(ctx, "C1", ts(0))
				if err != nil {
					t.Fatalf("order %d %v: %v", i, order, err)
				}
				answerer := q.FirstAnswerer
				if answerer == "" {
					answerer = "-"
				}
				if got := fmt.Sprintf("%s %s %v", q.Resolution, answerer, q.Closed); got != sc.want {
					t.Errorf("order %v: got %q, want %q", order, got, sc.want)
				}
			}
		})
	}
}

func tick(kind bot.Kind, on, user, at string) bot.Event {
	return bot.Event{
		ID:       string(kind) + on + at,
		Kind:     kind,
		Channel:  "C1",
		User:     user,
		TS:       on,
		Reaction: "white_check_mark",
		Time:     tsTime(at),
	}
}

func tsTime(ts string) time.Time {
	t, _ := store.ParseTS(ts)
	return t
}

// orders returns every order of 0..n-1.
func orders(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range orders(n - 1) {
		for i := 0; i <= len(p); i++ {
			out = append(out, append(append(append([]int{}, p[:i]...), n-1), p[i:]...))
		}
	}
	return out
}
