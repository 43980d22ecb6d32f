package report

import (
	"context"
	"fmt"
	"runtime"
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
// seen while building (testkit.WatchHeap) as peak-heap-MB, and the
// processor time per run (testkit.CPUTime) as cpu-s/op, which a shared
// machine's load changes less than the wall time.
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
	stop, cpu := testkit.WatchHeap(), testkit.CPUTime()
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
	b.ReportMetric((testkit.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
}

// BenchmarkSponsorReport50Communities makes the sponsors' report of the
// same 50 communities (the history's last month, in Paris) from the same
// store, every member first given a team and a site (the generator's
// profiles have no custom fields), so that every answer is compared.
func BenchmarkSponsorReport50Communities(b *testing.B) {
	st := bigstore.OpenWith(b, benchOptions)
	ws := sample.New(benchOptions)
	ctx := context.Background()
	var cs []bot.Community
	for _, c := range ws.Resolved() {
		cm := testkit.Community(c.Name)
		cm.Language, cm.Loc, cm.Channels = c.Language, c.Loc, c.Channels
		cm.Hours.Loc = c.Loc
		cs = append(cs, cm)
	}
	members, err := st.Members(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i, m := range members {
		if m.Team == "" {
			m.Team, m.Site = fmt.Sprintf("team-%d", i%20), fmt.Sprintf("site-%d", i%5)
			if err := st.PutMember(ctx, m); err != nil {
				b.Fatal(err)
			}
		}
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		b.Fatal(err)
	}
	p := LastMonth(ws.Options.End, paris)
	opt := Options{Now: ws.Options.End.Add(24 * time.Hour)}
	runtime.GC()
	stop, cpu := testkit.WatchHeap(), testkit.CPUTime()
	b.ResetTimer()
	for b.Loop() {
		s, err := BuildSponsor(ctx, st, cs, p, "en", opt)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Communities) != 50 {
			b.Fatalf("got %d communities, want 50", len(s.Communities))
		}
	}
	b.StopTimer()
	b.ReportMetric((testkit.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
}
