package digest

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/digest/digesttest"
	"praxis/bot/llm"
	"praxis/internal/testkit"
)

// BenchmarkDigests1MWithModel is BenchmarkDigests1M (bot/digest/slackedge,
// where the digests are also rendered as sent) with every thread a digest
// shows summarised by a model server that answers each request in 500 ms,
// PRAXIS_LLM_CONCURRENCY requests at a time (default 64, the most
// llm.max_concurrent allows). The server's throughput sets a floor of
// ceil(requests / N) × 0.5 s for the summaries; the run should take that
// plus the build without a model, and no more.
//
//	PRAXIS_BENCH_DB=/tmp/digest1m.db go test -run=^$ -bench=Digests1MWithModel -benchtime=1x -timeout=60m ./bot/digest/
func BenchmarkDigests1MWithModel(b *testing.B) {
	ctx := context.Background()
	st, from, to := digesttest.LastWeek(b)
	n := 64
	if v, err := strconv.Atoi(os.Getenv("PRAXIS_LLM_CONCURRENCY")); err == nil && v > 0 {
		n = v
	}
	const latency = 500 * time.Millisecond
	m := digesttest.Slow(b, latency)
	for i := 0; i < b.N; i++ {
		// Without the model first, for the build's own time.
		start := time.Now()
		noModel := NewReader(st, bot.Deps{}, Options{Directory: digesttest.Defaults()})
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
		withModel := NewReader(st, bot.Deps{}, Options{Directory: digesttest.Defaults(), Summarizer: client})
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
