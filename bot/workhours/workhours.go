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
}

// Open reports whether t falls within working hours.
func (h Hours) Open(t time.Time) bool {
	t = t.In(h.loc())
	open, close, ok := h.window(dateOf(t))
	return ok && !t.Before(open) && t.Before(close)
}

// Between is the working time elapsed from from to to; 0 if to is not after
// from. It never loops over days: whole weeks are counted, and the zone's
// UTC offset is looked up once per four days of span to find the days a DST
// change touches. It saturates at the largest Duration.
func (h Hours) Between(from, to time.Time) time.Duration {
	if !h.valid() || !to.After(from) {
		return 0
	}
	loc := h.loc()
	from, to = from.Round(0).In(loc), to.Round(0).In(loc)
	a, b := dateOf(from), dateOf(to)
	d := h.overlap(a, from, to)
	if b == a {
		return d
	}
	return sat(sat(d, h.full(a+1, b)), h.overlap(b, from, to))
}

// Add is the instant when d of working time has elapsed after from: if from
// is outside working hours, the clock starts at the next opening. The result
// is in working hours, or the closing instant of a day when d runs out
// exactly there; d <= 0 gives from, or the next opening when closed. Add
// returns the zero Time if h has no working time at all, which ParseHours
// never builds.
func (h Hours) Add(from time.Time, d time.Duration) time.Time {
	if !h.valid() {
		return time.Time{}
	}
	from = from.Round(0).In(h.loc())
	d = max(d, 0)
	n := dateOf(from)
	if open, close, ok := h.window(n); ok && from.Before(close) {
		start := later(from, open)
		avail := close.Sub(start)
		if avail > 0 && d <= avail {
			return start.Add(d)
		}
		d -= avail
	}
	n, d = h.skip(n+1, d)
	for ; ; n++ {
		open, close, ok := h.window(n)
		if avail := close.Sub(open); ok && avail > 0 {
			if d <= avail {
				return open.Add(d)
			}
			d -= avail
		}
	}
}

// skip advances over whole weeks from day n while they hold less working
// time than d, so that Add walks at most a few weeks day by day. Halving the
// jump copes with DST corrections, which can only make a week longer or
// shorter by a shift or two.
func (h Hours) skip(n date, d time.Duration) (date, time.Duration) {
	week := h.weekly()
	if d <= 2*week {
		return n, d
	}
	for k := int64(d/week) - 1; k > 0; k /= 2 {
		m := n + date(7*k)
		if c := h.full(n, m); c < d {
			return m, d - c
		}
	}
	return n, d
}

// full is the working time of the days [n0, n1): whole weeks counted, plus
// what DST changes inside working hours added or took away.
func (h Hours) full(n0, n1 date) time.Duration {
	if n1-n0 <= 14 {
		var d time.Duration
		for n := n0; n < n1; n++ {
			d += h.length(n)
		}
		return d
	}
	nominal := h.End - h.Start
	days := h.workdays(n0, n1)
	if days > int64(math.MaxInt64/nominal) {
		return math.MaxInt64
	}
	return sat(time.Duration(days)*nominal, h.corrections(n0, n1))
}

// corrections sums, over the days [n0, n1) whose length is not the nominal
// End-Start, the difference. Only a day next to a change of the zone's UTC
// offset can differ, so the offset is sampled every few days and bisected
// where it changed, instead of computing every day. (time.ZoneBounds would
// list the changes, but past the end of the zone's table, on the last day of
// a leap year, it returns an end before the instant asked about: Go 1.26.)
func (h Hours) corrections(n0, n1 date) time.Duration {
	loc := h.loc()
	if _, end := n0.midnight(loc).ZoneBounds(); end.IsZero() {
		return 0 // the offset never changes again
	}
	c := correction{h: h, n1: n1, done: n0 - 1, nominal: h.End - h.Start}
	lo, off := n0-2, offsetAt(n0-2, loc)
	for lo < n1+1 {
		hi := min(lo+sampleDays, n1+1)
		if o := offsetAt(hi, loc); o != off {
			c.bisect(lo, hi, off, o)
			off = o
		}
		lo = hi
	}
	return c.sum
}

// sampleDays is how far apart the offset is sampled: every zone of the tz
// database keeps an offset for weeks at least (Morocco's Ramadan pause is the
// shortest, about a month), so no change goes unseen.
const sampleDays = 4

type correction struct {
	h        Hours
	n1, done date // days up to done are accounted for
	nominal  time.Duration
	sum      time.Duration
}

// bisect finds the days in (lo, hi] where the offset changed.
func (c *correction) bisect(lo, hi date, offLo, offHi int) {
	if hi-lo <= 1 {
		// The change is between noon UTC of lo and of hi, so on local day lo,
		// hi or hi+1 (UTC-12 to UTC+14). It can only change that day's window,
		// or the day before's when it happens at midnight.
		for n := max(lo-1, c.done+1); n <= hi+1 && n < c.n1; n++ {
			if c.h.Days[n.weekday()] {
				c.sum += c.h.length(n) - c.nominal
			}
			c.done = n
		}
		return
	}
	mid := lo + (hi-lo)/2
	o := offsetAt(mid, c.h.loc())
	if o != offLo {
		c.bisect(lo, mid, offLo, o)
	}
	if o != offHi {
		c.bisect(mid, hi, o, offHi)
	}
}

// offsetAt is the zone's UTC offset at noon UTC on day n.
func offsetAt(n date, loc *time.Location) int {
	_, off := time.Unix(int64(n)*86400+43200, 0).In(loc).Zone()
	return off
}

// workdays counts the working days in [n0, n1).
func (h Hours) workdays(n0, n1 date) int64 {
	span := int64(n1 - n0)
	count := span / 7 * int64(h.perWeek())
	for n := n0 + date(span/7*7); n < n1; n++ {
		if h.Days[n.weekday()] {
			count++
		}
	}
	return count
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
