package workhours

import (
	"math/rand/v2"
	"testing"
	"time"
)

// zones with something to say: DST at night (Paris, New York), at midnight
// (Havana, Santiago, São Paulo, Tehran), by half an hour (Lord Howe), far
// east of UTC (Auckland, Chatham at +12:45), a skipped day (Apia on
// 2011-12-30, Kiritimati on 1994-12-31), a month-long pause (Casablanca's
// Ramadan), none (Kolkata, UTC).
var propZones = []string{"Europe/Paris", "America/New_York", "America/Havana", "America/Santiago",
	"America/Sao_Paulo", "Asia/Tehran", "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham",
	"Pacific/Apia", "Pacific/Kiritimati", "Africa/Casablanca", "Asia/Kolkata", "UTC"}

var propSpecs = []struct{ spec, days string }{
	{"09:00-18:00", "mon-fri"}, {"00:00-24:00", "mon-sun"}, {"01:00-04:00", "sat,sun"},
	{"00:30-02:30", "mon-sun"}, {"08:15-12:45", "mon,wed,fri"}, {"22:00-24:00", "sun-thu"},
}

func propHours(t testing.TB, r *rand.Rand) Hours {
	s := propSpecs[r.IntN(len(propSpecs))]
	return mustHours(t, s.spec, s.days, propZones[r.IntN(len(propZones))])
}

// propRegions are calendars with holidays moved off weekends (US, GB, NZ),
// Easter days over a DST change (AU-NSW), a dense calendar (JP), or none.
var propRegions = []string{"", "FR", "US", "GB", "DE-BY", "JP", "AU-NSW", "NZ"}

// propHolidays are a random calendar and, half the time, a few extra days
// off in the 200 days after from, sometimes a run of them (a company
// closed for a fortnight, holidays next to each other).
func propHolidays(t testing.TB, r *rand.Rand, from time.Time) Holidays {
	var extra []string
	if r.IntN(2) == 0 {
		day := from.AddDate(0, 0, r.IntN(30))
		for range r.IntN(8) {
			extra = append(extra, day.Format(time.DateOnly))
			day = day.AddDate(0, 0, 1+r.IntN(3)*r.IntN(30))
		}
	}
	return mustHolidays(t, propRegions[r.IntN(len(propRegions))], extra...)
}

// propTime is an instant between 1985 and 2045, in a random zone.
func propTime(t testing.TB, r *rand.Rand) time.Time {
	base := time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC)
	at := base.Add(time.Duration(r.Int64N(int64(60 * 365 * 24 * time.Hour))))
	return at.In(mustLoad(t, propZones[r.IntN(len(propZones))]))
}

// TestAddBetweenProperty: Between undoes Add to the nanosecond, Add lands in
// working hours or on a closing instant, and both agree with the day-by-day
// reference.
func TestAddBetweenProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 6000
	if testing.Short() {
		n = 600
	}
	for range n {
		h := propHours(t, r)
		from := propTime(t, r)
		h.Holidays = propHolidays(t, r, from)
		d := time.Duration(r.Int64N(int64(3000 * time.Hour)))
		if r.IntN(4) == 0 {
			d = time.Duration(r.Int64N(int64(10 * time.Hour)))
		}
		got := h.Add(from, d)
		if back := h.Between(from, got); back != d {
			t.Fatalf("%v %v-%v %v: Between(%v, Add(from, %v) = %v) = %v", h.Loc, h.Start, h.End, h.Days, from, d, got, back)
		}
		if !h.Open(got) && !h.Open(got.Add(-1)) {
			t.Fatalf("%v %v-%v: Add(%v, %v) = %v is neither open nor a closing instant", h.Loc, h.Start, h.End, from, d, got)
		}
		if d > 0 && h.Between(from, got.Add(-1)) != d-1 {
			t.Fatalf("%v %v-%v: Add(%v, %v) = %v is not the earliest instant", h.Loc, h.Start, h.End, from, d, got)
		}
		if d < 2000*time.Hour {
			if naive := naiveBetween(h, from, got); naive != d {
				t.Fatalf("%v %v-%v: day by day from %v to %v: %v, want %v", h.Loc, h.Start, h.End, from, got, naive, d)
			}
		}
	}
}

// TestBetweenAdditive: Between(a, c) = Between(a, b) + Between(b, c).
func TestBetweenAdditive(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		h := propHours(t, r)
		a := propTime(t, r)
		h.Holidays = propHolidays(t, r, a)
		b := a.Add(time.Duration(r.Int64N(int64(5000 * time.Hour))))
		c := b.Add(time.Duration(r.Int64N(int64(5000 * time.Hour))))
		if ab, bc, ac := h.Between(a, b), h.Between(b, c), h.Between(a, c); ab+bc != ac {
			t.Fatalf("%v %v-%v: %v + %v != %v for %v, %v, %v", h.Loc, h.Start, h.End, ab, bc, ac, a, b, c)
		}
	}
}

