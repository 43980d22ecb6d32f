package schedule

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"praxis/store"
)

// When Run's context ends, the running job is cancelled and waited for;
// the interrupted period is recorded failed and done at the next start.
func TestStopCancelsAndWaitsForTheJob(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	var returned atomic.Bool
	started := make(chan struct{}, 1)
	var calls atomic.Int32
	job := Job{Name: "report", Spec: "0 9 * * *", Fn: func(ctx context.Context, p Period) error {
		if calls.Add(1) > 1 {
			return nil
		}
		started <- struct{}{}
		<-ctx.Done()
		time.Sleep(30 * time.Millisecond) // cleaning up
		returned.Store(true)
		return ctx.Err()
	}}
	stop := h.start(h.scheduler("A", h.st, Options{}, job))
	<-started
	if err := stop(); err != nil {
		t.Fatalf("got %v, want a clean stop", err)
	}
	if !returned.Load() {
		t.Fatal("Run returned before the job did")
	}
	r := runs(t, h.st, "report")["2024-05-06T09:00:00Z"]
	if r.Status != store.RunFailed || r.Error != "interrupted by shutdown: context canceled" {
		t.Fatalf("got %+v, want failed as interrupted", r)
	}
	h.forget("A")
	h.clk.Set(utc("2024-05-06T09:05:00Z"))
	h.start(h.scheduler("B", h.openStore(), Options{}, job))
	h.park(1)
	r = runs(t, h.st, "report")["2024-05-06T09:00:00Z"]
	if r.Status != store.RunDone || r.Attempts != 2 || calls.Load() != 2 {
		t.Fatalf("got %+v after %d calls, want done at the second attempt", r, calls.Load())
	}
}

// A job that ignores cancellation does not hold Run forever: Run gives up
// after StopTimeout and says which job is still running.
func TestStopIsBounded(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	g := newGate(h.clk)
	s := h.scheduler("A", h.st, Options{StopTimeout: 100 * time.Millisecond},
		Job{Name: "stubborn", Spec: "0 9 * * *", Fn: g.fn})
	stop := h.start(s)
	t.Cleanup(g.open)
	g.waitStart(t)
	begin := time.Now()
	err := stop()
	if err == nil || !strings.Contains(err.Error(), "stubborn") {
		t.Fatalf("got %v, want an error naming the job", err)
	}
	if d := time.Since(begin); d > 5*time.Second {
		t.Fatalf("Run took %s to give up, want about 100ms", d)
	}
	if r := runs(t, h.st, "stubborn")["2024-05-06T09:00:00Z"]; r.Status != store.RunRunning {
		t.Fatalf("got %+v, want still running (it is)", r)
	}
	g.open()
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		t.Fatal("the job loop did not return once the job did")
	}
	if r := runs(t, h.st, "stubborn")["2024-05-06T09:00:00Z"]; r.Status != store.RunDone {
		t.Fatalf("got %+v, want done: the job returned nil", r)
	}
}

// A failing job is recorded failed with its error and retried at most
// Retries times, with doubling back-off, and only within its grace.
func TestFailuresAreRetriedWithBackoff(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name         string
		retries      int
		backoff      time.Duration
		fail         func(n int) error
		wantAt       []string // clock at each attempt (HH:MM, 2024-05-06)
		wantStatus   string
		wantAttempts int
		wantError    string
	}{
		{"gives up after retries", 2, 5 * time.Minute, func(int) error { return boom },
			[]string{"09:00", "09:05", "09:15"}, store.RunFailed, 3, "boom"},
		{"succeeds on retry", 3, 5 * time.Minute, func(n int) error {
			if n == 1 {
				return boom
			}
			return nil
		}, []string{"09:00", "09:05"}, store.RunDone, 2, ""},
		{"stops at the grace", 3, 40 * time.Minute, func(int) error { return boom },
			[]string{"09:00", "09:40"}, store.RunFailed, 2, "boom"},
		{"never retried", -1, time.Minute, func(int) error { return boom },
			[]string{"09:00"}, store.RunFailed, 1, "boom"},
		{"panic", 1, time.Minute, func(int) error { panic("kaput") },
			[]string{"09:00", "09:01"}, store.RunFailed, 2, "panic: kaput"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, utc("2024-05-06T09:00:00Z"))
			var rec recorder
			h.start(h.scheduler("A", h.st, Options{}, Job{Name: "digest", Spec: "0 9 * * *",
				Retries: tc.retries, Backoff: tc.backoff,
				Fn: func(ctx context.Context, p Period) error { return tc.fail(rec.add("digest", p, h.clk.Now())) }}))
			for h.park(1)[0].reason != "next" {
				h.step(1)
			}
			var got []string
			for _, c := range rec.list() {
				got = append(got, c.now.Format("15:04"))
				if c.key != "2024-05-06T09:00:00Z" {
					t.Errorf("got period %s, want 09:00", c.key)
				}
			}
			if diff := cmp.Diff(tc.wantAt, got); diff != "" {
				t.Fatalf("attempts (-want +got):\n%s", diff)
			}
			r := runs(t, h.st, "digest")["2024-05-06T09:00:00Z"]
			if r.Status != tc.wantStatus || r.Attempts != tc.wantAttempts || r.Error != tc.wantError {
				t.Fatalf("got %s after %d attempts (%q), want %s after %d (%q)",
					r.Status, r.Attempts, r.Error, tc.wantStatus, tc.wantAttempts, tc.wantError)
			}
		})
	}
}

