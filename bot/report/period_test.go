package report

import (
	"strings"
	"testing"
	"time"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestWeek(t *testing.T) {
	paris, ny := mustLoc(t, "Europe/Paris"), mustLoc(t, "America/New_York")
	tests := []struct {
		name     string
		t        time.Time
		loc      *time.Location
		label    string
		from, to string // local wall clock, RFC 3339 with offset
		hours    float64
	}{
		{"plain week", time.Date(2026, 11, 18, 15, 0, 0, 0, time.UTC), paris, "2026-W47",
			"2026-11-16T00:00:00+01:00", "2026-11-23T00:00:00+01:00", 168},
		{"Sunday night is still the week", time.Date(2026, 11, 22, 22, 59, 0, 0, time.UTC), paris, "2026-W47",
			"2026-11-16T00:00:00+01:00", "2026-11-23T00:00:00+01:00", 168},
		{"Sunday 23:00 UTC is Monday in Paris", time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC), paris, "2026-W48",
			"2026-11-23T00:00:00+01:00", "2026-11-30T00:00:00+01:00", 168},
		{"Monday 03:00 UTC is Sunday in New York", time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC), ny, "2026-W47",
			"2026-11-16T00:00:00-05:00", "2026-11-23T00:00:00-05:00", 168},
		{"Paris spring forward", time.Date(2026, 3, 29, 12, 0, 0, 0, paris), paris, "2026-W13",
			"2026-03-23T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 167},
		{"Paris fall back", time.Date(2026, 10, 25, 12, 0, 0, 0, paris), paris, "2026-W43",
			"2026-10-19T00:00:00+02:00", "2026-10-26T00:00:00+01:00", 169},
		{"New York spring forward", time.Date(2026, 3, 8, 12, 0, 0, 0, ny), ny, "2026-W10",
			"2026-03-02T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 167},
		{"New York fall back", time.Date(2026, 11, 1, 12, 0, 0, 0, ny), ny, "2026-W44",
			"2026-10-26T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 169},
		{"January 1st in the last week of the year before",
			time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC), time.UTC, "2026-W53",
			"2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z", 168},
		{"December 29th in week 1 of the next year", time.Date(2025, 12, 29, 12, 0, 0, 0, time.UTC), time.UTC, "2026-W01",
			"2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z", 168},
		{"week 52", time.Date(2025, 12, 28, 12, 0, 0, 0, time.UTC), nil, "2025-W52",
			"2025-12-22T00:00:00Z", "2025-12-29T00:00:00Z", 168},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Week(tt.t, tt.loc)
			if p.Label != tt.label {
				t.Errorf("label: got %s, want %s", p.Label, tt.label)
			}
			if got := p.From.Format(time.RFC3339); got != tt.from {
				t.Errorf("from: got %s, want %s", got, tt.from)
			}
			if got := p.To.Format(time.RFC3339); got != tt.to {
				t.Errorf("to: got %s, want %s", got, tt.to)
			}
			if got := p.To.Sub(p.From).Hours(); got != tt.hours {
				t.Errorf("length: got %vh, want %vh", got, tt.hours)
			}
			if !p.IsWeek() || p.Days() != 7 {
				t.Errorf("IsWeek %v, Days %d: want a 7-day week", p.IsWeek(), p.Days())
			}
		})
	}
}

func TestParsePeriod(t *testing.T) {
	paris := mustLoc(t, "Europe/Paris")
	good := []struct{ in, label, from, to string }{
		{"2026-W47", "2026-W47", "2026-11-16T00:00:00+01:00", "2026-11-23T00:00:00+01:00"},
		{" 2026-w01 ", "2026-W01", "2025-12-29T00:00:00+01:00", "2026-01-05T00:00:00+01:00"},
		{"2026-W53", "2026-W53", "2026-12-28T00:00:00+01:00", "2027-01-04T00:00:00+01:00"}, // 2026 starts on a Thursday
		// 2020 is a leap year starting on a Wednesday.
		{"2020-W53", "2020-W53", "2020-12-28T00:00:00+01:00", "2021-01-04T00:00:00+01:00"},
		{"2027-W52", "2027-W52", "2027-12-27T00:00:00+01:00", "2028-01-03T00:00:00+01:00"}, // 2027 has 52
		{"2026-W13", "2026-W13", "2026-03-23T00:00:00+01:00", "2026-03-30T00:00:00+02:00"}, // DST
		{"2026-11-01..2026-11-14", "2026-11-01..2026-11-14", "2026-11-01T00:00:00+01:00", "2026-11-15T00:00:00+01:00"},
		// A 25-hour day.
		{"2026-10-25..2026-10-25", "2026-10-25..2026-10-25", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"},
	}
	for _, tt := range good {
		p, err := ParsePeriod(tt.in, paris)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", tt.in, err)
			continue
		}
		if p.Label != tt.label || p.From.Format(time.RFC3339) != tt.from || p.To.Format(time.RFC3339) != tt.to {
			t.Errorf("ParsePeriod(%q): got %s [%s, %s), want %s [%s, %s)", tt.in, p.Label,
				p.From.Format(time.RFC3339), p.To.Format(time.RFC3339), tt.label, tt.from, tt.to)
		}
	}
	bad := []struct{ in, want string }{
		{"2027-W53", "2027 has weeks 01 to 52"},
		{"2026-W54", "2026 has weeks 01 to 53"},
		{"2026-W00", "weeks 01 to 53"},
		{"2026-W7", "two digits"},
		{"26-W07", "four digits"},
		{"2026-47", "ISO week"},
		{"", "ISO week"},
		{"2026-11-14..2026-11-01", "ends before it starts"},
		{"2026-11-31..2026-12-01", "period start"},
		{"2026-11-01..soon", "period end"},
	}
	for _, tt := range bad {
		_, err := ParsePeriod(tt.in, paris)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParsePeriod(%q): got error %v, want one saying %q", tt.in, err, tt.want)
		}
	}
}