func FuzzHours(f *testing.F) {
	f.Add(uint8(0), uint8(0), uint8(0), int64(1743292800), int64(3600e9), int64(7200e9))
	f.Add(uint8(1), uint8(1), uint8(1), int64(1761440400), int64(25*3600e9), int64(0))
	f.Add(uint8(5), uint8(3), uint8(6), int64(1325203200), int64(50*3600e9), int64(1))
	f.Add(uint8(0), uint8(0), uint8(1), int64(1798128000), int64(4*3600e9), int64(9*3600e9)) // 24 Dec 2026 17:00 Paris
	f.Fuzz(func(t *testing.T, zone, spec, region uint8, unix, n1, n2 int64) {
		s := propSpecs[int(spec)%len(propSpecs)]
		h := mustHours(t, s.spec, s.days, propZones[int(zone)%len(propZones)])
		h.Holidays = mustHolidays(t, propRegions[int(region)%len(propRegions)])
		// Instants from 1900 to 2100; durations up to 20 years.
		from := time.Unix(unix%(200*365*86400)-70*365*86400, 0)
		limit := int64(20 * 365 * 24 * time.Hour)
		d1, d2 := time.Duration(n1%limit), time.Duration(n2%limit)
		if d1 > d2 {
			d1, d2 = d2, d1
		}
		a, b := h.Add(from, d1), h.Add(from, d2)
		if b.Before(a) {
			t.Fatalf("Add not monotonic: Add(%v, %v) = %v after Add(%v, %v) = %v", from, d1, a, from, d2, b)
		}
		if later := h.Add(from.Add(time.Hour), d1); later.Before(a) {
			t.Fatalf("Add not monotonic in from: %v before %v", later, a)
		}
		if got := h.Between(from, b); got < 0 || got != max(d2, 0) {
			t.Fatalf("Between(%v, Add(from, %v) = %v) = %v", from, d2, b, got)
		}
		if got := h.Between(b, from); got != 0 {
			t.Fatalf("Between backwards = %v, want 0", got)
		}
	})
}

func BenchmarkBetweenThreeMonths(b *testing.B) {
	h := mustHours(b, "09:00-18:00", "mon-fri", "Europe/Paris")
	from := time.Date(2025, 2, 3, 10, 17, 0, 0, time.UTC)
	to := from.AddDate(0, 3, 0) // across the spring-forward change
	for b.Loop() {
		h.Between(from, to)
	}
}

func BenchmarkBetweenOneDay(b *testing.B) {
	h := mustHours(b, "09:00-18:00", "mon-fri", "Europe/Paris")
	from := time.Date(2025, 2, 3, 10, 17, 0, 0, time.UTC)
	to := from.Add(20 * time.Hour)
	for b.Loop() {
		h.Between(from, to)
	}
}

func BenchmarkAddFourHours(b *testing.B) {
	h := mustHours(b, "09:00-18:00", "mon-fri", "Europe/Paris")
	from := time.Date(2025, 2, 7, 16, 17, 0, 0, time.UTC)
	for b.Loop() {
		h.Add(from, 4*time.Hour)
	}
}

func BenchmarkAddThreeMonths(b *testing.B) {
	h := mustHours(b, "09:00-18:00", "mon-fri", "Europe/Paris")
	from := time.Date(2025, 2, 3, 10, 17, 0, 0, time.UTC)
	for b.Loop() {
		h.Add(from, 13*45*time.Hour)
	}
}

// TestFullMatchesDayByDay: over forty years of every test zone, the week
// arithmetic with offset sampling gives what summing each day gives, for the
// whole span and for spans ending on each side of every DST change.
func TestFullMatchesDayByDay(t *testing.T) {
	n0 := dateOf(time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC))
	n1 := dateOf(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if testing.Short() {
		n1 = dateOf(time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	for _, zone := range propZones {
		for _, s := range propSpecs {
			h := mustHours(t, s.spec, s.days, zone)
			var sum time.Duration
			for n := n0; n < n1; n++ {
				if l := h.length(n); l != h.End-h.Start && h.Days[n.weekday()] {
					// A day DST touched: spans ending around it must agree too.
					for _, end := range []date{n, n + 1, n + 2} {
						if got, want := h.full(n0, end), sum+h.full(n, end); got != want {
							t.Fatalf("%s %s: full to %v = %v, want %v", zone, s.spec, end, got, want)
						}
					}
				}
				sum += h.length(n)
			}
			if got := h.full(n0, n1); got != sum {
				t.Errorf("%s %s %s: full = %v, want %v (day by day)", zone, s.spec, s.days, got, sum)
			}
		}
	}
}

func BenchmarkBetweenThreeMonthsHolidays(b *testing.B) {
	h := mustHours(b, "09:00-18:00", "mon-fri", "Europe/Paris")
	h.Holidays = mustHolidays(b, "FR")
	from := time.Date(2025, 2, 3, 10, 17, 0, 0, time.UTC)
	to := from.AddDate(0, 3, 0) // across the spring-forward change, Easter Monday and 1 May
	for b.Loop() {
		h.Between(from, to)
	}
}

func BenchmarkAddFourHoursChristmas(b *testing.B) {
	h := mustHours(b, "09:00-18:00", "mon-fri", "Europe/Paris")
	h.Holidays = mustHolidays(b, "FR")
	from := time.Date(2026, 12, 24, 16, 0, 0, 0, time.UTC)
	for b.Loop() {
		h.Add(from, 4*time.Hour)
	}
}
