package testkit

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"praxis/store"
)

// WhileWriting runs fn while another goroutine records a message every
// 5 ms, as the live data path would, and returns the longest a write
// took: what a maintenance task (an erasure, a backup) costs live traffic.
func WhileWriting(b testing.TB, st *store.Store, fn func()) time.Duration {
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

// CopyFile copies a benchmark's database (the shared 1M store, which a
// benchmark that writes must not change) into a temporary folder, its
// owner's only, and returns the copy's path.
func CopyFile(tb testing.TB, src string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), filepath.Base(src))
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}
