package testkit

import (
	"testing"
	"time"
)

// WaitFor waits until cond holds, polling, and returns how long that took;
// it fails the test when d passes first, naming what it waited for. The
// deadline is on the wall clock: it bounds a wait, it decides nothing.
func WaitFor(tb testing.TB, d time.Duration, what string, cond func() bool) time.Duration {
	tb.Helper()
	start := time.Now()
	for ; !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Since(start) > d {
			tb.Fatalf("timed out after %v waiting for %s", d, what)
		}
	}
	return time.Since(start)
}
