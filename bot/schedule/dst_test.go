package schedule

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// instants lists a spec's instants in [from, to), in UTC.
func instants(t *testing.T, text string, loc *time.Location, from, to time.Time) []string {
	t.Helper()
	sp, err := parseSpec(text, loc)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for at := sp.next(from.Add(-time.Nanosecond)); at.Before(to); at = sp.next(at) {
		out = append(out, at.UTC().Format(time.RFC3339))
	}
	return out
}

func TestSpecInstantsAcrossDST(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	for _, tc := range []struct {
		name     string
		spec     string
		from, to string
		want     []string
	}{
		{"02:30 when Paris springs forward runs at 03:30 CEST", "30 2 * * *", "2024-03-29T00:00:00Z", "2024-04-02T00:00:00Z",
			[]string{"2024-03-29T01:30:00Z", "2024-03-30T01:30:00Z", "2024-03-31T01:30:00Z", "2024-04-01T00:30:00Z"}},
		{"02:30 when Paris falls back runs once, at the first", "30 2 * * *", "2024-10-25T00:00:00Z", "2024-10-29T00:00:00Z",
			[]string{"2024-10-25T00:30:00Z", "2024-10-26T00:30:00Z", "2024-10-27T00:30:00Z", "2024-10-28T01:30:00Z"}},
		{"02:00 and 03:00 on the spring day are one instant", "0 2,3 31 3 *", "2024-03-31T00:00:00Z", "2024-04-01T00:00:00Z",
			[]string{"2024-03-31T01:00:00Z"}},
		{"every 30 minutes through the skipped hour", "*/30 1-3 31 3 *", "2024-03-31T00:00:00Z", "2024-04-01T00:00:00Z",
			[]string{"2024-03-31T00:00:00Z", "2024-03-31T00:30:00Z", "2024-03-31T01:00:00Z", "2024-03-31T01:30:00Z"}},
		{"every 30 minutes through the repeated hour", "*/30 1-3 27 10 *", "2024-10-27T00:00:00Z", "2024-10-28T00:00:00Z",
			[]string{"2024-10-26T23:00:00Z", "2024-10-26T23:30:00Z", "2024-10-27T00:00:00Z", "2024-10-27T00:30:00Z",
				"2024-10-27T02:00:00Z", "2024-10-27T02:30:00Z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := instants(t, tc.spec, paris, utc(tc.from).Add(-2*time.Hour), utc(tc.to))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("instants (-want +got):\n%s", diff)
			}
		})
	}
}

// Every wall time is one instant: prev and next agree, whatever the day.
func TestPrevUndoesNext(t *testing.T) {
	for _, name := range []string{"Europe/Paris", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"} {
		loc := zone(t, name)
		for _, text := range []string{"30 2 * * *", "*/20 * * * *", "0 9 * * MON", "15 0-3 * * *"} {
			sp, err := parseSpec(text, loc)
			if err != nil {
				t.Fatal(err)
			}
			for _, from := range []string{"2024-03-09T00:00:00Z", "2024-03-30T00:00:00Z", "2024-04-06T00:00:00Z",
				"2024-10-05T00:00:00Z", "2024-10-26T00:00:00Z", "2024-11-02T00:00:00Z"} {
				at := utc(from)
				for range 80 {
					n := sp.next(at)
					if !n.After(at) {
						t.Fatalf("%s %q: next(%s) = %s, want later", name, text, at, n)
					}
					if p := sp.prev(n); !p.Before(n) || sp.next(p) != n {
						t.Fatalf("%s %q: prev(%s) = %s whose next is %s", name, text, n, p, sp.next(p))
					}
					at = n
				}
			}
		}
	}
}

// The scheduler runs a job at 02:30 Paris time exactly once on the day
// clocks spring forward and once on the day they fall back.
func TestSchedulerRunsOnceADayAcrossDST(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	for _, tc := range []struct {
		name     string
		from, to string
		want     []string // local days run
	}{
		{"spring forward", "2024-03-29T12:00:00Z", "2024-04-02T12:00:00Z",
			[]string{"2024-03-30 02:30 CET", "2024-03-31 03:30 CEST", "2024-04-01 02:30 CEST", "2024-04-02 02:30 CEST"}},
		{"fall back", "2024-10-25T12:00:00Z", "2024-10-29T12:00:00Z",
			[]string{"2024-10-26 02:30 CEST", "2024-10-27 02:30 CEST", "2024-10-28 02:30 CET", "2024-10-29 02:30 CET"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, utc(tc.from))
			var rec recorder
			h.start(h.scheduler("A", h.st, Options{}, Job{Name: "backup", Spec: "30 2 * * *", Loc: paris,
				Fn: func(ctx context.Context, p Period) error { rec.add("backup", p, h.clk.Now()); return nil }}))
			for h.park(1)[0].until.Before(utc(tc.to)) {
				h.step(1)
			}
			var got []string
			for _, c := range rec.list() {
				if !c.at.Equal(c.now) || c.at.Location() != paris {
					t.Errorf("got period at %s run at %s, want on time, in Paris", c.at, c.now)
				}
				got = append(got, c.at.Format("2006-01-02 15:04 MST"))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("runs (-want +got):\n%s", diff)
			}
		})
	}
}

