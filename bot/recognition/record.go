package recognition

import (
	"context"
	"time"

	"praxis/bot"
	"praxis/store"
)

// Record is a member's own help over a period, for their Home: the
// individual interest in taking part. Their own, so it counts every
// channel of theirs, private ones too, whatever they chose about being
// named.
type Record struct {
	From, To    time.Time
	Helper                     // Member and the figures, over every community
	Communities []Contribution // where, in the configuration's order
}

// Contribution is a member's help in one community.
type Contribution struct {
	Community string
	Helper
}

// MemberRecord reads member's help in communities cs in [from, to).
func MemberRecord(ctx context.Context, st *store.Store, member string, cs []bot.Community,
	from, to time.Time) (Record, error) {
	rec := Record{From: from, To: to, Helper: Helper{Member: member}}
	all := newTally()
	for _, c := range cs {
		replies, err := st.HelpReplies(ctx, c.ChannelIDs(), from.Add(-lookback), to, member)
		if err != nil {
			return rec, err
		}
		t := credit(replies, from, to)[member]
		if t == nil {
			continue
		}
		if h := t.helper(member); h.Answered+h.Helps() > 0 {
			rec.Communities = append(rec.Communities, Contribution{Community: c.Name, Helper: h})
			all.add(t)
		}
	}
	rec.Helper = all.helper(member)
	return rec, nil
}

// Month returns the calendar month before the one at is in, on loc's
// calendar: the month the ritual run at at thanks its helpers for.
func Month(at time.Time, loc *time.Location) (from, to time.Time) {
	y, m, _ := at.In(loc).Date()
	to = time.Date(y, m, 1, 0, 0, 0, 0, loc)
	return to.AddDate(0, -1, 0), to
}

// Quarter returns the start of the calendar quarter at is in, on loc's
// calendar, and at: the quarter so far, which a member's record covers.
func Quarter(at time.Time, loc *time.Location) (from, to time.Time) {
	y, m, _ := at.In(loc).Date()
	return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, loc), at
}
