package history

import (
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"praxis/internal/sample"
	"praxis/internal/testkit"
)

// BenchmarkImport1M imports a generated export of 1,000,000 messages
// (10,000 members, 50 channels), then imports it again. It reports both
// durations and the peak Go heap during the imports (the process's peak RSS
// is measured by `praxis import` under /usr/bin/time in the README).
//
//	go test -run=^$ -bench=Import1M -benchtime=1x -timeout=30m ./bot/history/
func BenchmarkImport1M(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "export")
	ws := sample.New(sample.Options{
		Seed:        1,
		Members:     10_000,
		Channels:    50,
		Communities: 10,
		Messages:    1_000_000,
		Days:        365,
	})
	if _, err := ws.WriteDir(dir); err != nil {
		b.Fatal(err)
	}
	comms := ws.Resolved()
	for i := 0; i < b.N; i++ {
		st := testkit.Store(b, nil)
		runtime.GC()
		debug.FreeOSMemory()
		stop := testkit.WatchHeap()
		first := time.Now()
		sum := importPath(b, st, dir, Options{Communities: comms})
		firstD := time.Since(first)
		again := time.Now()
		importPath(b, st, dir, Options{Communities: comms})
		againD := time.Since(again)
		peak := stop()
		after := stats(b, st)
		if sum.Messages < 900_000 || after.Messages != sum.Messages {
			b.Fatalf("imported %d messages, store has %d", sum.Messages, after.Messages)
		}
		b.ReportMetric(firstD.Seconds(), "import_s")
		b.ReportMetric(float64(sum.Messages)/firstD.Seconds(), "msgs/s")
		b.ReportMetric(againD.Seconds(), "reimport_s")
		b.ReportMetric(float64(peak)/(1<<20), "peak_heap_MB")
	}
}
