package schedule

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"praxis/store"
)

func TestAddRefusesBadJobs(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T08:00:00Z"))
	s := h.scheduler("A", h.st, Options{})
	fn := func(context.Context, Period) error { return nil }
	if err := s.Add(Job{Name: "ok", Spec: "0 9 * * MON", Fn: fn}); err != nil {
		t.Fatalf("got %v, want a valid job added", err)
	}
	for _, tc := range []struct {
		name string
		job  Job
		want string
	}{
		{"no name", Job{Spec: "0 9 * * *", Fn: fn}, "required"},
		{"no fn", Job{Name: "x", Spec: "0 9 * * *"}, "required"},
		{"same name", Job{Name: "ok", Spec: "0 9 * * *", Fn: fn}, "a job has that name"},
		{"descriptor", Job{Name: "x", Spec: "@daily", Fn: fn}, "5 fields"},
		{"six fields", Job{Name: "x", Spec: "0 0 9 * * *", Fn: fn}, "5 fields"},
		{"own zone", Job{Name: "x", Spec: "TZ=Europe/Paris 0 9 * * *", Fn: fn}, "Job.Loc"},
		{"bad field", Job{Name: "x", Spec: "0 25 * * *", Fn: fn}, "spec"},
		{"never", Job{Name: "x", Spec: "0 0 30 2 *", Fn: fn}, "never fires"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Add(tc.job)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error about %q", err, tc.want)
			}
		})
	}
}

// A job runs once per period, at the period's instant, with a key that is
// the instant in RFC 3339 UTC, and each run is recorded done. A period
// already too late at the first start is recorded skipped, not run.
func TestRunsEachPeriodOnce(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T08:30:00Z"))
	var rec recorder
	s := h.scheduler("A", h.st, Options{}, Job{Name: "report", Spec: "0 9 * * *",
		Fn: func(ctx context.Context, p Period) error { rec.add("report", p, h.clk.Now()); return nil }})
	h.start(s)
	for range 3 {
		if w := h.step(1); w.reason != "next" {
			t.Fatalf("got wait %+v, want next", w)
		}
	}
	h.park(1)
	want := []call{
		{"report", "2024-05-06T09:00:00Z", utc("2024-05-06T09:00:00Z"), utc("2024-05-06T09:00:00Z")},
		{"report", "2024-05-07T09:00:00Z", utc("2024-05-07T09:00:00Z"), utc("2024-05-07T09:00:00Z")},
		{"report", "2024-05-08T09:00:00Z", utc("2024-05-08T09:00:00Z"), utc("2024-05-08T09:00:00Z")},
	}
	if diff := cmp.Diff(want, rec.list(), cmp.AllowUnexported(call{})); diff != "" {
		t.Fatalf("calls (-want +got):\n%s", diff)
	}
	rs := runs(t, h.st, "report")
	for _, c := range want {
		if r := rs[c.key]; r.Status != store.RunDone || r.Attempts != 1 || !r.ScheduledAt.Equal(c.at) {
			t.Errorf("got run %+v, want done after 1 attempt, scheduled at %s", r, c.at)
		}
	}
	if r := rs["2024-05-05T09:00:00Z"]; r.Status != store.RunSkipped || !strings.Contains(r.Error, "missed") {
		t.Errorf("got run %+v for the period before the start, want skipped as missed", r)
	}
}

// Two schedulers on the same database (two replicas) run each period once
// between them: the unique claim decides.
func TestTwoSchedulersRunEachPeriodOnce(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T08:55:00Z"))
	var rec recorder
	job := Job{Name: "ritual", Spec: "*/10 * * * *", Fn: func(ctx context.Context, p Period) error {
		rec.add("ritual", p, h.clk.Now())
		time.Sleep(5 * time.Millisecond) // let the other replica try while this one runs
		return nil
	}}
	h.start(h.scheduler("A", h.st, Options{}, job))
	h.start(h.scheduler("B", h.openStore(), Options{}, job))
	for h.clk.Now().Before(utc("2024-05-06T10:00:00Z")) {
		h.step(2)
	}
	h.park(2)
	var want []string
	for m := 0; m <= 60; m += 10 {
		want = append(want, utc("2024-05-06T09:00:00Z").Add(time.Duration(m)*time.Minute).Format(time.RFC3339))
	}
	want = append([]string{"2024-05-06T08:50:00Z"}, want...) // within its grace at the start
	if diff := cmp.Diff(want, rec.keys()); diff != "" {
		t.Fatalf("periods run (-want +got):\n%s", diff)
	}
	for _, k := range want {
		if r := runs(t, h.st, "ritual")[k]; r.Status != store.RunDone || r.Attempts != 1 {
			t.Errorf("got run %+v, want done after 1 attempt", r)
		}
	}
}

