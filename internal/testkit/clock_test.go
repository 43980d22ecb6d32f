package testkit

import (
	"testing"
	"time"
)

// After's channel fires when Set reaches its instant, not before; at once
// for a wait that is not positive; Set never moves the clock back.
func TestClock(t *testing.T) {
	start := UTC("2026-03-29T00:30:00Z")
	c := NewClock(start)
	fired := func(ch <-chan time.Time) (time.Time, bool) {
		select {
		case at := <-ch:
			return at, true
		default:
			return time.Time{}, false
		}
	}
	if _, ok := fired(c.After(0)); !ok {
		t.Error("After(0) did not fire at once")
	}
	hour := c.After(time.Hour)
	c.Set(start.Add(59 * time.Minute))
	if at, ok := fired(hour); ok {
		t.Errorf("After(1h) fired at %v, 59 minutes in", at)
	}
	c.Set(start.Add(2 * time.Hour))
	if at, ok := fired(hour); !ok || !at.Equal(start.Add(2*time.Hour)) {
		t.Errorf("After(1h) got %v, %v; want it fired at the time Set moved to", at, ok)
	}
	c.Set(start)
	if got := c.Now(); !got.Equal(start.Add(2 * time.Hour)) {
		t.Errorf("got %v after a Set back, want the clock kept at %v", got, start.Add(2*time.Hour))
	}
}