// A job is cancelled after its Timeout (on the injected clock) and the
// attempt recorded failed as timed out.
func TestTimeout(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	started := make(chan struct{}, 1)
	h.start(h.scheduler("A", h.st, Options{}, Job{Name: "slow", Spec: "0 9 * * *", Timeout: 20 * time.Minute, Retries: -1,
		Fn: func(ctx context.Context, p Period) error {
			started <- struct{}{}
			<-ctx.Done()
			return ctx.Err()
		}}))
	<-started
	for _, m := range []int{5, 10, 15, 20} {
		h.clk.Set(utc("2024-05-06T09:00:00Z").Add(time.Duration(m) * time.Minute))
	}
	h.park(1)
	r := runs(t, h.st, "slow")["2024-05-06T09:00:00Z"]
	if r.Status != store.RunFailed || r.Error != "timed out: context canceled" {
		t.Fatalf("got %+v, want failed as timed out", r)
	}
}

// A run left running by a dead process is taken over once its heartbeat is
// StaleAfter old, not before.
func TestDeadProcessRunIsTakenOverWhenStale(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	ctx := context.Background()
	// A process claimed 09:00, then died.
	if _, ok, err := h.st.ClaimJobRun(ctx, store.RunClaim{Job: "report", Period: "2024-05-06T09:00:00Z",
		ScheduledAt: utc("2024-05-06T09:00:00Z"), MaxAttempts: 4, StaleAfter: 10 * time.Minute}); !ok || err != nil {
		t.Fatalf("got %v, %v; want claimed", ok, err)
	}
	var rec recorder
	report := Job{Name: "report", Spec: "0 9 * * *",
		Fn: func(ctx context.Context, p Period) error { rec.add("report", p, h.clk.Now()); return nil }}
	h.start(h.scheduler("B", h.openStore(), Options{StaleAfter: 10 * time.Minute, Poll: time.Minute}, report))
	for h.park(1)[0].reason != "next" {
		h.step(1)
	}
	want := []call{{"report", "2024-05-06T09:00:00Z", utc("2024-05-06T09:00:00Z"), utc("2024-05-06T09:10:00Z")}}
	if diff := cmp.Diff(want, rec.list(), cmp.AllowUnexported(call{})); diff != "" {
		t.Fatalf("calls (-want +got):\n%s", diff)
	}
	if r := runs(t, h.st, "report")["2024-05-06T09:00:00Z"]; r.Status != store.RunDone || r.Attempts != 2 {
		t.Fatalf("got %+v, want done at the second attempt", r)
	}
}

// A live run is never taken over, however long it runs: its process
// heartbeats, and the other replica keeps waiting.
func TestLiveRunIsNeverTakenOver(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	g := newGate(h.clk)
	opts := Options{StaleAfter: 10 * time.Minute, Poll: time.Minute}
	job := Job{Name: "report", Spec: "0 9 * * *", Grace: 2 * time.Hour, Timeout: 3 * time.Hour, Fn: g.fn}
	h.start(h.scheduler("A", h.st, opts, job))
	h.start(h.scheduler("B", h.openStore(), opts, job))
	t.Cleanup(g.open)
	g.waitStart(t)
	for h.clk.Now().Before(utc("2024-05-06T09:45:00Z")) {
		if w := h.step(1); w.reason != "poll" {
			t.Fatalf("got %+v, want the other replica polling", w)
		}
		// The fake clock runs far faster than goroutines are scheduled:
		// let the running replica write the heartbeat due before moving on,
		// as a live process does within minutes.
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(time.Millisecond) {
			r := runs(t, h.st, "report")["2024-05-06T09:00:00Z"]
			if !r.HeartbeatAt.Before(h.clk.Now().Add(-opts.StaleAfter / 4)) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("got heartbeat at %s, want one since %s", r.HeartbeatAt, h.clk.Now().Add(-opts.StaleAfter/4))
			}
		}
	}
	g.open()
	h.park(2)
	if n := len(g.rec.list()); n != 1 {
		t.Fatalf("got %d runs of the 09:00 period, want 1", n)
	}
	if r := runs(t, h.st, "report")["2024-05-06T09:00:00Z"]; r.Status != store.RunDone || r.Attempts != 1 {
		t.Fatalf("got %+v, want done at the first attempt", r)
	}
}

// With two replicas, a failed period is retried once by either, after its
// back-off, and done once.
func TestRetryAcrossReplicas(t *testing.T) {
	h := newHarness(t, utc("2024-05-06T09:00:00Z"))
	var rec recorder
	job := Job{Name: "ritual", Spec: "0 9 * * *", Backoff: 5 * time.Minute, Fn: func(ctx context.Context, p Period) error {
		if rec.add("ritual", p, h.clk.Now()) == 1 {
			return errors.New("slack down")
		}
		return nil
	}}
	h.start(h.scheduler("A", h.st, Options{}, job))
	h.start(h.scheduler("B", h.openStore(), Options{}, job))
	for ws := h.park(2); ws[0].reason != "next" || ws[1].reason != "next"; ws = h.park(2) {
		h.step(2)
	}
	var got []string
	for _, c := range rec.list() {
		got = append(got, c.now.Format("15:04"))
	}
	if diff := cmp.Diff([]string{"09:00", "09:05"}, got); diff != "" {
		t.Fatalf("attempts (-want +got):\n%s", diff)
	}
	if r := runs(t, h.st, "ritual")["2024-05-06T09:00:00Z"]; r.Status != store.RunDone || r.Attempts != 2 {
		t.Fatalf("got %+v, want done at the second attempt", r)
	}
}
