package report

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"praxis/bot"
	"praxis/internal/sample"
	"praxis/internal/sample/bigstore"
	"praxis/internal/testkit"
)

// benchOptions is the workspace of BenchmarkReports50Communities: a
// million messages by 10,000 members in 100 channels of 50 communities,
// over a year.
var benchOptions = sample.Options{
	Seed:        1,
	Members:     10_000,
	Channels:    100,
	Communities: 50,
	Messages:    1_000_000,
	Days:        365,
}

// BenchmarkReports50Communities makes the weekly reports of 50
// communities (the last week of the history, each in its own time zone)
// from a million-message store, with BuildAll. It reports the peak heap
// seen while building (sampled every 10 ms) as peak-heap-MB.
//
// Set PRAXIS_BENCH_DIR to keep the store between runs (see bigstore.OpenWith).
func BenchmarkReports50Communities(b *testing.B) {
	st := bigstore.OpenWith(b, benchOptions)
	ws := sample.New(benchOptions)
	var cs []bot.Community
	for _, c := range ws.Resolved() {
		cm := testkit.Community(c.Name)
		cm.Language, cm.Loc, cm.Channels = c.Language, c.Loc, c.Channels
		cm.Hours.Loc = c.Loc
		cs = append(cs, cm)
	}
	last := ws.Options.End.Add(-24 * time.Hour)
	period := func(c bot.Community) Period { return Week(last, c.Loc) }
	opt := Options{Now: ws.Options.End.Add(24 * time.Hour)}
	ctx := context.Background()
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	b.ResetTimer()
	for b.Loop() {
		rs, err := BuildAll(ctx, st, cs, period, opt)
		if err != nil {
			b.Fatal(err)
		}
		if len(rs) != 50 {
			b.Fatalf("got %d reports, want 50", len(rs))
		}
	}
	b.StopTimer()
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}