func TestRange(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	p, err := Range("2026-03-01", "2026-03-14", ny)
	if err != nil {
		t.Fatal(err)
	}
	if p.Label != "2026-03-01..2026-03-14" || p.Days() != 14 || p.To.Sub(p.From) != 14*24*time.Hour-time.Hour {
		t.Errorf("got %s, %d days, %v; want 14 days of 2026-03-01..2026-03-14, an hour short of 336h",
			p.Label, p.Days(), p.To.Sub(p.From))
	}
	b := p.Before()
	if b.Label != "2026-02-15..2026-02-28" || !b.To.Equal(p.From) || b.Days() != 14 {
		t.Errorf("Before: got %s [%v, %v), want 2026-02-15..2026-02-28 ending at %v", b.Label, b.From, b.To, p.From)
	}
	if p.IsWeek() {
		t.Error("a 14-day range is not a week")
	}
	// A range that happens to be a Monday-to-Sunday week is not labelled as one.
	r, _ := Range("2026-11-16", "2026-11-22", ny)
	if r.Label != "2026-11-16..2026-11-22" || !r.IsWeek() {
		t.Errorf("got %s (week %v), want the range label of an ISO week's days", r.Label, r.IsWeek())
	}
}

func TestBefore(t *testing.T) {
	paris := mustLoc(t, "Europe/Paris")
	tests := []struct{ in, want string }{
		{"2026-W14", "2026-W13"}, // the week before is the DST week: 167 hours, still a week
		{"2026-W13", "2026-W12"},
		{"2026-W01", "2025-W52"},
		{"2027-W01", "2026-W53"},
		{"2021-W01", "2020-W53"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in, paris)
		if err != nil {
			t.Fatal(err)
		}
		b := p.Before()
		if b.Label != tt.want || !b.To.Equal(p.From) || b.Days() != 7 {
			t.Errorf("%s.Before(): got %s [%v, %v), want %s ending at %v", tt.in, b.Label, b.From, b.To, tt.want, p.From)
		}
	}
}

func FuzzParsePeriod(f *testing.F) {
	seeds := []string{"2026-W47", "2026-W53", "2027-W53", "2026-11-01..2026-11-14", "0001-W01", "9999-W52",
		"2026-w1", "..", "x-Wyy"}
	for _, s := range seeds {
		f.Add(s)
	}
	paris := mustLoc(f, "Europe/Paris")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s, paris)
		if err != nil {
			return
		}
		if !p.From.Before(p.To) {
			t.Fatalf("%q: empty period [%v, %v)", s, p.From, p.To)
		}
		again, err := ParsePeriod(p.Label, paris)
		if err != nil || !again.From.Equal(p.From) || !again.To.Equal(p.To) || again.Label != p.Label {
			t.Fatalf("%q: its label %q reads back as %+v, %v", s, p.Label, again, err)
		}
		if b := p.Before(); !b.To.Equal(p.From) || b.Days() != p.Days() {
			t.Fatalf("%q: Before is %+v, want %d days ending at %v", s, b, p.Days(), p.From)
		}
		if strings.Contains(p.Label, "-W") {
			if !p.IsWeek() || p.From.Weekday() != time.Monday {
				t.Fatalf("%q: week %s does not start on a Monday: %v", s, p.Label, p.From)
			}
		}
	})
}
