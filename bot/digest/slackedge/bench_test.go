package slackedge

import (
	"context"
	"runtime"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/digest/digesttest"
	"praxis/internal/testkit"
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
		testkit.ResetPeakRSS()
		stop := testkit.WatchHeap()
		start := time.Now()
		reader := digest.NewReader(st, bot.Deps{}, digest.Options{Directory: digesttest.Defaults()})
		var digests, items, bytes int
		err := reader.BuildAll(ctx, from, to, func(d digest.Digest) error {
			m := Message(d, "weekly")
			digests, items, bytes = digests+1, items+len(d.Items()), bytes+len(m.Text)+len(m.Blocks)
			return nil
		})
		took := time.Since(start)
		peak := stop()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(took.Seconds(), "s")
		heapMB, rssMB := float64(peak)/(1<<20), float64(testkit.PeakRSS())/(1<<10)
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
