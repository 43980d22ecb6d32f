package sample

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkGenerate1M writes a large workspace (1,000,000 messages, 10,000
// members, 50 channels over 180 days) to disk and reports the throughput and
// the peak heap, sampled while it runs:
//
//	go test -run='^$' -bench=Generate1M -benchtime=1x ./internal/sample/
func BenchmarkGenerate1M(b *testing.B) {
	opts := Options{Seed: 1, Messages: 1_000_000, Members: 10_000, Channels: 50}
	for range b.N {
		dir := b.TempDir()
		runtime.GC()
		var peak atomic.Uint64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			var ms runtime.MemStats
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
				select {
				case <-stop:
					return
				case <-tick.C:
				}
			}
		})
		start := time.Now()
		st, err := New(opts).WriteDir(dir)
		elapsed := time.Since(start)
		close(stop)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Messages)/elapsed.Seconds(), "messages/s")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(st.Messages), "messages")
	}
}
