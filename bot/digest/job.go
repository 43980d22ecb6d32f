package digest

import (
	"context"
	"fmt"
	"time"

	"praxis/bot"
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

// Plan is a member's digest to build: its frequency, its period (the
// outbox key's suffix: a day, an ISO week or a month) and its window. The
// window starts at the member's last digest (a digest that had nothing to
// say leaves the next one a longer window), one period back when there was
// none, four at most.
type Plan struct {
	Member, Freq, Period string
	From, To             time.Time
	Ahead                time.Duration // how far ahead "coming up" looks: until the next digest
}

// maxPeriodsBack bounds a window: a member back after months gets the last
// four periods, not everything.
const maxPeriodsBack = 4

// window returns the start of a digest's window at `at` for a frequency,
// given the member's last digest (zero: none): the hour of the last digest,
// so that nothing between two digests is missed (months differ in length,
// and the digest's local hour moves in UTC when daylight saving time
// changes), and members sent in the same run share one snapshot. Items an
// earlier digest carried are left out anyway.
func window(freq string, at, last time.Time) time.Time {
	step := func(n int) time.Time {
		switch freq {
		case bot.FrequencyDaily:
			return at.AddDate(0, 0, -n)
		case bot.FrequencyMonthly:
			return at.AddDate(0, -n, 0)
		}
		return at.AddDate(0, 0, -7*n)
	}
	from := last.Truncate(time.Hour)
	switch {
	case last.IsZero() || !from.Before(at):
		return step(1)
	case from.Before(step(maxPeriodsBack)):
		return step(maxPeriodsBack)
	}
	return from
}

// ahead is how long until a member's next digest, from its local start:
// a day, a week, or to the first such weekday of next month.
func ahead(freq string, start time.Time) time.Duration {
	switch freq {
	case bot.FrequencyDaily:
		return start.AddDate(0, 0, 1).Sub(start)
	case bot.FrequencyMonthly:
		next := time.Date(start.Year(), start.Month()+1, 1, start.Hour(), start.Minute(), 0, 0, start.Location())
		for next.Weekday() != start.Weekday() {
			next = next.AddDate(0, 0, 1)
		}
		return next.Sub(start)
	}
	return start.AddDate(0, 0, 7).Sub(start)
}

// plans returns the digests due in period p: the member's local digest
// hour began in it, and their frequency calls for one that day (weekly: on
// their community's weekday; monthly: the first such weekday of the month).
// A member's own choice of frequency or hour overrides their community's.
func (b *Builder) plans(ctx context.Context, p schedule.Period, only string) ([]Plan, error) {
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
	last, err := st.LastDigests(ctx)
	if err != nil {
		return nil, err
	}
	zones := map[string]*time.Location{}
	var out []Plan
	for _, m := range ms {
		if m.IsBot || m.Deleted || len(chans[m.ID]) == 0 || (only != "" && m.ID != only) {
			continue
		}
		freq, hour, home := b.choice(m.ID, chans[m.ID], prefs)
		if freq != bot.FrequencyDaily && freq != bot.FrequencyWeekly && freq != bot.FrequencyMonthly {
			continue
		}
		start, ok := schedule.LocalHour(zone(zones, m.TZ, home.Loc), hour, p)
		if !ok {
			continue
		}
		pl := Plan{Member: m.ID, Freq: freq, To: p.At}
		switch freq {
		case bot.FrequencyDaily:
			pl.Period = start.Format("2006-01-02")
		case bot.FrequencyWeekly:
			if start.Weekday() != home.Digest.Weekday {
				continue
			}
			y, w := start.ISOWeek()
			pl.Period = fmt.Sprintf("%d-W%02d", y, w)
		case bot.FrequencyMonthly:
			if start.Weekday() != home.Digest.Weekday || start.Day() > 7 {
				continue
			}
			pl.Period = start.Format("2006-01")
		}
		pl.From, pl.Ahead = window(freq, p.At, last[m.ID]), ahead(freq, start)
		out = append(out, pl)
	}
	return out, nil
}

// choice is a member's digest frequency and local hour: their own, else
// their home community's.
func (b *Builder) choice(member string, chans map[string]bool,
	prefs map[string]store.DigestPref) (freq string, hour int, home bot.Community) {
	home, _ = b.home(chans)
	freq, hour = home.Digest.Frequency, home.Digest.Hour
	if pr, ok := prefs[member]; ok {
		if pr.Frequency != "" {
			freq = pr.Frequency
		}
		if pr.Hour >= 0 {
			hour = pr.Hour
		}
	}
	return freq, hour, home
}

// Preview returns the plan of a member's digest as if it were built at `at`
// (their frequency, and the window since their last digest) and the digest,
// without sending it. A member whose digests are off gets a weekly window.
func (b *Builder) Preview(ctx context.Context, member string, at time.Time) (Plan, Digest, error) {
	chans, err := b.st.CurrentChannelMembers(ctx)
	if err != nil {
		return Plan{}, Digest{}, err
	}
	prefs, err := b.st.DigestPrefs(ctx)
	if err != nil {
		return Plan{}, Digest{}, err
	}
	last, err := b.st.LastDigests(ctx)
	if err != nil {
		return Plan{}, Digest{}, err
	}
	freq, _, _ := b.choice(member, chans[member], prefs)
	if freq != bot.FrequencyDaily && freq != bot.FrequencyMonthly {
		freq = bot.FrequencyWeekly
	}
	pl := Plan{Member: member, Freq: freq, To: at, From: window(freq, at, last[member]), Ahead: ahead(freq, at)}
	snap, err := b.Window(ctx, pl.From, pl.To)
	if err != nil {
		return pl, Digest{}, err
	}
	snap.Ahead = pl.Ahead
	return pl, snap.Digests(ctx, []string{member})[0], nil
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
// and day (daily), ISO week (weekly) or month (monthly).
func Key(member, period string) string { return "digest:" + member + ":" + period }

// Send builds and enqueues the digests due in period p: one snapshot per
// window (the members whose windows start at the same instant share it),
// then each member's digest; an empty one is not sent, and one already
// enqueued is not sent again. The items sent are recorded with it, in its
// transaction.
func (b *Builder) Send(ctx context.Context, p schedule.Period) error {
	ps, err := b.plans(ctx, p, "")
	if err != nil {
		return fmt.Errorf("digests due: %w", err)
	}
	groups := map[time.Time][]Plan{} // by the window's start
	var order []time.Time
	for _, pl := range ps {
		if _, ok := groups[pl.From]; !ok {
			order = append(order, pl.From)
		}
		groups[pl.From] = append(groups[pl.From], pl)
	}
	sent, empty := 0, 0
	for _, from := range order {
		group := groups[from]
		snap, err := b.Window(ctx, from, p.At)
		if err != nil {
			return fmt.Errorf("prepare digests: %w", err)
		}
		snap.Aheads = map[string]time.Duration{}
		members := make([]string, len(group))
		for i, pl := range group {
			members[i] = pl.Member
			snap.Aheads[pl.Member] = pl.Ahead
		}
		n, e, err := b.enqueue(ctx, group, snap.Digests(ctx, members))
		sent, empty = sent+n, empty+e
		if err != nil {
			return err
		}
	}
	b.m.Digests.WithLabelValues("sent").Add(float64(sent))
	b.m.Digests.WithLabelValues("empty").Add(float64(empty))
	b.log.Info("digests sent", "period", p.Key, "due", len(ps), "windows", len(order), "sent", sent, "empty", empty)
	return nil
}

// enqueue writes a group's digests, a few hundred per transaction.
func (b *Builder) enqueue(ctx context.Context, group []Plan, digests []Digest) (sent, empty int, err error) {
	const batch = 200
	for i := 0; i < len(group); i += batch {
		err := b.st.Batch(ctx, func(tx *store.Tx) error {
			for k, d := range group[i:min(i+batch, len(group))] {
				dg := digests[i+k]
				if dg.Empty() {
					empty++
					continue
				}
				key := Key(d.Member, d.Period)
				added, err := tx.Enqueue(ctx, outbox.New(key, outbox.PostMessage, d.Member, dg.Message(d.Freq)))
				if err != nil {
					return err
				}
				if !added {
					continue
				}
				if err := tx.RecordDigestItems(ctx, d.Member, d.Period, dg.Keys()); err != nil {
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
