package schedule

import "time"

// LocalHour returns when the hour (0-23) of loc's wall clock last began
// within period p, that is in (p.Prev, p.At], and whether it did. A job
// that fires every hour in UTC picks with it the members whose local hour
// it is: each member exactly once a day, across DST changes (an hour that
// does not exist that day begins with the one after it; one that occurs
// twice begins at its first occurrence) and in zones offset by half or
// quarter hours (Asia/Kolkata's 09:00 begins in the 04:00 UTC period, run
// at 09:30 there). The result, in loc, gives the member's local day and
// weekday. A zero p.Prev counts as p.At minus an hour.
func LocalHour(loc *time.Location, hour int, p Period) (time.Time, bool) {
	if hour < 0 || hour > 23 {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	prev := p.Prev
	if prev.IsZero() {
		prev = p.At.Add(-time.Hour)
	}
	a, b := p.At.In(loc), prev.In(loc)
	day := time.Date(a.Year(), a.Month(), a.Day()+1, 12, 0, 0, 0, time.UTC)
	stop := time.Date(b.Year(), b.Month(), b.Day()-1, 12, 0, 0, 0, time.UTC)
	for i := 0; i < searchDays && !day.Before(stop); i++ {
		s := instant(day.Year(), day.Month(), day.Day(), hour, 0, loc)
		if s.After(prev) && !s.After(p.At) {
			return s, true
		}
		day = day.AddDate(0, 0, -1)
	}
	return time.Time{}, false
}

// LocalHourIs reports whether the hour of loc's wall clock began within
// period p (see LocalHour).
func LocalHourIs(loc *time.Location, hour int, p Period) bool {
	_, ok := LocalHour(loc, hour, p)
	return ok
}
