package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"praxis/internal/sample/bigstore"
	"praxis/internal/testkit"
	"praxis/store"
)

// BenchmarkBackup1M measures `praxis backup` of the generator's
// 1,000,000-message store (bigstore), on a copy, while the live data path
// records a message every 5 ms: backup-s, backup-MB, and
// write-wait-max-ms, the longest a live write waited meanwhile.
//
//	PRAXIS_BENCH_DB=/tmp/expert1m.db go test -run='^$' -bench=Backup1M -benchtime=1x -timeout=30m ./store/
func BenchmarkBackup1M(b *testing.B) {
	ctx := context.Background()
	src := bigstore.Path(b)
	for range b.N {
		b.StopTimer()
		path := testkit.CopyFile(b, src)
		st, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		dst := filepath.Join(b.TempDir(), "backup.db")
		b.StartTimer()
		var res store.BackupResult
		var took time.Duration
		wait := testkit.WhileWriting(b, st, func() {
			start := time.Now()
			if res, err = store.Backup(ctx, path, dst); err != nil {
				b.Fatal(err)
			}
			took = time.Since(start)
		})
		b.StopTimer()
		b.ReportMetric(took.Seconds(), "backup-s")
		b.ReportMetric(float64(res.Bytes)/1e6, "backup-MB")
		b.ReportMetric(float64(res.Messages), "messages")
		b.ReportMetric(float64(wait.Milliseconds()), "write-wait-max-ms")
		st.Close()
		os.Remove(dst)
		os.Remove(path)
		b.StartTimer()
	}
}
