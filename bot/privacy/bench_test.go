package privacy

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"praxis/internal/sample/bigstore"
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

		wait := whileWriting(b, st, func() {
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
		wait = whileWriting(b, st, func() {
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
	path := filepath.Join(b.TempDir(), "old.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
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

// whileWriting runs fn while another goroutine records a message every
// 5 ms, as the live data path would, and returns the longest a write
// took.
func whileWriting(b *testing.B, st *store.Store, fn func()) time.Duration {
	b.Helper()
	ctx := context.Background()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var longest time.Duration
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
			start := time.Now()
			err := st.Batch(ctx, func(tx *store.Tx) error {
				return tx.PutMessage(ctx, store.Message{
					ChannelID: "CBENCH",
					TS:        fmt.Sprintf("%d.000100", at.Unix()),
					UserID:    "UBENCH",
					Text:      "a live message about kubernetes upgrades",
					PostedAt:  at,
				})
			})
			if err != nil {
				b.Error(err)
				return
			}
			longest = max(longest, time.Since(start))
		}
	}()
	fn()
	close(stop)
	wg.Wait()
	return longest
}
