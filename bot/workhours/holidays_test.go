package workhours

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
)

func mustHolidays(t testing.TB, region string, extra ...string) Holidays {
	t.Helper()
	hs, err := ParseHolidays(region, extra)
	if err != nil {
		t.Fatalf("ParseHolidays(%q, %q): %v", region, extra, err)
	}
	return hs
}

func TestParseHolidays(t *testing.T) {
	tests := []struct {
		region string
		extra  []string
		err    string
	}{
		{"", nil, ""},
		{"FR", nil, ""},
		{" fr ", nil, ""},
		{"DE-BY", []string{"2026-12-24", " 2026-12-31 ", "2026-12-24"}, ""},
		{"XX", nil, `unknown holiday calendar "XX"`},
		{"DE-XX", nil, `unknown holiday calendar "DE-XX"`},
		{"", []string{"2026-13-01"}, `holiday "2026-13-01" is not a date`},
		{"FR", []string{"24/12/2026"}, "YYYY-MM-DD"},
		{"", []string{""}, "is not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.region+" "+strings.Join(tt.extra, ","), func(t *testing.T) {
			hs, err := ParseHolidays(tt.region, tt.extra)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if got, want := len(hs.rules) > 0, tt.region != ""; got != want {
				t.Errorf("got rules %v, want %v", got, want)
			}
			if !slices.IsSorted(hs.extra) || len(slices.Compact(slices.Clone(hs.extra))) != len(hs.extra) {
				t.Errorf("got extra dates %v, want them sorted and each once", hs.extra)
			}
		})
	}
}

func TestRegions(t *testing.T) {
	got := Regions()
	if !slices.IsSorted(got) {
		t.Errorf("got %v, want them sorted", got)
	}
	countries := 0
	for _, code := range got {
		if !strings.Contains(code, "-") {
			countries++
		}
	}
	for _, want := range []string{"FR", "DE-BY", "US", "GB", "JP", "AU-NSW", "CH-GE"} {
		if !slices.Contains(got, want) {
			t.Errorf("got %v, want %s among them", got, want)
		}
	}
	if countries < 45 {
		t.Errorf("got %d countries, want rickar/cal's 46", countries)
	}
}

