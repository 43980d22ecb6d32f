package privacy

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	"praxis/internal/sample/bigstore"
	"praxis/internal/testkit"
	"praxis/store"
)

// BenchmarkErase1M measures erasure down to the bytes on the generator's
// 1,000,000-message store (bigstore), on a copy made before each run:
//
//   - open-upgrade-s: opening it as a database created before secure
//     erasure (auto_vacuum off), which takes one VACUUM;
//
//   - forget-s, forget-scrub-s: forgetting the member who wrote the most
//     (a transaction), then until the scrub is done (full-text index
//     merged, free pages given back, log truncated);
//
//   - retention-s: erasing the oldest month's text (EraseBefore, its
//     scrub included, retention-scrub-s);
//
//   - forget-write-wait-max-ms, retention-write-wait-max-ms: the longest a
//     write of the live data path (one message recorded every 5 ms
//     meanwhile) waited during each, and scrub-step-max-ms, the longest
//     single step of the retention's scrub.
//
//     PRAXIS_BENCH_DB=/tmp/erase1m.db go test -run='^$' -bench=Erase1M -benchtime=1x -timeout=60m ./bot/privacy/
func BenchmarkErase1M(b *testing.B) {
	ctx := context.Background()
	src := bigstore.Path(b)
	for range b.N {
		b.StopTimer()
		path := oldCopy(b, src)
		b.StartTimer()

		start := time.Now()
		st, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "open-upgrade-s")
		member, n := topWriter(b, path)
		b.ReportMetric(float64(n), "forgotten-messages")
		last, err := st.LastPostedAt(ctx) // the history's end, before the live writes
		if err != nil {
			b.Fatal(err)
		}

		wait := testkit.WhileWriting(b, st, func() {
			start = time.Now()
			if _, err := st.Forget(ctx, member); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), "forget-s")
			// The store's scrubber started at the commit: Scrub returns once
			// it is done (or does the work itself).
			start = time.Now()
			if _, err := st.Scrub(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), "forget-scrub-s")
		})
		b.ReportMetric(float64(wait.Milliseconds()), "forget-write-wait-max-ms")

		// Opened again: the background scrubber the forget woke is done, and
		// the retention's own scrub is measured alone.
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		if st, err = store.Open(ctx, path, store.Options{}); err != nil {
			b.Fatal(err)
		}
		var e store.Erased
		wait = testkit.WhileWriting(b, st, func() {
			start = time.Now()
			if e, err = st.EraseBefore(ctx, last.AddDate(-1, 1, 0)); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), "retention-s")
		})
		b.ReportMetric(float64(e.Messages), "retention-messages")
		b.ReportMetric(e.Scrubbed.Took().Seconds(), "retention-scrub-s")
		b.ReportMetric(float64(e.Scrubbed.MergeSteps), "retention-merge-steps")
		b.ReportMetric(float64(e.Scrubbed.LongestStep.Milliseconds()), "scrub-step-max-ms")
		b.ReportMetric(float64(wait.Milliseconds()), "retention-write-wait-max-ms")

		b.StopTimer()
		st.Close()
		os.Remove(path)
		b.StartTimer()
	}
}

// oldCopy copies the database at src and turns auto_vacuum off, as a
// database created before secure erasure was.
func oldCopy(b *testing.B, src string) string {
	b.Helper()
	path := testkit.CopyFile(b, src)
	db := rawDB(b, path)
	defer db.Close()
	for _, q := range []string{`PRAGMA auto_vacuum = NONE`, `VACUUM`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

func rawDB(b *testing.B, path string) *sql.DB {
	b.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(wal)&_pragma=busy_timeout(10000)")
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// topWriter is the member who wrote the most messages.
func topWriter(b *testing.B, path string) (string, int) {
	b.Helper()
	db := rawDB(b, path)
	defer db.Close()
	var member string
	var n int
	if err := db.QueryRow(`SELECT user_id, count(*) FROM messages WHERE user_id <> '' AND text <> ''
		GROUP BY user_id ORDER BY 2 DESC LIMIT 1`).Scan(&member, &n); err != nil {
		b.Fatal(err)
	}
	return member, n
}
