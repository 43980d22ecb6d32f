// Package exporttest reads a converted export the way `praxis import
// --all-channels` does, for the converters' tests: what counts is that
// Praxis, not a JSON comparison, finds each reply in its parent's thread.
package exporttest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"praxis/bot/history"
	"praxis/store"
)

// Import imports the export in dir into a new store, one community per
// public channel, and fails the test on any error the import reports.
func Import(t testing.TB, dir string) (*store.Store, history.Summary) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "praxis.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, err := history.OpenExport(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	sum, err := history.Import(ctx, st, e, history.Options{AllChannels: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Errors) > 0 {
		t.Fatalf("import errors: %q", sum.Errors)
	}
	return st, sum
}

// Thread is a thread as the store holds it: who wrote each message, parent
// first, and the thread each says it belongs to.
type Thread []struct{ TS, ThreadTS, User, Subtype string }

// ReadThread returns the thread of channel whose parent is ts.
func ReadThread(t testing.TB, st *store.Store, channel, ts string) Thread {
	t.Helper()
	msgs, err := st.Thread(context.Background(), channel, ts)
	if err != nil {
		t.Fatal(err)
	}
	out := make(Thread, len(msgs))
	for i, m := range msgs {
		out[i].TS, out[i].ThreadTS, out[i].User, out[i].Subtype = m.TS, m.ThreadTS, m.UserID, m.Subtype
	}
	return out
}

// WriteFiles writes files (slash-separated name → content) under a new
// temporary directory and returns it.
func WriteFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}
