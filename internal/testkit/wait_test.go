package testkit

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// failTB is the test's TB, except that Fatalf records its message and ends
// the goroutine, as a failing test's would.
type failTB struct {
	testing.TB
	msg string
}

func (f *failTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// WaitFor returns once the condition holds, and fails naming what it waited
// for when it never does.
func TestWaitFor(t *testing.T) {
	n := 0
	WaitFor(t, 10*time.Second, "the third look", func() bool { n++; return n == 3 })
	if n != 3 {
		t.Errorf("got %d looks, want 3", n)
	}
	f := &failTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		WaitFor(f, 20*time.Millisecond, "what never comes", func() bool { return false })
	}()
	<-done
	if !strings.Contains(f.msg, "timed out after 20ms waiting for what never comes") {
		t.Errorf("got %q, want a timeout naming what it waited for", f.msg)
	}
}
