package expert

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/question"
	"praxis/internal/sample/bigstore"
	"praxis/store"
)

// BenchmarkExpert1M measures expert finding on the generator's 1,000,000
// messages (10,000 members, 50 channels): loading the index, one query at a
// time (p50, p99), a batch on every core (queries/s), and fitting the
// ranking on the history (Fit: up to 3,000 answered threads, each ranked as
// of its start). The queries are questions taken from the history itself.
//
//	go test -run=^$ -bench=Expert1M -benchtime=1x -timeout=30m ./bot/expert/
//
// PRAXIS_BENCH_DB names a database to keep between runs (built once).
func BenchmarkExpert1M(b *testing.B) {
	ctx := context.Background()
	st := bigstore.Open(b)
	var queries []Query
	cs, _ := st.Communities(ctx)
	for _, c := range cs {
		for ch := range c.Channels {
			n := 0
			_ = st.ScanChannel(ctx, ch, func(m store.ChannelMessage) error {
				if n < 40 && (m.ThreadTS == "" || m.ThreadTS == m.TS) {
					if ok, _ := question.Detect(m.Text); ok {
						queries = append(queries, Query{Text: m.Text, Channel: ch, Asker: m.UserID, Limit: 3})
						n++
					}
				}
				return nil
			})
		}
	}
	if len(queries) < 500 {
		b.Fatalf("got %d queries from the history, want at least 500", len(queries))
	}
	for i := 0; i < b.N; i++ {
		runtime.GC()
		start := time.Now()
		eng := New(st, bot.Deps{}, Options{})
		if err := eng.Load(ctx); err != nil {
			b.Fatal(err)
		}
		load := time.Since(start)
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)

		lat := make([]time.Duration, 0, len(queries))
		for _, q := range queries {
			t := time.Now()
			if _, err := eng.Rank(ctx, q); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t))
		}
		slices.Sort(lat)

		var next atomic.Int64
		var wg sync.WaitGroup
		t := time.Now()
		total := 4 * len(queries)
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					k := int(next.Add(1)) - 1
					if k >= total {
						return
					}
					if _, err := eng.Rank(ctx, queries[k%len(queries)]); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		batch := float64(total) / time.Since(t).Seconds()

		t = time.Now()
		m, err := eng.Fit(ctx, FitOptions{Now: time.Date(2026, 11, 1, 3, 15, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(t).Seconds(), "fit_s")
		b.ReportMetric(float64(m.Quality.Queries), "fit_threads")
		b.Logf("fit: %s; %+v", m.Note, m.Quality)

		b.ReportMetric(load.Seconds(), "load_s")
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "index_heap_MB")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99_ms")
		b.ReportMetric(batch, "batch_q/s")
	}
}
