package workhours

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
)

// Holidays are the days a community does not work besides its weekly rest:
// the public holidays of its country or region, as rickar/cal keeps them
// (about fifty countries, maintained there), and dates of its own such as a
// company's day off. A holiday is off on its date and, where the country
// moves it off a weekend (a US Independence Day on a Saturday), on the day
// it is observed too. Dates are read on the community's calendar, in its
// time zone. The zero value has no holidays.
type Holidays struct {
	rules []*cal.Holiday
	extra []date // sorted, distinct
}

// Regions returns the holiday calendars ParseHolidays knows, sorted: ISO
// 3166 country codes ("FR") and, where rickar/cal has them, region codes
// ("DE-BY", "CH-GE", "AU-NSW").
func Regions() []string { return slices.Sorted(maps.Keys(calendars)) }

// ParseHolidays builds Holidays from a calendar code (see Regions; any
// case; "" for none) and extra dates written YYYY-MM-DD.
func ParseHolidays(region string, extra []string) (Holidays, error) {
	var hs Holidays
	if code := strings.ToUpper(strings.TrimSpace(region)); code != "" {
		rules, ok := calendars[code]
		if !ok {
			return Holidays{}, fmt.Errorf("unknown holiday calendar %q: use a country code such as FR, "+
				"or a region such as DE-BY", region)
		}
		hs.rules = rules
	}
	for _, s := range extra {
		n, err := ParseDate(s)
		if err != nil {
			return Holidays{}, err
		}
		hs.extra = append(hs.extra, dateOf(n))
	}
	slices.Sort(hs.extra)
	hs.extra = slices.Compact(hs.extra)
	return hs, nil
}

// ParseDate reads an extra holiday, YYYY-MM-DD, as a date at midnight UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("holiday %q is not a date: write it YYYY-MM-DD, e.g. 2026-12-24", s)
	}
	return t, nil
}

// none reports whether there are no holidays at all.
func (hs Holidays) none() bool { return len(hs.rules) == 0 && len(hs.extra) == 0 }

// maxShift bounds, in days, how far a holiday's date or observed day lies
// outside the year it is computed for (a New Year's Day observed on the
// Friday before); TestCalendarsStayNearTheirYear checks it.
const maxShift = 7

// in returns the holidays in [n0, n1), sorted, each once. It costs a few
// date computations per holiday rule and year of the span, never one per
// day.
func (hs Holidays) in(n0, n1 date) []date {
	if hs.none() || n1 <= n0 {
		return nil
	}
	var out []date
	i, _ := slices.BinarySearch(hs.extra, n0)
	for ; i < len(hs.extra) && hs.extra[i] < n1; i++ {
		out = append(out, hs.extra[i])
	}
	if len(hs.rules) > 0 {
		y0, _, _ := (n0 - maxShift).ymd()
		y1, _, _ := (n1 + maxShift).ymd()
		for y := y0; y <= y1; y++ {
			for _, r := range hs.rules {
				actual, observed := r.Calc(y)
				for _, t := range [2]time.Time{actual, observed} {
					if n := dateOf(t); !t.IsZero() && n >= n0 && n < n1 {
						out = append(out, n)
					}
				}
			}
		}
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// has reports whether day n is a holiday.
func (hs Holidays) has(n date) bool { return len(hs.in(n, n+1)) > 0 }
