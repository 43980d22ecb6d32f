package slackedge

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/digest/digesttest"
)

// BenchmarkDigests1M builds every member's weekly digest (text and Block
// Kit, as sent) over the generator's 1,000,000 messages (10,000 members, 50
// channels), for the last week of the history, without a language model.
// The generated channel lists hold only a few thousand memberships; the
// benchmark first puts every member in three channels, so that each of the
// 10,000 has a digest to build. It reports the seconds taken, the peak heap
// and the process's peak RSS while they are built (the store's opening, and
// its generation on a first run, left out), and fails above maxPeakMB:
// every digest is kept until the last is built, as the hourly job keeps
// those of the members due, so a digest holding more than its items shows
// here ten thousand times.
//
//	PRAXIS_BENCH_DB=/tmp/digest1m.db go test -run=^$ -bench=Digests1M -benchtime=1x -timeout=30m ./bot/digest/slackedge/
//
// PRAXIS_BENCH_DB names a database to keep between runs (built once; it is
// migrated and given the memberships, so use a copy of another one).
func BenchmarkDigests1M(b *testing.B) {
	// maxPeakMB is the README's target for the peak RSS.
	const maxPeakMB = 500
	ctx := context.Background()
	st, from, to := digesttest.LastWeek(b)
	for i := 0; i < b.N; i++ {
		runtime.GC()
		resetPeakRSS()
		var peak atomic.Uint64
		stop := sampleHeap(&peak)
		start := time.Now()
		reader := digest.NewReader(st, bot.Deps{}, digest.Options{Directory: digesttest.Defaults()})
		var digests, items, bytes int
		err := reader.BuildAll(ctx, from, to, func(d digest.Digest) error {
			m := Message(d, "weekly")
			digests, items, bytes = digests+1, items+len(d.Items()), bytes+len(m.Text)+len(m.Blocks)
			return nil
		})
		took := time.Since(start)
		stop()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(took.Seconds(), "s")
		heapMB, rssMB := float64(peak.Load())/(1<<20), float64(peakRSS())/(1<<10)
		b.ReportMetric(heapMB, "peak-heap-MB")
		b.ReportMetric(rssMB, "peak-rss-MB")
		b.ReportMetric(float64(digests), "digests")
		b.ReportMetric(float64(items)/float64(max(digests, 1)), "items/digest")
		b.Logf("%d digests (%d items, %d KB rendered) for %s – %s in %s", digests, items, bytes>>10,
			from.Format(time.DateOnly), to.Format(time.DateOnly), took.Round(time.Millisecond))
		if heapMB > maxPeakMB || rssMB > maxPeakMB {
			b.Errorf("got a peak heap of %.0f MB and a peak RSS of %.0f MB, want both ≤ %d MB",
				heapMB, rssMB, maxPeakMB)
		}
	}
}

// sampleHeap records the largest live heap seen until stop is called.
func sampleHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// resetPeakRSS makes the process's peak resident set its current one, so
// that peakRSS measures what follows (Linux ≥ 4.0; elsewhere it does
// nothing).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the process's peak resident set, in KiB (VmHWM; 0 where
// /proc is not there).
func peakRSS() uint64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}
