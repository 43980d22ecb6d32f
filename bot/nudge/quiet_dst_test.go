package nudge_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot/nudge"
	"praxis/bot/nudge/nudgetest"
	"praxis/internal/testkit"
	"praxis/store"
)

// A regular's active days are dates of their own calendar, whose offset
// moves with daylight saving time: a post at 00:30 and one at 23:30 make
// one day, in the weeks before the clocks change as after. Here a member
// posts on Mondays, Wednesdays and Fridays (every 2 working days) for three
// weeks, up to the Friday before a change; they are missed after twice
// that: not on the Thursday after the change (4 working days), on the
// Friday (5). In Paris and in New York, at both changes of each; and for a
// member in New York in a Paris community, whose days are New York's.
func TestQuietAcrossDaylightSavingTime(t *testing.T) {
	for _, c := range []struct {
		community, member string
		change            [3]int // the Sunday the clocks change
	}{
		{"Europe/Paris", "Europe/Paris", [3]int{2026, 3, 29}},
		{"Europe/Paris", "Europe/Paris", [3]int{2026, 10, 25}},
		{"America/New_York", "America/New_York", [3]int{2026, 3, 8}},
		{"America/New_York", "America/New_York", [3]int{2026, 11, 1}},
		{"Europe/Paris", "America/New_York", [3]int{2026, 11, 1}},
	} {
		loc := testkit.Zone(t, c.member)
		sunday := time.Date(c.change[0], time.Month(c.change[1]), c.change[2], 12, 0, 0, 0, loc)
		t.Run(sunday.Format("2006-01-02 ")+c.member+" in "+c.community, func(t *testing.T) {
			w, opts := dstWorld(t, testkit.Zone(t, c.community), c.member, sunday)
			for _, at := range []struct {
				days int
				want bool
			}{{4, false}, {5, true}} {
				now := sunday.AddDate(0, 0, at.days)
				ds, err := nudge.New(w.St, w.Dir(w.C), opts).Plan(context.Background(), now)
				if err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(ds, func(d nudge.Decision) bool {
					return d.Kind == nudge.Reengage && d.Member == "UDST"
				})
				if got := i >= 0; got != at.want {
					t.Errorf("%s: got missed %v, want %v", now.Format("Mon 2 Jan"), got, at.want)
				} else if got && (!strings.HasPrefix(ds[i].Why, "silent for 5 working days (") ||
					!strings.Contains(ds[i].Why, "usually every 2 working days;")) {
					t.Errorf("got why %q, want 5 working days of silence against a rhythm of 2", ds[i].Why)
				}
			}
		})
	}
}

// dstWorld is nudgetest's community, working in community's zone, with a
// member of zone who posted at 00:30 and 23:30 on the Mondays, Wednesdays
// and Fridays of the three weeks before sunday, and a question asked on
// sunday that the experts rank them first for.
func dstWorld(t *testing.T, community *time.Location, zone string, sunday time.Time) (*nudgetest.World,
	nudge.Options) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	w.C.Loc, w.C.Hours.Loc = community, community
	if err := w.St.PutMember(ctx, store.Member{ID: "UDST", TZ: zone}); err != nil {
		t.Fatal(err)
	}
	testkit.Do(t, w.St, func(tx *store.Tx) error {
		for _, back := range []int{2, 4, 6, 9, 11, 13, 16, 18, 20} { // Fri, Wed, Mon, …
			d := sunday.AddDate(0, 0, -back)
			for _, hm := range [][2]int{{0, 30}, {23, 30}} {
				at := time.Date(d.Year(), d.Month(), d.Day(), hm[0], hm[1], 0, 0, sunday.Location())
				err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(at), UserID: "UDST",
					Text: "tip", PostedAt: at})
				if err != nil {
					return err
				}
			}
		}
		ts := testkit.TS(sunday)
		m := store.Message{ChannelID: "C1", TS: ts, UserID: w.Asker, Text: "CSP?", PostedAt: sunday}
		if err := tx.PutMessage(ctx, m); err != nil {
			return err
		}
		return tx.AddQuestion(ctx, store.Question{ChannelID: "C1", TS: ts, Asker: w.Asker, AskedAt: sunday}, nil)
	})
	opts := w.Opts
	opts.Experts = func(context.Context, string, string, string) ([]string, error) { return []string{"UDST"}, nil }
	return w, opts
}
