package nudge

import (
	"context"
	"maps"
	"runtime"
	"slices"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/internal/sample/bigstore"
	"praxis/internal/testkit"
)

// BenchmarkNudges1M plans one hour's nudges (the hourly job's work before
// it writes) for the 10 communities of the generator's 1,000,000 messages
// and 10,000 members, with the questions the live tracker would have
// followed (bigstore.OpenWith): newcomers, accepted answers, regulars gone
// quiet (each one's own gap between posts), readers, the open questions
// they could answer (ranked by the expert engine, loaded beforehand as
// serve keeps it), and the policy's verdict for each candidate.
//
//	PRAXIS_BENCH_DIR=/tmp/bench go test -run=^$ -bench=Nudges1M -benchtime=3x -timeout=30m ./bot/nudge/
func BenchmarkNudges1M(b *testing.B) {
	ctx := context.Background()
	st := bigstore.OpenWith(b, bigstore.Options)
	last, err := st.LastPostedAt(ctx)
	if err != nil {
		b.Fatal(err)
	}
	now := last.Truncate(time.Hour).Add(time.Hour)
	stored, err := st.Communities(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var comms []bot.Community
	for _, c := range stored {
		nc := testkit.Community(c.Name)
		for _, id := range slices.Sorted(maps.Keys(c.Channels)) {
			nc.Channels = append(nc.Channels, bot.Channel{ID: id, Name: c.Channels[id]})
		}
		comms = append(comms, nc)
	}
	eng := expert.New(st, bot.Deps{Now: func() time.Time { return now }}, expert.Options{})
	if err := eng.Load(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// cold: no ranking kept from an earlier run
		n := New(st, bot.NewDirectory(comms, testkit.Community(""), nil), Options{Experts: eng.WhoCouldAnswer})
		runtime.GC()
		start := time.Now()
		ds, err := n.Plan(ctx, now)
		if err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		start = time.Now()
		if _, err := n.Plan(ctx, now.Add(time.Hour)); err != nil { // the next hour: rankings reused
			b.Fatal(err)
		}
		next := time.Since(start)
		kinds := map[string]int{}
		for _, d := range ds {
			kinds[d.Kind]++
		}
		b.ReportMetric(took.Seconds(), "s")
		b.ReportMetric(next.Seconds(), "next-hour-s")
		b.ReportMetric(float64(len(ds)), "candidates")
		b.Logf("%d candidates at %s in %s (the next hour: %s): %v",
			len(ds), now.Format(time.RFC3339), took.Round(time.Millisecond), next.Round(time.Millisecond), kinds)
	}
}
