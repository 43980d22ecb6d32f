package schedule

// The store's job_runs methods, tested here on a real SQLite file: the
// claim is the scheduler's whole guarantee.

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"praxis/store"
)

func TestClaimLifecycle(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	st := h.st
	c := store.RunClaim{Job: "digest", Period: "2024-05-06T09:00:00Z", ScheduledAt: utc("2024-05-06T09:00:00Z"),
		MaxAttempts: 3, StaleAfter: 10 * time.Minute}
	claim := func(want bool) store.JobRun {
		t.Helper()
		r, ok, err := st.ClaimJobRun(ctx, c)
		if err != nil || ok != want {
			t.Fatalf("got %v, %v (%+v); want claimed %v", ok, err, r, want)
		}
		return r
	}
	run := claim(true)
	if run.Status != store.RunRunning || run.Attempts != 1 || !run.HeartbeatAt.Equal(h.clk.Now()) {
		t.Fatalf("got %+v, want running, first attempt, heartbeat now", run)
	}
	if r := claim(false); r.ID != run.ID || r.Status != store.RunRunning {
		t.Fatalf("got %+v, want the running run in the way", r)
	}
	if err := st.FinishJobRun(ctx, run, errors.New("slack down"), utc("2024-05-06T09:05:00Z")); err != nil {
		t.Fatal(err)
	}
	r := claim(false)
	if r.Status != store.RunFailed || r.Error != "slack down" || !r.RetryAt.Equal(utc("2024-05-06T09:05:00Z")) {
		t.Fatalf("got %+v, want failed, not yet due for a retry", r)
	}
	h.clk.Set(utc("2024-05-06T09:05:00Z"))
	run = claim(true)
	if run.Attempts != 2 || !run.RetryAt.IsZero() || !run.FinishedAt.IsZero() {
		t.Fatalf("got %+v, want the second attempt", run)
	}
	if err := st.FinishJobRun(ctx, run, errors.New("still down"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	run = claim(true)
	if err := st.FinishJobRun(ctx, run, errors.New("down again"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if r := claim(false); r.Attempts != 3 || r.Status != store.RunFailed {
		t.Fatalf("got %+v, want failed for good after 3 attempts", r)
	}
	c.MaxAttempts = 4
	run = claim(true)
	if err := st.FinishJobRun(ctx, run, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if r := claim(false); r.Status != store.RunDone || r.Error != "" || r.Attempts != 4 {
		t.Fatalf("got %+v, want done", r)
	}
	if err := st.FinishJobRun(ctx, run, nil, time.Time{}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v finishing twice, want ErrNotFound", err)
	}
}

// A running attempt is taken over only once its heartbeat is StaleAfter
// old; the process that lost it can no longer heartbeat or finish it.
func TestClaimTakesOverOnlyStaleRuns(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	c := store.RunClaim{Job: "j", Period: "p", ScheduledAt: h.clk.Now(), MaxAttempts: 2, StaleAfter: 10 * time.Minute}
	first, _, _ := h.st.ClaimJobRun(ctx, c)
	h.clk.Set(utc("2024-05-06T09:09:00Z"))
	if _, ok, _ := h.st.ClaimJobRun(ctx, c); ok {
		t.Fatal("claimed a run whose heartbeat is 9 minutes old")
	}
	if err := h.st.HeartbeatJobRun(ctx, first); err != nil {
		t.Fatal(err)
	}
	h.clk.Set(utc("2024-05-06T09:18:59Z"))
	if _, ok, _ := h.st.ClaimJobRun(ctx, c); ok {
		t.Fatal("claimed a run that heartbeat 9m59s ago")
	}
	h.clk.Set(utc("2024-05-06T09:19:00Z"))
	second, ok, err := h.st.ClaimJobRun(ctx, c)
	if !ok || err != nil || second.Attempts != 2 || !strings.Contains(second.Error, "attempt 1 abandoned") {
		t.Fatalf("got %v, %v, %+v; want the stale run taken over", ok, err, second)
	}
	if err := h.st.HeartbeatJobRun(ctx, first); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want the old attempt's heartbeat refused", err)
	}
	if err := h.st.FinishJobRun(ctx, first, nil, time.Time{}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want the old attempt's finish refused", err)
	}
	h.clk.Set(utc("2024-05-06T09:30:00Z"))
	r, ok, err := h.st.ClaimJobRun(ctx, c)
	if ok || err != nil || r.Status != store.RunFailed || !strings.Contains(r.Error, "attempt 2 abandoned") {
		t.Fatalf("got %v, %v, %+v; want the last attempt given up as failed", ok, err, r)
	}
}

// Another period of the same job running keeps a claim out, unless that
// run is stale: then it is recorded failed and the claim goes through.
func TestClaimRefusesOverlap(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	c1 := store.RunClaim{Job: "j", Period: "p1", ScheduledAt: h.clk.Now(), StaleAfter: 10 * time.Minute}
	c2 := store.RunClaim{Job: "j", Period: "p2", ScheduledAt: h.clk.Now().Add(time.Hour), StaleAfter: 10 * time.Minute}
	if _, ok, _ := h.st.ClaimJobRun(ctx, c1); !ok {
		t.Fatal("first claim refused")
	}
	if _, ok, _ := h.st.ClaimJobRun(ctx, store.RunClaim{Job: "other", Period: "p2", ScheduledAt: h.clk.Now()}); !ok {
		t.Fatal("another job's claim refused")
	}
	if r, ok, _ := h.st.ClaimJobRun(ctx, c2); ok || r.Period != "p1" {
		t.Fatalf("got %v, %+v; want refused for p1 running", ok, r)
	}
	h.clk.Set(utc("2024-05-06T09:10:00Z"))
	if _, ok, err := h.st.ClaimJobRun(ctx, c2); !ok || err != nil {
		t.Fatalf("got %v, %v; want claimed over the stale p1", ok, err)
	}
	r, err := h.st.LastJobRun(ctx, "j", store.RunFailed)
	if err != nil || r.Period != "p1" || !strings.Contains(r.Error, "abandoned") {
		t.Fatalf("got %+v, %v; want p1 recorded failed as abandoned", r, err)
	}
}

func TestSkipAndList(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	st := h.st
	if _, err := st.LastJobRun(ctx, "j"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
	at := func(hh int) time.Time { return utc("2024-05-06T00:00:00Z").Add(time.Duration(hh) * time.Hour) }
	for _, hh := range []int{7, 9, 8} {
		c := store.RunClaim{Job: "j", Period: at(hh).Format(time.RFC3339), ScheduledAt: at(hh)}
		r, ok, err := st.ClaimJobRun(ctx, c)
		if !ok || err != nil {
			t.Fatalf("got %v, %v; want claimed", ok, err)
		}
		if err := st.FinishJobRun(ctx, r, nil, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if added, err := st.SkipJobRun(ctx, "j", at(10).Format(time.RFC3339), at(10), "missed"); !added || err != nil {
		t.Fatalf("got %v, %v; want skipped recorded", added, err)
	}
	for _, hh := range []int{10, 9} {
		if added, err := st.SkipJobRun(ctx, "j", at(hh).Format(time.RFC3339), at(hh), "again"); added || err != nil {
			t.Fatalf("got %v, %v; want nothing changed for a period with a run", added, err)
		}
	}
	skipped := store.RunClaim{Job: "j", Period: at(10).Format(time.RFC3339), ScheduledAt: at(10)}
	if _, ok, _ := st.ClaimJobRun(ctx, skipped); ok {
		t.Fatal("claimed a skipped period")
	}
	if r, err := st.LastJobRun(ctx, "j"); err != nil || r.Status != store.RunSkipped || r.Error != "missed" {
		t.Fatalf("got %+v, %v; want the skipped 10:00", r, err)
	}
	if r, err := st.LastJobRun(ctx, "j", store.RunDone); err != nil || !r.ScheduledAt.Equal(at(9)) {
		t.Fatalf("got %+v, %v; want the 09:00 done", r, err)
	}
	st.SkipJobRun(ctx, "k", "x", at(1), "")
	rs, err := st.JobRuns(ctx, "j", 3)
	if err != nil || len(rs) != 3 || !rs[0].ScheduledAt.Equal(at(10)) || !rs[2].ScheduledAt.Equal(at(8)) {
		t.Fatalf("got %+v, %v; want 10:00, 09:00, 08:00", rs, err)
	}
	if all, _ := st.JobRuns(ctx, "", 0); len(all) != 5 {
		t.Fatalf("got %d runs of every job, want 5", len(all))
	}
}

// Claims race across two connections (two processes): exactly one wins.
func TestClaimRace(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	stores := []*store.Store{h.st, h.openStore()}
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			_, ok, err := stores[i%2].ClaimJobRun(context.Background(), store.RunClaim{Job: "j", Period: "p",
				ScheduledAt: h.clk.Now(), StaleAfter: time.Minute})
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if n := wins.Load(); n != 1 {
		t.Fatalf("got %d claims won, want 1", n)
	}
}
