package workhours

import (
	"math"
	"time"
)

// Hours are a community's working hours: the same opening and closing wall
// clock times on the working days of the week, in the community's time zone.
//
// A working day is open from its Start to its End as read on the wall clock
// that day, so durations are real elapsed time: a DST change at night leaves
// the day's working time alone, one inside the hours (a 00:00-24:00 day on
// the 23- or 25-hour day) shortens or lengthens it by the shift. Results are
// exact to the nanosecond.
type Hours struct {
	Loc        *time.Location // nil means UTC
	Start, End time.Duration  // wall clock offsets from midnight, 0 <= Start < End <= 24h
	Days       [7]bool        // working days, by time.Weekday
	Holidays   Holidays       // days off besides the weekly rest; none by default
}

// Open reports whether t falls within working hours.
func (h Hours) Open(t time.Time) bool {
	t = t.In(h.loc())
	n := dateOf(t)
	open, close, ok := h.window(n)
	return ok && !t.Before(open) && t.Before(close) && !h.Holidays.has(n)
}

// Between is the working time elapsed from from to to; 0 if to is not after
// from. It never loops over days: whole weeks are counted, the zone's UTC
// offset is looked up once per four days of span to find the days a DST
// change touches, and the working time of the holidays in the span is taken
// off. It saturates at the largest Duration.
func (h Hours) Between(from, to time.Time) time.Duration {
	if !h.valid() || !to.After(from) {
		return 0
	}
	loc := h.loc()
	from, to = from.Round(0).In(loc), to.Round(0).In(loc)
	d := h.between(from, to)
	if d == math.MaxInt64 {
		return d
	}
	for _, n := range h.Holidays.in(dateOf(from), dateOf(to)+1) {
		d -= h.overlap(n, from, to)
	}
	return d
}

// Add is the instant when d of working time has elapsed after from: if from
// is outside working hours, the clock starts at the next opening. The result
// is in working hours, or the closing instant of a day when d runs out
// exactly there; d <= 0 gives from, or the next opening when closed. Add
// returns the zero Time if h has no working time at all, which ParseHours
// never builds.
//
// The weekly schedule gives a first answer; each holiday before it pushes
// it on by that day's working time, and the days the push reaches are then
// checked in turn, so the cost grows with the holidays met, not the days.
func (h Hours) Add(from time.Time, d time.Duration) time.Time {
	if !h.valid() {
		return time.Time{}
	}
	from = from.Round(0).In(h.loc())
	d = max(d, 0)
	next := dateOf(from) // the holidays of the days before next are counted
	for {
		t := h.add(from, d)
		last, pushed := dateOf(t), false
		for _, n := range h.Holidays.in(next, last+1) {
			open, close, ok := h.window(n)
			if !ok || !close.After(from) {
				continue // no working time, or none left after from
			}
			avail := h.between(from, open)
			if avail > 0 && d <= avail {
				return h.add(from, d) // d runs out before this holiday
			}
			d -= avail
			from, pushed = close, true
		}
		if !pushed {
			return t
		}
		next = last + 1
	}
}

// overlap is the working time of day n within [from, to].
func (h Hours) overlap(n date, from, to time.Time) time.Duration {
	open, close, ok := h.window(n)
	if !ok {
		return 0
	}
	start, end := later(from, open), close
	if to.Before(end) {
		end = to
	}
	if !end.After(start) {
		return 0
	}
	return end.Sub(start)
}

// length is the working time of day n.
func (h Hours) length(n date) time.Duration {
	open, close, ok := h.window(n)
	if !ok {
		return 0
	}
	return close.Sub(open)
}

// window is day n's opening and closing instants, read on the wall clock.
// A wall time that does not exist (the hour skipped in spring) is
// normalized by time.Date; close is never before open. A day the time zone
// skipped altogether (Samoa, 2011-12-30) has no window.
func (h Hours) window(n date) (open, close time.Time, ok bool) {
	if !h.Days[n.weekday()] {
		return time.Time{}, time.Time{}, false
	}
	y, m, d := n.ymd()
	loc := h.loc()
	open, close = wall(y, m, d, h.Start, loc), wall(y, m, d, h.End, loc)
	if dateOf(open) != n {
		return time.Time{}, time.Time{}, false
	}
	return open, later(close, open), true
}

func wall(y int, m time.Month, d int, off time.Duration, loc *time.Location) time.Time {
	return time.Date(y, m, d, int(off/time.Hour), int(off%time.Hour/time.Minute),
		int(off%time.Minute/time.Second), int(off%time.Second), loc)
}

func (h Hours) loc() *time.Location {
	if h.Loc == nil {
		return time.UTC
	}
	return h.Loc
}

func (h Hours) valid() bool {
	return h.Start >= 0 && h.End <= 24*time.Hour && h.Start < h.End && h.perWeek() > 0
}

func (h Hours) perWeek() int {
	n := 0
	for _, open := range h.Days {
		if open {
			n++
		}
	}
	return n
}

func (h Hours) weekly() time.Duration { return time.Duration(h.perWeek()) * (h.End - h.Start) }

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// sat adds two durations, saturating instead of wrapping around.
func sat(a, b time.Duration) time.Duration {
	if s := a + b; (s > a) == (b > 0) {
		return s
	}
	if b > 0 {
		return math.MaxInt64
	}
	return math.MinInt64
}

// date is a civil date, counted in days from 1970-01-01: a day of the
// calendar, whatever the time zone.
type date int64

func dateOf(t time.Time) date {
	y, m, d := t.Date()
	return date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (n date) ymd() (int, time.Month, int) {
	return time.Unix(int64(n)*86400, 0).UTC().Date()
}

func (n date) weekday() time.Weekday { return time.Weekday((int64(n)%7 + 11) % 7) } // 1970-01-01 was a Thursday

func (n date) midnight(loc *time.Location) time.Time {
	y, m, d := n.ymd()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
