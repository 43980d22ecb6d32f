package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"praxis/internal/pgtest"
	"praxis/internal/sample/bigstore"
	"praxis/internal/testkit"
	"praxis/store"
)

// BenchmarkCopy1M measures `praxis migrate --from … --to postgres://…`: the
// generator's 1,000,000-message store (bigstore), on a copy, into an empty
// PostgreSQL database: copy-s and rows/s, every table and the full-text
// index's rebuild included, count check included.
//
//	PRAXIS_BENCH_DB=/tmp/expert1m.db go test -run='^$' -bench=Copy1M -benchtime=1x -timeout=30m ./store/
func BenchmarkCopy1M(b *testing.B) {
	ctx := context.Background()
	path := bigstore.Path(b)
	for range b.N {
		b.StopTimer()
		tmp := testkit.CopyFile(b, path)
		src, err := store.Open(ctx, tmp, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		dst, err := store.OpenPostgres(ctx, pgtest.Database(b), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		took := map[string]time.Duration{}
		last, at := "", time.Now()
		progress := func(p store.CopyProgress) {
			now := time.Now()
			took[last] += now.Sub(at)
			last, at = p.Table, now
		}
		res, err := store.Copy(ctx, src, dst, store.CopyOptions{Progress: progress})
		if err != nil {
			b.Fatal(err)
		}
		all := time.Since(start)
		b.StopTimer()
		var rows int64
		for _, c := range res.Tables[:len(res.Tables)-1] { // the full-text index last, rebuilt, not copied
			rows += c.Copied
		}
		b.ReportMetric(all.Seconds(), "copy-s")
		b.ReportMetric(float64(rows), "rows")
		b.ReportMetric(float64(rows)/all.Seconds(), "rows/s")
		for _, t := range []string{"messages", "reactions", "resources"} {
			b.ReportMetric(took[t].Seconds(), t+"-s")
		}
		dst.Close()
		src.Close()
		os.Remove(tmp)
		b.StartTimer()
	}
}