// A period missed while down runs once at the next start if it is still in
// its grace; never twice, never an older one, never one too late.
func TestRestartRunsTheMissedPeriodOnce(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T08:59:00Z"))
	var rec recorder
	job := Job{Name: "digest", Spec: "0 9 * * *", Grace: time.Hour,
		Fn: func(ctx context.Context, p Period) error { rec.add("digest", p, h.clk.Now()); return nil }}
	life := func(label string, down time.Time, steps int) {
		t.Helper()
		h.clk.Set(down)
		stop := h.start(h.scheduler(label, h.openStore(), Options{}, job))
		for range steps {
			h.step(1)
		}
		h.park(1)
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		h.forget(label)
	}
	life("first", utc("2024-05-06T08:59:00Z"), 1)  // runs 05-06 at 09:00
	life("missed", utc("2024-05-07T09:20:00Z"), 0) // 05-07 missed by 20 min: runs at start
	life("again", utc("2024-05-07T09:40:00Z"), 0)  // 05-07 done already: nothing
	life("long", utc("2024-05-10T09:30:00Z"), 0)   // only 05-10, not 05-08 and 05-09
	life("late", utc("2024-05-11T10:30:00Z"), 1)   // 05-11 too late; 05-12 at 09:00
	want := []call{
		{"digest", "2024-05-06T09:00:00Z", utc("2024-05-06T09:00:00Z"), utc("2024-05-06T09:00:00Z")},
		{"digest", "2024-05-07T09:00:00Z", utc("2024-05-07T09:00:00Z"), utc("2024-05-07T09:20:00Z")},
		{"digest", "2024-05-10T09:00:00Z", utc("2024-05-10T09:00:00Z"), utc("2024-05-10T09:30:00Z")},
		{"digest", "2024-05-12T09:00:00Z", utc("2024-05-12T09:00:00Z"), utc("2024-05-12T09:00:00Z")},
	}
	if diff := cmp.Diff(want, rec.list(), cmp.AllowUnexported(call{})); diff != "" {
		t.Fatalf("calls (-want +got):\n%s", diff)
	}
	rs := runs(t, h.st, "digest")
	r := rs["2024-05-11T09:00:00Z"]
	if r.Status != store.RunSkipped || !strings.Contains(r.Error, "missed: due 1h30m0s ago") {
		t.Errorf("got %+v, want the late period skipped as missed", r)
	}
	for _, k := range []string{"2024-05-08T09:00:00Z", "2024-05-09T09:00:00Z"} {
		if r, ok := rs[k]; ok {
			t.Errorf("got %+v, want no run of a period older than the latest missed one", r)
		}
	}
}

// A run still going when the next period comes is not overlapped: the next
// period waits and starts when it ends, if still in its window; a period
// whose window closed meanwhile is recorded skipped.
func TestNoOverlapTheNextPeriodWaits(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	g := newGate(h.clk)
	h.start(h.scheduler("A", h.st, Options{}, Job{Name: "nudges", Spec: "0 * * * *", Timeout: 5 * time.Hour, Fn: g.fn}))
	t.Cleanup(g.open) // before stopping, should the test fail
	if k := g.waitStart(t); k != "2024-05-06T09:00:00Z" {
		t.Fatalf("got %s, want the 09:00 period", k)
	}
	h.clk.Set(utc("2024-05-06T10:00:00Z"))
	h.clk.Set(utc("2024-05-06T10:30:00Z"))
	g.release <- struct{}{} // 09:00 ends at 10:30; 10:00 is in its window
	if k := g.waitStart(t); k != "2024-05-06T10:00:00Z" {
		t.Fatalf("got %s, want the 10:00 period, late", k)
	}
	h.clk.Set(utc("2024-05-06T12:10:00Z"))
	g.release <- struct{}{} // 10:00 ends at 12:10: 11:00's window closed at 12:00
	if k := g.waitStart(t); k != "2024-05-06T12:00:00Z" {
		t.Fatalf("got %s, want the 12:00 period", k)
	}
	g.release <- struct{}{}
	h.park(1)
	want := []call{
		{"", "2024-05-06T09:00:00Z", utc("2024-05-06T09:00:00Z"), utc("2024-05-06T09:00:00Z")},
		{"", "2024-05-06T10:00:00Z", utc("2024-05-06T10:00:00Z"), utc("2024-05-06T10:30:00Z")},
		{"", "2024-05-06T12:00:00Z", utc("2024-05-06T12:00:00Z"), utc("2024-05-06T12:10:00Z")},
	}
	if diff := cmp.Diff(want, g.rec.list(), cmp.AllowUnexported(call{})); diff != "" {
		t.Fatalf("calls (-want +got):\n%s", diff)
	}
	if m := g.most.Load(); m != 1 {
		t.Fatalf("got %d runs at once, want 1", m)
	}
	r := runs(t, h.st, "nudges")["2024-05-06T11:00:00Z"]
	if r.Status != store.RunSkipped || !strings.Contains(r.Error, "passed over") {
		t.Fatalf("got %+v, want 11:00 skipped as passed over", r)
	}
}