// Jobs in several time zones run at their own local times, across the US
// change to summer time (2024-03-10); Japan has none.
func TestJobsRunAtTheirOwnLocalTime(t *testing.T) {
	tokyo, la := zone(t, "Asia/Tokyo"), zone(t, "America/Los_Angeles")
	h := newHarness(t, utc("2024-03-02T00:00:00Z"))
	var rec recorder
	fn := func(name string) func(context.Context, Period) error {
		return func(ctx context.Context, p Period) error { rec.add(name, p, h.clk.Now()); return nil }
	}
	h.start(h.scheduler("A", h.st, Options{},
		Job{Name: "tokyo", Spec: "0 9 * * MON", Loc: tokyo, Fn: fn("tokyo")},
		Job{Name: "la", Spec: "0 9 * * MON", Loc: la, Fn: fn("la")}))
	for h.park(2)[0].until.Before(utc("2024-03-20T00:00:00Z")) {
		h.step(2)
	}
	var got []string
	for _, c := range rec.list() {
		if l := c.at.Format("Mon 15:04"); l != "Mon 09:00" || !c.now.Equal(c.at) {
			t.Errorf("%s ran at %s local, at %s, want Mon 09:00, on time", c.job, l, c.now)
		}
		got = append(got, c.job+" "+c.key)
	}
	want := []string{
		"tokyo 2024-03-04T00:00:00Z", "la 2024-03-04T17:00:00Z",
		"tokyo 2024-03-11T00:00:00Z", "la 2024-03-11T16:00:00Z",
		"tokyo 2024-03-18T00:00:00Z", "la 2024-03-18T16:00:00Z",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("runs (-want +got):\n%s", diff)
	}
}

// An hourly UTC job picks each member once a day at their local hour, in
// every zone, across DST changes.
func TestLocalHourOnceADay(t *testing.T) {
	sp, err := parseSpec("0 * * * *", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	j := &job{Job: Job{Loc: time.UTC}, spec: sp}
	for _, tc := range []struct {
		zone string
		hour int
		from string // four days from then
	}{
		{"Europe/Paris", 9, "2024-03-29T00:00:00Z"},
		{"Europe/Paris", 2, "2024-03-29T00:00:00Z"}, // 02:00 does not exist on 03-31
		{"Europe/Paris", 3, "2024-03-29T00:00:00Z"},
		{"Europe/Paris", 2, "2024-10-25T00:00:00Z"}, // 02:00 occurs twice on 10-27
		{"Europe/Paris", 0, "2024-10-25T00:00:00Z"},
		{"America/Los_Angeles", 2, "2024-03-08T00:00:00Z"},
		{"America/Los_Angeles", 1, "2024-11-01T00:00:00Z"},
		{"Asia/Kolkata", 9, "2024-03-29T00:00:00Z"},
		{"Asia/Kathmandu", 23, "2024-03-29T00:00:00Z"},
		{"Australia/Lord_Howe", 2, "2024-04-05T00:00:00Z"}, // DST moves by 30 minutes
		{"Australia/Lord_Howe", 1, "2024-10-04T00:00:00Z"},
		{"Pacific/Chatham", 23, "2024-04-05T00:00:00Z"},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			loc := zone(t, tc.zone)
			days := map[string]int{}
			start := utc(tc.from)
			for at := start; at.Before(start.Add(96 * time.Hour)); at = at.Add(time.Hour) {
				p := j.period(at)
				s, ok := LocalHour(loc, tc.hour, p)
				if !ok {
					continue
				}
				if ok != LocalHourIs(loc, tc.hour, p) {
					t.Fatal("LocalHourIs disagrees with LocalHour")
				}
				if s.Location() != loc || s.After(p.At) || !s.After(p.Prev) {
					t.Fatalf("got start %s for period %s, want in (%s, %s]", s, p.Key, p.Prev, p.At)
				}
				if h := s.Hour(); h != tc.hour && h != tc.hour+1 {
					t.Fatalf("got start %s for hour %d", s, tc.hour)
				}
				days[s.Format("2006-01-02")]++
			}
			// Every local day in the span but the first and last, once.
			last := start.Add(96*time.Hour).In(loc).AddDate(0, 0, -1)
			for d := start.In(loc).AddDate(0, 0, 1); d.Before(last); d = d.AddDate(0, 0, 1) {
				if n := days[d.Format("2006-01-02")]; n != 1 {
					t.Errorf("got %d picks on %s, want 1 (%v)", n, d.Format("2006-01-02"), days)
				}
			}
		})
	}
}

func TestLocalHourOnTheDSTDays(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	for _, tc := range []struct {
		hour int
		at   string
		want string
	}{
		{2, "2024-03-31T01:00:00Z", "2024-03-31 03:00 CEST"}, // no 02:00: begins with 03:00
		{3, "2024-03-31T01:00:00Z", "2024-03-31 03:00 CEST"},
		{2, "2024-10-27T00:00:00Z", "2024-10-27 02:00 CEST"}, // the first 02:00
		{9, "2024-10-27T08:00:00Z", "2024-10-27 09:00 CET"},
	} {
		p := Period{At: utc(tc.at), Prev: utc(tc.at).Add(-time.Hour)}
		s, ok := LocalHour(paris, tc.hour, p)
		if got := s.Format("2006-01-02 15:04 MST"); !ok || got != tc.want {
			t.Errorf("hour %d in period %s: got %s, %v; want %s", tc.hour, tc.at, got, ok, tc.want)
		}
		if LocalHourIs(paris, tc.hour, Period{At: p.At.Add(time.Hour), Prev: p.At}) {
			t.Errorf("hour %d also picked in the period after %s", tc.hour, tc.at)
		}
	}
}
