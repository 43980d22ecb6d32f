package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateLayout is how Range reads and labels its dates.
const dateLayout = "2006-01-02"

// Week returns the ISO week containing t, as read on the wall clock of loc:
// [Monday 00:00, next Monday 00:00) local time, labelled "2026-W47". A week
// with a DST change is an hour shorter or longer than 168 hours; its bounds
// stay at local midnights. A nil loc means UTC.
func Week(t time.Time, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	year, week := t.ISOWeek()
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	y, m, d := t.Date()
	return Period{
		Label: weekLabel(year, week),
		From:  time.Date(y, m, d-back, 0, 0, 0, 0, loc),
		To:    time.Date(y, m, d-back+7, 0, 0, 0, 0, loc),
	}
}

func weekLabel(year, week int) string { return fmt.Sprintf("%04d-W%02d", year, week) }

// weeksIn returns how many ISO weeks an ISO week-numbering year has: 53
// when it starts on a Thursday, or on a Wednesday in a leap year; else 52.
// December 28th is always in the year's last week.
func weeksIn(year int) int {
	_, w := time.Date(year, time.December, 28, 12, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

// ParsePeriod reads an ISO week, "2026-W47" (the week-numbering year, whose
// week 1 is the week with the year's first Thursday; W53 exists only in
// years that have it), a calendar month, "2026-11" (see Month), or a range
// of dates, "2026-11-01..2026-11-14" (see Range), in loc.
func ParsePeriod(s string, loc *time.Location) (Period, error) {
	s = strings.TrimSpace(s)
	if from, to, ok := strings.Cut(s, ".."); ok {
		return Range(from, to, loc)
	}
	ys, ws, ok := strings.Cut(s, "-")
	if ok && len(ws) == 2 && ws >= "01" && ws <= "12" { // else "2026-47" is a week without its W
		return parseMonth(s, loc)
	}
	if !ok || len(ws) < 2 || (ws[0] != 'W' && ws[0] != 'w') {
		return Period{}, fmt.Errorf("period %q: use an ISO week such as 2026-W47, a month such as 2026-11, "+
			"or dates such as 2026-11-01..2026-11-14", s)
	}
	year, err := strconv.Atoi(ys)
	if err != nil || len(ys) != 4 || year < 1 {
		return Period{}, fmt.Errorf("period %q: the year must have four digits, as in 2026-W47", s)
	}
	week, err := strconv.Atoi(ws[1:])
	if err != nil || len(ws) != 3 {
		return Period{}, fmt.Errorf("period %q: the week must have two digits, 01 to 53, as in 2026-W07", s)
	}
	if n := weeksIn(year); week < 1 || week > n {
		return Period{}, fmt.Errorf("period %q: %d has weeks 01 to %d", s, year, n)
	}
	if loc == nil {
		loc = time.UTC
	}
	// Week 1 holds January 4th.
	jan4 := time.Date(year, time.January, 4, 12, 0, 0, 0, loc)
	return Week(jan4.AddDate(0, 0, 7*(week-1)), loc), nil
}

// Range returns the days from..to, both YYYY-MM-DD and both included, in
// loc: [from 00:00, the day after to 00:00), labelled "from..to".
func Range(from, to string, loc *time.Location) (Period, error) {
	if loc == nil {
		loc = time.UTC
	}
	f, err := time.ParseInLocation(dateLayout, strings.TrimSpace(from), loc)
	if err != nil {
		return Period{}, fmt.Errorf("period start %q: use a date such as 2026-11-01", from)
	}
	t, err := time.ParseInLocation(dateLayout, strings.TrimSpace(to), loc)
	if err != nil {
		return Period{}, fmt.Errorf("period end %q: use a date such as 2026-11-14", to)
	}
	if t.Before(f) {
		return Period{}, fmt.Errorf("period %s..%s ends before it starts", from, to)
	}
	return dayRange(f, days(f, t)+1), nil
}

// dayRange returns the n days starting on from's date, in from's location.
func dayRange(from time.Time, n int) Period {
	y, m, d := from.Date()
	loc := from.Location()
	p := Period{From: time.Date(y, m, d, 0, 0, 0, 0, loc), To: time.Date(y, m, d+n, 0, 0, 0, 0, loc)}
	last := time.Date(y, m, d+n-1, 0, 0, 0, 0, loc)
	p.Label = p.From.Format(dateLayout) + ".." + last.Format(dateLayout)
	return p
}

// days counts the calendar days from a's date to b's date (both read in
// their own locations), whatever DST does to the hours between.
func days(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// Days returns how many calendar days the period covers, in its location.
func (p Period) Days() int { return days(p.From, p.To) }

// IsWeek reports whether the period is an ISO week (as Week returns it).
func (p Period) IsWeek() bool {
	w := Week(p.From, p.From.Location())
	return w.From.Equal(p.From) && w.To.Equal(p.To)
}

// Before returns the period of the same length just before p: the
// previous ISO week for a week, the previous calendar month for a month,
// else the same number of calendar days ending where p starts. Lengths are
// counted in days, not hours, so the week before a DST change is a full
// week too.
func (p Period) Before() Period {
	if p.IsMonth() {
		return Month(p.From.AddDate(0, 0, -1), p.From.Location())
	}
	n := p.Days()
	y, m, d := p.From.Date()
	start := time.Date(y, m, d-n, 0, 0, 0, 0, p.From.Location())
	if p.IsWeek() {
		return Week(start, start.Location())
	}
	return dayRange(start, n)
}

// LastWeek is the last whole ISO week before t in loc: what a report sent
// at t covers.
func LastWeek(t time.Time, loc *time.Location) Period { return Week(t, loc).Before() }

// monthLayout is how a month is labelled and read: "2026-11".
const monthLayout = "2006-01"

// Month returns the calendar month containing t, as read on the wall clock
// of loc: [the 1st 00:00, the next month's 1st 00:00) local time, labelled
// "2026-11". The sponsors' report covers a month: its bounds are local
// midnights whatever DST does in between. A nil loc means UTC.
func Month(t time.Time, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	y, m, _ := t.In(loc).Date()
	from := time.Date(y, m, 1, 0, 0, 0, 0, loc)
	return Period{Label: from.Format(monthLayout), From: from, To: time.Date(y, m+1, 1, 0, 0, 0, 0, loc)}
}

// LastMonth is the last whole calendar month before t in loc: what a
// sponsors' report sent at t covers.
func LastMonth(t time.Time, loc *time.Location) Period { return Month(t, loc).Before() }

// IsMonth reports whether the period is a calendar month (as Month returns
// it).
func (p Period) IsMonth() bool {
	m := Month(p.From, p.From.Location())
	return m.From.Equal(p.From) && m.To.Equal(p.To)
}

// parseMonth reads "2026-11" in loc.
func parseMonth(s string, loc *time.Location) (Period, error) {
	if loc == nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation(monthLayout, s, loc)
	if err != nil {
		return Period{}, fmt.Errorf("period %q: write a month as 2026-11 (four-digit year, two-digit month)", s)
	}
	return Month(t, loc), nil
}
