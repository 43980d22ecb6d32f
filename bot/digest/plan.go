package digest

import (
	"context"
	"fmt"
	"time"

	"praxis/bot"
	"praxis/bot/schedule"
	"praxis/store"
)

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

// Planner says who gets which digest when: the digests due in an hour, each
// over its window, and a member's next one previewed. It reads the members'
// choices and last digests from the store and the communities' settings
// from the directory; its Reader builds the previews.
type Planner struct {
	st     *store.Store
	dir    *bot.Directory
	reader *Reader
}

// NewPlanner returns the Planner of r's store and communities, previewing
// with r.
func NewPlanner(r *Reader) *Planner {
	return &Planner{st: r.st, dir: r.opts.Directory, reader: r}
}

// Due returns the digests due in period: the member's local digest
// hour began in it, and their frequency calls for one that day (weekly: on
// their community's weekday; monthly: the first such weekday of the month).
// A member's own choice of frequency or hour overrides their community's.
func (p *Planner) Due(ctx context.Context, period schedule.Period) ([]Plan, error) {
	st := p.st
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
		if m.IsBot || m.Deleted || len(chans[m.ID]) == 0 {
			continue
		}
		freq, hour, home := p.choice(m.ID, chans[m.ID], prefs)
		if freq != bot.FrequencyDaily && freq != bot.FrequencyWeekly && freq != bot.FrequencyMonthly {
			continue
		}
		start, ok := schedule.LocalHour(zone(zones, m.TZ, home.Loc), hour, period)
		if !ok {
			continue
		}
		pl := Plan{Member: m.ID, Freq: freq, To: period.At}
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
		pl.From, pl.Ahead = window(freq, period.At, last[m.ID]), ahead(freq, start)
		out = append(out, pl)
	}
	return out, nil
}

// choice is a member's digest frequency and local hour: their own, else
// their home community's.
func (p *Planner) choice(member string, chans map[string]bool,
	prefs map[string]store.DigestPref) (freq string, hour int, home bot.Community) {
	home, _ = HomeCommunity(p.dir, chans)
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
func (p *Planner) Preview(ctx context.Context, member string, at time.Time) (Plan, Digest, error) {
	chans, err := p.st.CurrentChannelMembers(ctx)
	if err != nil {
		return Plan{}, Digest{}, err
	}
	prefs, err := p.st.DigestPrefs(ctx)
	if err != nil {
		return Plan{}, Digest{}, err
	}
	last, err := p.st.LastDigests(ctx)
	if err != nil {
		return Plan{}, Digest{}, err
	}
	freq, _, _ := p.choice(member, chans[member], prefs)
	if freq != bot.FrequencyDaily && freq != bot.FrequencyMonthly {
		freq = bot.FrequencyWeekly
	}
	pl := Plan{Member: member, Freq: freq, To: at, From: window(freq, at, last[member]), Ahead: ahead(freq, at)}
	snap, err := p.reader.Window(ctx, pl.From, pl.To)
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
