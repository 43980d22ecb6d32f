package digest

import (
	"context"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/llm"
	"praxis/internal/sample/bigstore"
	"praxis/internal/testkit"
	"praxis/store"
)

// BenchmarkDigests1M builds every member's weekly digest (text and Block
// Kit, as sent) over the generator's 1,000,000 messages (10,000 members, 50
// channels), for the last week of the history, without a language model.
// The generated channel lists hold only a few thousand memberships; the
// benchmark first puts every member in three channels, so that each of the
// 10,000 has a digest to build. It reports the seconds taken, the peak heap
// and the process's peak RSS.
//
//	PRAXIS_BENCH_DB=/tmp/digest1m.db go test -run=^$ -bench=Digests1M -benchtime=1x -timeout=30m ./bot/digest/
//
// PRAXIS_BENCH_DB names a database to keep between runs (built once; it is
// migrated and given the memberships, so use a copy of another one).
func BenchmarkDigests1M(b *testing.B) {
	ctx := context.Background()
	st, from, to := lastWeek(b)
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var peak atomic.Uint64
		stop := sampleHeap(&peak)
		start := time.Now()
		builder := New(st, bot.Deps{}, Options{Directory: defaults()})
		var digests, items, bytes int
		err := builder.BuildAll(ctx, from, to, func(d Digest) error {
			m := d.Message("weekly")
			digests, items, bytes = digests+1, items+len(d.Items()), bytes+len(m.Text)+len(m.Blocks)
			return nil
		})
		took := time.Since(start)
		stop()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(took.Seconds(), "s")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(peakRSS())/(1<<10), "peak-rss-MB")
		b.ReportMetric(float64(digests), "digests")
		b.ReportMetric(float64(items)/float64(max(digests, 1)), "items/digest")
		b.Logf("%d digests (%d items, %d KB rendered) for %s – %s in %s", digests, items, bytes>>10,
			from.Format(time.DateOnly), to.Format(time.DateOnly), took.Round(time.Millisecond))
	}
}

// lastWeek opens the million-message store, puts everyone in three
// channels and returns the week ending with its history.
func lastWeek(b *testing.B) (st *store.Store, from, to time.Time) {
	st = bigstore.Open(b)
	joinEveryone(b, st)
	last, err := st.LastPostedAt(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	to = last.Truncate(time.Hour).Add(time.Hour)
	return st, to.AddDate(0, 0, -7), to
}

// joinEveryone puts each member in three channels (deterministically).
func joinEveryone(b *testing.B, st *store.Store) {
	ctx := context.Background()
	cs, err := st.Communities(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var chans []string
	for _, c := range cs {
		for id := range c.Channels {
			chans = append(chans, id)
		}
	}
	sort.Strings(chans)
	ms, err := st.Members(ctx)
	if err != nil || len(chans) == 0 {
		b.Fatal(err, len(chans))
	}
	by := map[string][]string{}
	for i, m := range ms {
		for _, k := range []int{i, i*7 + 3, i*13 + 5} {
			ch := chans[k%len(chans)]
			by[ch] = append(by[ch], m.ID)
		}
	}
	if _, err := st.ImportChannelMembers(ctx, by); err != nil {
		b.Fatal(err)
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

// BenchmarkDigests1MWithModel is BenchmarkDigests1M with every thread a
// digest shows summarised by a model server that answers each request in
// 500 ms, PRAXIS_LLM_CONCURRENCY requests at a time (default 64, the most
// llm.max_concurrent allows). The server's throughput sets a floor of
// ceil(requests / N) × 0.5 s for the summaries; the run should take that
// plus the build without a model, and no more.
//
//	PRAXIS_BENCH_DB=/tmp/digest1m.db go test -run=^$ -bench=Digests1MWithModel -benchtime=1x -timeout=60m ./bot/digest/
func BenchmarkDigests1MWithModel(b *testing.B) {
	ctx := context.Background()
	st, from, to := lastWeek(b)
	n := 64
	if v, err := strconv.Atoi(os.Getenv("PRAXIS_LLM_CONCURRENCY")); err == nil && v > 0 {
		n = v
	}
	const latency = 500 * time.Millisecond
	m := slowModel(b, latency)
	for i := 0; i < b.N; i++ {
		// Without the model first, for the build's own time.
		start := time.Now()
		noModel := New(st, bot.Deps{}, Options{Directory: defaults()})
		if err := noModel.BuildAll(ctx, from, to, func(Digest) error { return nil }); err != nil {
			b.Fatal(err)
		}
		build := time.Since(start)
		settings := llm.Settings{
			BaseURL:          m.URL + "/v1",
			Model:            "test-model",
			DailyTokenBudget: 1 << 30,
			Timeout:          time.Minute,
		}
		client := llm.New(settings, testkit.ModelKey, bot.Deps{}, llm.Options{MaxConcurrent: n})
		before := m.Hits.Load()
		start = time.Now()
		summarised, digests := 0, 0
		withModel := New(st, bot.Deps{}, Options{Directory: defaults(), Summarizer: client})
		err := withModel.BuildAll(ctx, from, to, func(d Digest) error {
			digests++
			for _, it := range d.Threads {
				if strings.HasPrefix(it.Summary, "Summary of ") {
					summarised++
				}
			}
			return nil
		})
		took := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		requests := int(m.Hits.Load() - before)
		floor := time.Duration((requests+n-1)/n) * latency
		b.ReportMetric(took.Seconds(), "s")
		b.ReportMetric(build.Seconds(), "build-s")
		b.ReportMetric(floor.Seconds(), "floor-s")
		b.ReportMetric(float64(requests), "requests")
		b.ReportMetric(float64(m.Peak.Load()), "max-in-flight")
		b.Logf("%d digests, %d thread summaries shown, %d requests at most %d at once: "+
			"%s (build alone %s, the server's floor %s; overhead %s)",
			digests, summarised, requests, m.Peak.Load(),
			took.Round(time.Millisecond), build.Round(time.Millisecond), floor, (took - build - floor).Round(time.Millisecond))
	}
}
