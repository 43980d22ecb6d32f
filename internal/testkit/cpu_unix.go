//go:build unix

package testkit

import (
	"syscall"
	"time"
)

// CPUTime is the processor time the process has used so far, user and
// system: on a machine shared with other work, a benchmark's CPU time per
// operation compares two runs where their wall time cannot.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
