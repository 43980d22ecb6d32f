package source

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"praxis/bot/discover"
	"praxis/bot/history"
	"praxis/internal/sample"
	"praxis/internal/sample/bigstore"
	"praxis/internal/testkit"
)

// BenchmarkDiscover1M discovers the communities of the generator's
// million-message workspace (bigstore.Options: 10,000 members, 50
// channels in 10 communities, a year), written as an export (about 6 s,
// not timed; PRAXIS_BENCH_DIR keeps it between runs): the export read on
// every core, then the communities found. It reports the time, the Go heap
// peak and the adjusted Rand index against the generator's communities.
//
//	go test -run='^$' -bench=Discover1M -benchtime=1x -timeout=30m ./bot/discover/source/
func BenchmarkDiscover1M(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "export")
	if keep := os.Getenv("PRAXIS_BENCH_DIR"); keep != "" {
		dir = filepath.Join(keep, "discover1m")
	}
	ws := sample.New(bigstore.Options)
	if _, err := os.Stat(filepath.Join(dir, "channels.json")); err != nil {
		if _, err := ws.WriteDir(dir); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < b.N; i++ {
		runtime.GC()
		debug.FreeOSMemory()
		stop := testkit.WatchHeap()
		start := time.Now()
		exp, err := history.OpenExport(dir)
		if err != nil {
			b.Fatal(err)
		}
		r, err := Export(context.Background(), exp, nil)
		exp.Close()
		if err != nil {
			b.Fatal(err)
		}
		read := time.Since(start)
		res := discover.Find(r.Histories, r.Names)
		d := time.Since(start)
		peak := stop()
		ari, _, _ := agreement(ws, res)
		b.ReportMetric(d.Seconds(), "discover_s")
		b.ReportMetric(read.Seconds(), "read_s")
		b.ReportMetric(float64(res.Messages)/d.Seconds(), "msgs/s")
		b.ReportMetric(float64(peak)/(1<<20), "peak_heap_MB")
		b.ReportMetric(ari, "ARI")
	}
}
