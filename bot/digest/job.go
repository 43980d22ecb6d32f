package digest

import (
	"context"
	"fmt"
	"time"

	"praxis/bot/config"
	"praxis/bot/outbox"
	"praxis/bot/schedule"
	"praxis/store"
)

// JobName is the scheduler job sending the digests.
const JobName = "digest"

// Job is the hourly job (UTC) sending the digests due in each hour.
func (b *Builder) Job() schedule.Job {
	return schedule.Job{Name: JobName, Spec: "0 * * * *", Loc: time.UTC, Timeout: 50 * time.Minute, Fn: b.Send}
}

// due is a member whose digest is due in a period.
type due struct {
	member, period string
	daily          bool
}

// dueIn returns the members whose digest is due in period p: their local
// digest hour began in it, and their frequency calls for one that day
// (weekly: on their community's weekday). A member's own choice of
// frequency or hour overrides their community's.
func (b *Builder) dueIn(ctx context.Context, p schedule.Period) ([]due, error) {
	st := b.st
	ms, err := st.Members(ctx)
	if err != nil {
		return nil, err
	}
	chans, err := st.CurrentChannelMembers(ctx)
	if err != nil {
		return nil, err
	}
	prefs, err := st.DigestPrefs(ctx)
	if err != nil {
		return nil, err
	}
	zones := map[string]*time.Location{}
	var out []due
	for _, m := range ms {
		if m.IsBot || m.Deleted || len(chans[m.ID]) == 0 {
			continue
		}
		home, _ := b.home(chans[m.ID])
		freq, hour := home.Frequency, home.Hour
		if pr, ok := prefs[m.ID]; ok {
			if pr.Frequency != "" {
				freq = pr.Frequency
			}
			if pr.Hour >= 0 {
				hour = pr.Hour
			}
		}
		if freq != config.FrequencyDaily && freq != config.FrequencyWeekly {
			continue
		}
		start, ok := schedule.LocalHour(zone(zones, m.TZ, home.Loc), hour, p)
		if !ok {
			continue
		}
		d := due{member: m.ID, daily: freq == config.FrequencyDaily, period: start.Format("2006-01-02")}
		if !d.daily {
			if start.Weekday() != home.Weekday {
				continue
			}
			y, w := start.ISOWeek()
			d.period = fmt.Sprintf("%d-W%02d", y, w)
		}
		out = append(out, d)
	}
	return out, nil
}

// zone is a member's Slack time zone, else their community's.
func zone(cache map[string]*time.Location, tz string, fallback *time.Location) *time.Location {
	if fallback == nil {
		fallback = time.UTC
	}
	if tz == "" {
		return fallback
	}
	loc, ok := cache[tz]
	if !ok {
		var err error
		if loc, err = time.LoadLocation(tz); err != nil {
			loc = nil
		}
		cache[tz] = loc
	}
	if loc == nil {
		return fallback
	}
	return loc
}

// Key is the outbox key of a member's digest for a period: one per member
// and day (daily) or ISO week (weekly).
func Key(member, period string) string { return "digest:" + member + ":" + period }

// Send builds and enqueues the digests due in period p: one snapshot per
// window (a day, a week) ending at p.At, then each member's digest; an
// empty one is not sent, and one already enqueued is not sent again. The
// items sent are recorded with it, in its transaction.
func (b *Builder) Send(ctx context.Context, p schedule.Period) error {
	ds, err := b.dueIn(ctx, p)
	if err != nil {
		return fmt.Errorf("digests due: %w", err)
	}
	sent, empty := 0, 0
	for _, daily := range []bool{true, false} {
		var group []due
		for _, d := range ds {
			if d.daily == daily {
				group = append(group, d)
			}
		}
		if len(group) == 0 {
			continue
		}
		from := p.At.AddDate(0, 0, -7)
		if daily {
			from = p.At.AddDate(0, 0, -1)
		}
		snap, err := b.Window(ctx, from, p.At)
		if err != nil {
			return fmt.Errorf("prepare digests: %w", err)
		}
		members := make([]string, len(group))
		for i, d := range group {
			members[i] = d.member
		}
		snap.summarize(ctx, members)
		n, e, err := b.enqueue(ctx, snap, group)
		sent, empty = sent+n, empty+e
		if err != nil {
			return err
		}
	}
	b.log.Info("digests sent", "period", p.Key, "due", len(ds), "sent", sent, "empty", empty)
	if sent > 0 {
		b.opts.Wake()
	}
	return nil
}

// enqueue writes a group's digests, a few hundred per transaction.
func (b *Builder) enqueue(ctx context.Context, snap *Snapshot, group []due) (sent, empty int, err error) {
	const batch = 200
	for i := 0; i < len(group); i += batch {
		err := b.st.Batch(ctx, func(tx *store.Tx) error {
			for _, d := range group[i:min(i+batch, len(group))] {
				dg := snap.For(d.member)
				if dg.Empty() {
					empty++
					continue
				}
				key := Key(d.member, d.period)
				added, err := tx.Enqueue(ctx, outbox.New(key, outbox.PostMessage, d.member, dg.Message(d.daily)))
				if err != nil {
					return err
				}
				if !added {
					continue
				}
				if err := tx.RecordDigestItems(ctx, d.member, d.period, dg.Keys()); err != nil {
					return err
				}
				sent++
			}
			return nil
		})
		if err != nil {
			return sent, empty, fmt.Errorf("enqueue digests: %w", err)
		}
	}
	return sent, empty, nil
}
