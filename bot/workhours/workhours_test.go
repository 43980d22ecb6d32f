package workhours

import (
	"strings"
	"testing"
	"time"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func mustHours(t testing.TB, spec, days, zone string) Hours {
	t.Helper()
	h, err := ParseHours(spec, days, mustLoad(t, zone))
	if err != nil {
		t.Fatalf("ParseHours(%q, %q): %v", spec, days, err)
	}
	return h
}

func TestParseHours(t *testing.T) {
	weekdays := [7]bool{false, true, true, true, true, true, false}
	tests := []struct {
		spec, days string
		start, end time.Duration
		want       [7]bool
		err        string
	}{
		{"09:00-18:00", "", 9 * time.Hour, 18 * time.Hour, weekdays, ""},
		{" 9:30 - 17:45 ", "mon-fri", 9*time.Hour + 30*time.Minute, 17*time.Hour + 45*time.Minute, weekdays, ""},
		{"08:00–12:00", "mon,tue,thu", 8 * time.Hour, 12 * time.Hour,
			[7]bool{false, true, true, false, true, false, false}, ""},
		{"00:00-24:00", "mon-sun", 0, 24 * time.Hour, [7]bool{true, true, true, true, true, true, true}, ""},
		{"10:00-16:00", "sun-thu", 10 * time.Hour, 16 * time.Hour, [7]bool{true, true, true, true, true, false, false}, ""},
		{"10:00-16:00", "fri-mon", 10 * time.Hour, 16 * time.Hour, [7]bool{true, true, false, false, false, true, true}, ""},
		{"10:00-16:00", "Lundi-Vendredi", 10 * time.Hour, 16 * time.Hour, weekdays, ""},
		{"10:00-16:00", "MON, Wed ,fri", 10 * time.Hour, 16 * time.Hour,
			[7]bool{false, true, false, true, false, true, false}, ""},
		{"09:00", "", 0, 0, [7]bool{}, "not a range"},
		{"9-18", "", 0, 0, [7]bool{}, `"9" is not a time of day`},
		{"09:00-25:00", "", 0, 0, [7]bool{}, `"25:00" is not a time of day`},
		{"24:00-24:00", "", 0, 0, [7]bool{}, `"24:00" is not a time of day`},
		{"09:60-18:00", "", 0, 0, [7]bool{}, "is not a time of day"},
		{"18:00-09:00", "", 0, 0, [7]bool{}, "overnight hours are not supported"},
		{"09:00-09:00", "", 0, 0, [7]bool{}, "start and end at the same time"},
		{"09:00-18:00", "mon-fru", 0, 0, [7]bool{}, `unknown day "fru"`},
		{"09:00-18:00", "mon,,tue", 0, 0, [7]bool{}, "an empty day"},
	}
	for _, tt := range tests {
		t.Run(tt.spec+" "+tt.days, func(t *testing.T) {
			h, err := ParseHours(tt.spec, tt.days, nil)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if h.Start != tt.start || h.End != tt.end || h.Days != tt.want || h.Loc != time.UTC {
				t.Errorf("got %v-%v %v %v, want %v-%v %v UTC", h.Start, h.End, h.Days, h.Loc, tt.start, tt.end, tt.want)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	h := mustHours(t, "09:00-18:00", "mon-fri", "Europe/Paris")
	paris := h.Loc
	tests := []struct {
		t    time.Time
		want bool
	}{
		{time.Date(2025, 6, 2, 9, 0, 0, 0, paris), true},                            // Monday opening
		{time.Date(2025, 6, 2, 8, 59, 59, 0, paris), false},                         // just before
		{time.Date(2025, 6, 2, 17, 59, 59, 999999999, paris), true},                 // last nanosecond
		{time.Date(2025, 6, 2, 18, 0, 0, 0, paris), false},                          // closing instant
		{time.Date(2025, 6, 7, 12, 0, 0, 0, paris), false},                          // Saturday
		{time.Date(2025, 6, 2, 7, 30, 0, 0, time.UTC), true},                        // 09:30 in Paris
		{time.Date(2025, 6, 2, 3, 30, 0, 0, mustLoad(t, "America/New_York")), true}, // 09:30 in Paris
		{time.Date(2025, 6, 1, 23, 30, 0, 0, time.UTC), false},                      // Monday 01:30 in Paris
	}
	for _, tt := range tests {
		if got := h.Open(tt.t); got != tt.want {
			t.Errorf("Open(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func TestBetween(t *testing.T) {
	h := mustHours(t, "09:00-18:00", "mon-fri", "Europe/Paris")
	p := func(mo time.Month, d, hh, mm int) time.Time { return time.Date(2025, mo, d, hh, mm, 0, 0, h.Loc) }
	newYork := mustLoad(t, "America/New_York")
	tests := []struct {
		name     string
		from, to time.Time
		want     time.Duration
	}{
		{"same day", p(6, 2, 10, 0), p(6, 2, 14, 30), 4*time.Hour + 30*time.Minute},
		{"before opening", p(6, 2, 7, 0), p(6, 2, 10, 0), time.Hour},
		{"after closing", p(6, 2, 17, 0), p(6, 2, 23, 0), time.Hour},
		{"overnight", p(6, 2, 17, 0), p(6, 3, 10, 0), 2 * time.Hour},
		{"weekend", p(6, 6, 17, 0), p(6, 9, 10, 0), 2 * time.Hour},
		{"within a weekend", p(6, 7, 9, 0), p(6, 8, 20, 0), 0},
		{"one week", p(6, 2, 9, 0), p(6, 9, 9, 0), 45 * time.Hour},
		{"reversed", p(6, 3, 10, 0), p(6, 2, 10, 0), 0},
		{"equal", p(6, 3, 10, 0), p(6, 3, 10, 0), 0},
		// 08:00 UTC to 06:00 in New York: 10:00 to 12:00 in Paris.
		{"other zones", time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC),
			time.Date(2025, 6, 2, 6, 0, 0, 0, newYork), 2 * time.Hour},
		// 2025-06-02 .. 2025-09-01: 13 weeks of 45 h.
		{"three months", p(6, 2, 9, 0), p(9, 1, 9, 0), 13 * 45 * time.Hour},
		// Crosses the fall-back night: the hours are in the day, nothing changes.
		{"across fall-back", p(10, 20, 9, 0), p(11, 3, 9, 0), 2 * 45 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h.Between(tt.from, tt.to); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDST checks the 23- and 25-hour days of Paris and New York: working
// time only changes when the shift happens inside working hours.
func TestDST(t *testing.T) {
	tests := []struct {
		zone, spec string
		day        [3]int // y, m, d of the change
		want       time.Duration
	}{
		{"Europe/Paris", "09:00-18:00", [3]int{2025, 3, 30}, 9 * time.Hour},
		{"Europe/Paris", "09:00-18:00", [3]int{2025, 10, 26}, 9 * time.Hour},
		{"Europe/Paris", "00:00-24:00", [3]int{2025, 3, 30}, 23 * time.Hour},
		{"Europe/Paris", "00:00-24:00", [3]int{2025, 10, 26}, 25 * time.Hour},
		{"Europe/Paris", "01:00-04:00", [3]int{2025, 3, 30}, 2 * time.Hour},
		{"Europe/Paris", "01:00-04:00", [3]int{2025, 10, 26}, 4 * time.Hour},
		{"America/New_York", "09:00-17:00", [3]int{2025, 3, 9}, 8 * time.Hour},
		{"America/New_York", "09:00-17:00", [3]int{2025, 11, 2}, 8 * time.Hour},
		{"America/New_York", "00:00-24:00", [3]int{2025, 3, 9}, 23 * time.Hour},
		{"America/New_York", "00:00-24:00", [3]int{2025, 11, 2}, 25 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.spec+" "+time.Month(tt.day[1]).String(), func(t *testing.T) {
			h := mustHours(t, tt.spec, "mon-sun", tt.zone)
			y, m, d := tt.day[0], time.Month(tt.day[1]), tt.day[2]
			from := time.Date(y, m, d, 0, 0, 0, 0, h.Loc)
			to := time.Date(y, m, d+1, 0, 0, 0, 0, h.Loc)
			if got := h.Between(from, to); got != tt.want {
				t.Errorf("Between over the day: got %v, want %v", got, tt.want)
			}
			// The same day inside a long span (week arithmetic plus corrections).
			long := h.Between(from.AddDate(0, -2, 0), to.AddDate(0, 2, 0))
			if naive := naiveBetween(h, from.AddDate(0, -2, 0), to.AddDate(0, 2, 0)); long != naive {
				t.Errorf("Between over four months: got %v, want %v (day by day)", long, naive)
			}
			_, close, _ := h.window(dateOf(from))
			if got := h.Add(from, tt.want); !got.Equal(close) {
				t.Errorf("Add(%v, %v) = %v, want the day's closing %v", from, tt.want, got, close)
			}
		})
	}
	// Mon-fri across the spring-forward weekend: Friday 17:00 to Monday 10:00.
	h := mustHours(t, "09:00-18:00", "mon-fri", "Europe/Paris")
	from, to := time.Date(2025, 3, 28, 17, 0, 0, 0, h.Loc), time.Date(2025, 3, 31, 10, 0, 0, 0, h.Loc)
	if got := h.Between(from, to); got != 2*time.Hour {
		t.Errorf("Between over the spring-forward weekend: got %v, want 2h", got)
	}
	if got := h.Add(from, 2*time.Hour); !got.Equal(to) {
		t.Errorf("Add over the spring-forward weekend: got %v, want %v", got, to)
	}
}

// naiveBetween sums the working time day by day, skipping the days
// rickar/cal calls holidays: the reference.
func naiveBetween(h Hours, from, to time.Time) time.Duration {
	var d time.Duration
	for n := dateOf(from.In(h.loc())) - 1; n <= dateOf(to.In(h.loc()))+1; n++ {
		if !refHoliday(h.Holidays, n) {
			d += h.overlap(n, from, to)
		}
	}
	return d
}

func TestAdd(t *testing.T) {
	h := mustHours(t, "09:00-18:00", "mon-fri", "Europe/Paris")
	p := func(mo time.Month, d, hh, mm int) time.Time { return time.Date(2025, mo, d, hh, mm, 0, 0, h.Loc) }
	tests := []struct {
		name string
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{"same day", p(6, 2, 10, 0), 4 * time.Hour, p(6, 2, 14, 0)},
		{"to the closing instant", p(6, 2, 10, 0), 8 * time.Hour, p(6, 2, 18, 0)},
		{"overnight", p(6, 2, 17, 0), 2 * time.Hour, p(6, 3, 10, 0)},
		{"over the weekend", p(6, 6, 17, 0), 2 * time.Hour, p(6, 9, 10, 0)},
		{"from a Saturday", p(6, 7, 11, 0), time.Hour, p(6, 9, 10, 0)},
		{"from the night", p(6, 2, 3, 0), 30 * time.Minute, p(6, 2, 9, 30)},
		{"zero while open", p(6, 2, 10, 0), 0, p(6, 2, 10, 0)},
		{"zero while closed", p(6, 2, 20, 0), 0, p(6, 3, 9, 0)},
		{"negative", p(6, 2, 10, 0), -time.Hour, p(6, 2, 10, 0)},
		{"a week", p(6, 2, 9, 0), 45 * time.Hour, p(6, 6, 18, 0)},
		{"thirteen weeks", p(6, 2, 9, 0), 13 * 45 * time.Hour, p(8, 29, 18, 0)},
		{"from UTC", time.Date(2025, 6, 2, 15, 0, 0, 0, time.UTC), 2 * time.Hour, p(6, 3, 10, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.Add(tt.from, tt.d)
			if !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if got.Location() != h.Loc {
				t.Errorf("got location %v, want %v", got.Location(), h.Loc)
			}
		})
	}
	if got := (Hours{}).Add(p(6, 2, 10, 0), time.Hour); !got.IsZero() {
		t.Errorf("Add with no working time: got %v, want the zero Time", got)
	}
}
