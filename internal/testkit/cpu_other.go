//go:build !unix

package testkit

import "time"

// CPUTime is 0 where getrusage does not exist: the benchmarks then say
// nothing of their CPU time.
func CPUTime() time.Duration { return 0 }
