package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// searchDays bounds the search for a spec's next or previous instant, as
// robfig/cron does: five years.
const searchDays = 5*366 + 2

// starBit is robfig/cron's mark of a field written "*".
const starBit = 1 << 63

var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// spec is a 5-field cron spec read on the wall clock of a time zone. The
// parsing is robfig/cron's; finding the instants is ours, because
// cron.SpecSchedule.Next walks instants hour by hour and so fires twice in
// the hour repeated when clocks go back and never in the hour skipped when
// they go forward. Here each day's matching wall-clock times are listed and
// each is turned into exactly one instant (see instant).
type spec struct {
	s   *cron.SpecSchedule
	loc *time.Location
}

// parseSpec parses a 5-field spec ("30 2 * * *") for loc. Descriptors
// ("@daily") and a TZ= prefix are refused: the job's Loc is its zone.
func parseSpec(text string, loc *time.Location) (spec, error) {
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(t, "TZ=") || strings.HasPrefix(t, "CRON_TZ="):
		return spec{}, fmt.Errorf("spec %q sets a time zone: use Job.Loc", text)
	case len(strings.Fields(t)) != 5:
		return spec{}, fmt.Errorf("spec %q: want 5 fields (minute hour day-of-month month day-of-week)", text)
	}
	s, err := parser.Parse(t)
	if err != nil {
		return spec{}, fmt.Errorf("spec %q: %w", text, err)
	}
	cs, ok := s.(*cron.SpecSchedule)
	if !ok {
		return spec{}, fmt.Errorf("spec %q: not a cron spec", text)
	}
	return spec{s: cs, loc: loc}, nil
}

// next returns the first instant strictly after t, or the zero time when
// there is none within five years.
func (sp spec) next(t time.Time) time.Time {
	return sp.search(t, 1, func(c time.Time) bool { return c.After(t) })
}

// prev returns the last instant strictly before t, or the zero time.
func (sp spec) prev(t time.Time) time.Time {
	return sp.search(t, -1, func(c time.Time) bool { return c.Before(t) })
}

// search walks days from t's (starting a day early, since a wall time in a
// gap may land on the next day) in direction dir and returns the nearest
// instant satisfying ok. Once a day yields one it looks at one more day:
// the instants of a day skipped into are not always in wall-clock order.
func (sp spec) search(t time.Time, dir int, ok func(time.Time) bool) time.Time {
	l := t.In(sp.loc)
	day := time.Date(l.Year(), l.Month(), l.Day()-dir, 12, 0, 0, 0, time.UTC)
	var best time.Time
	better := func(c time.Time) bool { return best.IsZero() || (dir > 0) == c.Before(best) }
	extra := -1
	for i := 0; i < searchDays && extra != 0; i++ {
		if extra > 0 {
			extra--
		}
		sp.each(day, func(c time.Time) {
			if ok(c) && better(c) {
				best = c
			}
		})
		if !best.IsZero() && extra < 0 {
			extra = 1
		}
		day = day.AddDate(0, 0, dir)
	}
	return best
}

// each calls fn with the instant of every matching wall-clock time of the
// civil day d (given at noon UTC).
func (sp spec) each(d time.Time, fn func(time.Time)) {
	s := sp.s
	if s.Month&(1<<uint(d.Month())) == 0 || !dayMatches(s, d) {
		return
	}
	for h := 0; h < 24; h++ {
		if s.Hour&(1<<uint(h)) == 0 {
			continue
		}
		for m := 0; m < 60; m++ {
			if s.Minute&(1<<uint(m)) != 0 {
				fn(instant(d.Year(), d.Month(), d.Day(), h, m, sp.loc))
			}
		}
	}
}

// dayMatches applies cron's rule: when both day-of-month and day-of-week
// are restricted, either may match.
func dayMatches(s *cron.SpecSchedule, d time.Time) bool {
	dom := s.Dom&(1<<uint(d.Day())) != 0
	dow := s.Dow&(1<<uint(d.Weekday())) != 0
	if s.Dom&starBit != 0 || s.Dow&starBit != 0 {
		return dom && dow
	}
	return dom || dow
}

// instant returns the one instant a wall-clock time stands for in loc. A
// time that occurs twice (clocks going back) stands for the first; one that
// does not occur (clocks going forward) for the instant it would have been
// under the offset before the change: on the day Paris goes from 02:00 to
// 03:00, 02:30 is 03:30 CEST, 24 hours after the day before's 02:30.
// time.Date leaves both choices open, and period keys must not change when
// Go does.
func instant(y int, mo time.Month, d, h, mi int, loc *time.Location) time.Time {
	naive := time.Date(y, mo, d, h, mi, 0, 0, time.UTC) // the wall time, read as if UTC
	var first, last time.Time
	valid := false
	for _, probe := range []time.Duration{-24 * time.Hour, 0, 24 * time.Hour} {
		_, off := naive.Add(probe).In(loc).Zone()
		c := naive.Add(-time.Duration(off) * time.Second)
		if _, o := c.In(loc).Zone(); o == off {
			if !valid || c.Before(first) {
				first = c
			}
			valid = true
		}
		if c.After(last) {
			last = c
		}
	}
	if valid {
		return first.In(loc)
	}
	return last.In(loc)
}
