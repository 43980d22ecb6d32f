package digest

import (
	"fmt"
	"testing"
	"time"

	"praxis/bot/digest/digesttest"
)

// threadsWorld is k threads in #security, each with a reply, for U1 to read.
func threadsWorld(tb testing.TB, k int) *digesttest.World {
	w := digesttest.NewWorld(tb, weekTo)
	w.Member("U1", "UTC", "en-US", "C1")
	w.Member("U2", "UTC", "", "C1")
	w.Member("U3", "UTC", "", "C1")
	day := utc("2024-05-02T00:00:00Z")
	for i := range k {
		at := day.Add(time.Duration(i) * time.Hour)
		q := w.Post("C1", "U2", "", fmt.Sprintf("Question %d about certificates?", i), at)
		w.Post("C1", "U3", q, fmt.Sprintf("Answer %d.", i), at.Add(time.Minute))
	}
	return w
}

// TestSummariesBounded shows the workers fill the client's slots and never
// exceed them: with 4 slots, 8 threads are asked 4 at a time.
func TestSummariesBounded(t *testing.T) {
	const n, k = 4, 8
	w := threadsWorld(t, k)
	m := digesttest.Slow(t, 50*time.Millisecond)
	got := summaries(t, w, m.Client(5*time.Second, n), "U1")
	if len(got) != k || m.Hits.Load() != k || m.Peak.Load() != n {
		t.Fatalf("got %d summaries, %d requests, at most %d at once, want %d, %d, %d",
			len(got), m.Hits.Load(), m.Peak.Load(), k, k, n)
	}
}

// BenchmarkSummaries500ms is a digest of 8 threads summarised by a server
// answering in 500 ms, N requests at a time: ceil(8/N) × 0.5 s a run
// (2 s, 1 s, 0.5 s for N = 2, 4, 8), as fast as the server's throughput
// allows and no faster.
func BenchmarkSummaries500ms(b *testing.B) {
	const k = 8
	w := threadsWorld(b, k)
	for _, n := range []int{2, 4, 8} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			m := digesttest.Slow(b, 500*time.Millisecond)
			for b.Loop() {
				// A new client each run: an empty cache, so every thread is asked.
				if got := summaries(b, w, m.Client(5*time.Second, n), "U1"); len(got) != k {
					b.Fatalf("got %d summaries, want %d", len(got), k)
				}
			}
			b.ReportMetric(float64(m.Peak.Load()), "max-in-flight")
		})
	}
}
