package workhours

import (
	"math"
	"time"
)

// The weekly schedule's arithmetic, holidays aside: Between and Add take
// the holidays off what these count.

// between is the working time of the weekly schedule from from to to, both
// in h's zone; 0 if to is not after from.
func (h Hours) between(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	a, b := dateOf(from), dateOf(to)
	d := h.overlap(a, from, to)
	if b == a {
		return d
	}
	return sat(sat(d, h.full(a+1, b)), h.overlap(b, from, to))
}

// add is Add for the weekly schedule; from is in h's zone, d >= 0.
func (h Hours) add(from time.Time, d time.Duration) time.Time {
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

// WorkingDays counts the working days after from's date up to to's date,
// both dates read in the hours' time zone, the days of weekly rest and the
// holidays left out; 0 when to's date is not after from's. The nudges
// count a regular's silence and usual rhythm in it, so that a weekend or a
// public holiday is not taken for silence. Hours without a working day
// count every day.
func (h Hours) WorkingDays(from, to time.Time) int {
	loc := h.loc()
	n0, n1 := dateOf(from.In(loc))+1, dateOf(to.In(loc))+1
	if n1 <= n0 {
		return 0
	}
	if h.perWeek() == 0 {
		return int(n1 - n0)
	}
	n := h.workdays(n0, n1)
	for _, d := range h.Holidays.in(n0, n1) {
		if h.Days[d.weekday()] {
			n--
		}
	}
	return int(n)
}