// TestHolidaysMatchRickarCal: for every calendar, the holidays found year
// by year (with a margin of maxShift days) are the days rickar/cal's own
// Calendar.IsHoliday calls a holiday, actual or observed, day by day; so is
// each day around New Year asked alone, where a holiday of one year may be
// observed in the other.
func TestHolidaysMatchRickarCal(t *testing.T) {
	n0 := dateOf(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	n1 := dateOf(time.Date(2032, 1, 1, 0, 0, 0, 0, time.UTC))
	if testing.Short() {
		n0 = dateOf(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
		n1 = dateOf(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	}
	all := map[string]Holidays{"spill-over": {rules: spillOver}}
	for _, code := range Regions() {
		all[code] = mustHolidays(t, code)
	}
	for code, hs := range all {
		var want []date
		for n := n0; n < n1; n++ {
			ref := refHoliday(hs, n)
			if ref {
				want = append(want, n)
			}
			if _, m, _ := n.ymd(); (m == time.December || m == time.January) && hs.has(n) != ref {
				t.Errorf("%s: %v alone: got holiday %v, want %v", code, time.Unix(int64(n)*86400, 0).UTC(), !ref, ref)
			}
		}
		if got := hs.in(n0, n1); !slices.Equal(got, want) {
			t.Errorf("%s: got %d holidays, want %d (rickar/cal's IsHoliday)", code, len(got), len(want))
		}
	}
}

// spillOver are holidays observed as far into the year before or after as
// maxShift allows, further than any real calendar moves one.
var spillOver = []*cal.Holiday{
	{Name: "New Year early", Month: time.January, Day: 1, Func: cal.CalcDayOfMonth, Observed: everyDay(-maxShift)},
	{Name: "New Year's Eve late", Month: time.December, Day: 31, Func: cal.CalcDayOfMonth, Observed: everyDay(maxShift)},
}

func everyDay(offset int) []cal.AltDay {
	var alt []cal.AltDay
	for d := time.Sunday; d <= time.Saturday; d++ {
		alt = append(alt, cal.AltDay{Day: d, Offset: offset})
	}
	return alt
}

// TestCalendarsStayNearTheirYear: every holiday computed for a year falls
// within maxShift days of it, observed days included, which lets
// Holidays.in compute only the years of its span.
func TestCalendarsStayNearTheirYear(t *testing.T) {
	for code, rules := range calendars {
		for y := 1900; y <= 2100; y++ {
			lo := dateOf(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)) - maxShift
			hi := dateOf(time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)) + maxShift
			for _, r := range rules {
				actual, observed := r.Calc(y)
				for _, at := range []time.Time{actual, observed} {
					if n := dateOf(at); !at.IsZero() && (n < lo || n > hi) {
						t.Errorf("%s %s in %d: %v, more than %d days outside the year", code, r.Name, y, at, maxShift)
					}
				}
			}
		}
	}
}

// refHoliday is the reference for a day off: an extra date, or a holiday
// for rickar/cal's own Calendar.IsHoliday, on its date or observed.
func refHoliday(hs Holidays, n date) bool {
	if slices.Contains(hs.extra, n) {
		return true
	}
	if len(hs.rules) == 0 {
		return false
	}
	y, m, d := n.ymd()
	act, obs, _ := (&cal.Calendar{Holidays: hs.rules}).IsHoliday(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
	return act || obs
}

// TestChristmas is the story of issue 14: a question asked in France on
// Thursday 24 December 2026 at 17:00, to be answered within 4 working
// hours, is due on Monday 28 December at 12:00; Christmas and the weekend
// hold no working time.
func TestChristmas(t *testing.T) {
	h := mustHours(t, "09:00-18:00", "mon-fri", "Europe/Paris")
	p := func(d, hh int) time.Time { return time.Date(2026, 12, d, hh, 0, 0, 0, h.Loc) }
	asked, due := p(24, 17), p(28, 12)
	if got := h.Add(asked, 4*time.Hour); !got.Equal(p(25, 12)) {
		t.Fatalf("without holidays: got %v, want Christmas at 12:00", got)
	}
	h.Holidays = mustHolidays(t, "FR")
	if got := h.Add(asked, 4*time.Hour); !got.Equal(due) {
		t.Errorf("Add(%v, 4h) = %v, want %v", asked, got, due)
	}
	if got := h.Between(asked, due); got != 4*time.Hour {
		t.Errorf("Between(%v, %v) = %v, want 4h", asked, due, got)
	}
	if got := h.Between(asked, p(26, 0)); got != time.Hour {
		t.Errorf("Between to the 26th = %v, want 1h (the 24th's last hour)", got)
	}
	if h.Open(p(25, 10)) || !h.Open(p(24, 10)) || !h.Open(p(28, 10)) {
		t.Errorf("Open: want closed on Christmas, open on the 24th and the 28th")
	}
	// The company also closes on the 24th: the clock starts on the 28th.
	h.Holidays = mustHolidays(t, "FR", "2026-12-24")
	if got := h.Add(asked, 4*time.Hour); !got.Equal(p(28, 13)) {
		t.Errorf("with the 24th off: got %v, want the 28th at 13:00", got)
	}
	// From within a holiday, with nothing to wait: the next opening.
	if got := h.Add(p(25, 10), 0); !got.Equal(p(28, 9)) {
		t.Errorf("Add(Christmas, 0) = %v, want the 28th at 09:00", got)
	}
}

// TestHolidayOnADSTDay: in Sydney, Easter Sunday 2021 was the 25-hour day
// DST ended; around the clock every day, the four days of Easter in New
// South Wales hold 24+24+25+24 hours, all taken off, to the hour.
func TestHolidayOnADSTDay(t *testing.T) {
	h := mustHours(t, "00:00-24:00", "mon-sun", "Australia/Sydney")
	from := time.Date(2021, 3, 29, 0, 0, 0, 0, h.Loc)
	to := time.Date(2021, 4, 8, 0, 0, 0, 0, h.Loc)
	if got := h.Between(from, to); got != 241*time.Hour {
		t.Fatalf("without holidays: got %v, want 241h", got)
	}
	h.Holidays = mustHolidays(t, "AU-NSW")
	if got := h.Between(from, to); got != 144*time.Hour {
		t.Errorf("got %v, want 144h (241h less Good Friday to Easter Monday, 97h)", got)
	}
	thu := time.Date(2021, 4, 1, 23, 0, 0, 0, h.Loc)
	if got, want := h.Add(thu, 2*time.Hour), time.Date(2021, 4, 6, 1, 0, 0, 0, h.Loc); !got.Equal(want) {
		t.Errorf("Add(%v, 2h) = %v, want %v", thu, got, want)
	}
}

// TestObservedHolidays: Independence Day 2026 is a Saturday, observed on
// Friday 3 July; both are off.
func TestObservedHolidays(t *testing.T) {
	h := mustHours(t, "09:00-17:00", "mon-sun", "America/New_York")
	h.Holidays = mustHolidays(t, "US")
	for _, day := range []int{3, 4} {
		if at := time.Date(2026, 7, day, 12, 0, 0, 0, h.Loc); h.Open(at) {
			t.Errorf("Open(%v) = true, want a holiday", at)
		}
	}
	if at := time.Date(2026, 7, 5, 12, 0, 0, 0, h.Loc); !h.Open(at) {
		t.Errorf("Open(%v) = false, want a working Sunday", at)
	}
}

// Working days skip weekends and the holidays that fall on a working day,
// counted by dates in the hours' zone.
func TestWorkingDays(t *testing.T) {
	h := mustHours(t, "09:00-18:00", "mon-fri", "Europe/Paris")
	paris := h.Loc
	h.Holidays = mustHolidays(t, "FR") // 11 November 2026 is a Wednesday
	at := func(d, hour int) time.Time { return time.Date(2026, 11, d, hour, 0, 0, 0, paris) }
	for _, c := range []struct {
		name     string
		from, to time.Time
		want     int
	}{
		{"Friday evening to Monday morning", at(20, 20), at(23, 7), 1},
		{"the same day", at(23, 9), at(23, 23), 0},
		{"backwards", at(24, 9), at(23, 9), 0},
		{"Friday to Saturday", at(20, 9), at(21, 9), 0},
		{"over a week and Armistice Day", at(6, 12), at(13, 12), 4},
		{"a week", at(16, 12), at(23, 12), 5},
		{"late at night in UTC is the next day in Paris", at(20, 12), time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC), 2},
	} {
		if got := h.WorkingDays(c.from, c.to); got != c.want {
			t.Errorf("%s: got %d working days, want %d", c.name, got, c.want)
		}
	}
	every := Hours{}
	if got := every.WorkingDays(at(20, 20), at(23, 7)); got != 3 {
		t.Errorf("no working day at all: got %d, want every day (3)", got)
	}
}
