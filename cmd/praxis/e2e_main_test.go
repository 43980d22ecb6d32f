package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"praxis/cmd/internal/app"
	"praxis/internal/pgtest"
)

// TestMain lets the test binary act as the praxis command, so crash tests
// can run it as a real child process and kill it at a chosen point. The
// child runs on the clock its parent hands it (PRAXIS_TEST_NOW), with no
// scheduled job, as an in-process test bot does (PRAXIS_TEST_JOBS=1 turns
// them on), and with the replicas' leases PRAXIS_TEST_REPLICA_TTL long.
func TestMain(m *testing.M) {
	if os.Getenv("PRAXIS_TEST_AS_MAIN") == "1" {
		start, err := time.Parse(time.RFC3339Nano, os.Getenv("PRAXIS_TEST_NOW"))
		if err != nil {
			fmt.Fprintln(os.Stderr, "PRAXIS_TEST_NOW:", err)
			os.Exit(2)
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		deps := app.Deps{Now: clockFrom(start), NoJobs: os.Getenv("PRAXIS_TEST_JOBS") != "1"}
		if v := os.Getenv("PRAXIS_TEST_REPLICA_TTL"); v != "" {
			if deps.ReplicaTTL, err = time.ParseDuration(v); err != nil {
				fmt.Fprintln(os.Stderr, "PRAXIS_TEST_REPLICA_TTL:", err)
				os.Exit(2)
			}
		}
		e := env{getenv: os.Getenv, stdout: os.Stdout, stderr: os.Stderr, deps: deps}
		err = runEnv(ctx, e, os.Args[1:])
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "praxis:", err)
			os.Exit(exitCode(err))
		}
		os.Exit(0)
	}
	selectStore()
	os.Exit(pgtest.Main(m))
}

// testStart is the instant every end-to-end test starts at: Monday 08:30
// UTC, when the default weekly report job is due, so that a test that
// passes here does not depend on the jobs staying quiet. PRAXIS_TEST_NOW
// (RFC 3339) runs the suite at another instant, a DST change or New
// Year's Eve, say:
//
//	PRAXIS_TEST_NOW=2026-03-29T00:59:30Z go test -run E2E ./cmd/praxis/
func testStart(t testing.TB) time.Time {
	t.Helper()
	at := time.Date(2026, time.November, 30, 8, 30, 0, 0, time.UTC)
	if v := os.Getenv("PRAXIS_TEST_NOW"); v != "" && os.Getenv("PRAXIS_TEST_AS_MAIN") == "" {
		var err error
		if at, err = time.Parse(time.RFC3339Nano, v); err != nil {
			t.Fatalf("PRAXIS_TEST_NOW: %v", err)
		}
	}
	return at
}

// clockFrom returns a clock that reads start now and runs at the real
// pace from there, so that retries and waits still elapse.
func clockFrom(start time.Time) func() time.Time {
	now, _ := jumpingClock(start)
	return now
}

// jumpingClock is clockFrom's clock with jump, which sets its reading to
// an instant the test chooses (a later day) and lets it run on from there.
func jumpingClock(start time.Time) (now func() time.Time, jump func(to time.Time)) {
	t0 := time.Now()      // only elapsed time is read from the wall clock
	var base atomic.Int64 // the reading at t0, Unix nanoseconds
	jump = func(to time.Time) { base.Store(to.Add(-time.Since(t0)).UnixNano()) }
	jump(start)
	now = func() time.Time { return time.Unix(0, base.Load()).Add(time.Since(t0)).In(start.Location()) }
	return now, jump
}
