package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"praxis/internal/dbbytes"
)

// A backup taken while events keep arriving holds every event acknowledged
// before it began (stored in the inbox is what acknowledging means), opens
// as a Praxis store once restored, and is its owner's only.
func TestBackupUnderLoadHoldsEveryAcknowledgedEvent(t *testing.T) {
	ctx := context.Background()
	s, src := openFile(t)
	dir := filepath.Dir(src)

	var mu sync.Mutex
	var acked []string
	stop, done := make(chan struct{}), make(chan error, 1)
	go func() { // the events' path: each batch acknowledged once stored
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			batch := make([]InboxItem, 20)
			for j := range batch {
				batch[j] = InboxItem{EventID: fmt.Sprintf("Ev%d-%d", i, j), Source: "socket",
					Payload: []byte(strings.Repeat("x", 300))}
			}
			if _, err := s.PutInbox(ctx, batch); err != nil {
				done <- err
				return
			}
			mu.Lock()
			for _, it := range batch {
				acked = append(acked, it.EventID)
			}
			mu.Unlock()
		}
	}()
	waitAcked := func(n int) {
		for {
			mu.Lock()
			got := len(acked)
			mu.Unlock()
			if got >= n {
				return
			}
			if len(done) > 0 {
				t.Fatal(<-done)
			}
			runtime.Gosched()
		}
	}
	waitAcked(2000)
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	dst := filepath.Join(dir, "backup.db")
	res, err := Backup(ctx, src, dst)
	mu.Lock()
	by := map[string]bool{} // acknowledged by the time the backup returned
	for _, id := range acked {
		by[id] = true
	}
	mu.Unlock()
	waitAcked(len(before) + 200) // writes went on during the backup
	close(stop)
	if werr := <-done; werr != nil {
		t.Fatal(werr)
	}
	if err != nil {
		t.Fatal(err)
	}
	if res.Events < int64(len(before)) || res.Schema == 0 || res.Bytes == 0 {
		t.Fatalf("got %+v, want at least the %d events acknowledged before it", res, len(before))
	}
	if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("got %v, %v; want a backup readable by its owner only", fi.Mode(), err)
	}

	restored := filepath.Join(t.TempDir(), "praxis.db")
	if err := os.Rename(dst, restored); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, restored, Options{})
	if err != nil {
		t.Fatalf("the restored backup does not open: %v", err)
	}
	defer r.Close()
	have := map[string]bool{}
	rows, err := r.r.QueryContext(ctx, `SELECT event_id FROM inbox`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		have[id] = true
	}
	rows.Close()
	for _, id := range before {
		if !have[id] {
			t.Fatalf("event %s, acknowledged before the backup, is not in it (%d of %d there)",
				id, len(have), len(before))
		}
	}
	for id := range have {
		if !by[id] {
			t.Fatalf("event %s is in the backup but was acknowledged after it returned", id)
		}
	}
	if int64(len(have)) != res.Events {
		t.Fatalf("got %d events in the restored file, the backup counted %d", len(have), res.Events)
	}
}

// A backup never overwrites a file, never creates a database where there
// was none, refuses what is not a Praxis database, and leaves nothing
// behind when it fails.
func TestBackupRefusals(t *testing.T) {
	ctx := context.Background()
	s, src := openFile(t)
	s.Close()
	dir := filepath.Dir(src)
	existing := filepath.Join(dir, "old.db")
	if err := os.WriteFile(existing, []byte("last week's backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	notPraxis := filepath.Join(dir, "other.db")
	if err := os.WriteFile(notPraxis, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ src, dst, want string }{
		{src, existing, "already exists"},
		{filepath.Join(dir, "missing.db"), filepath.Join(dir, "b1.db"), "no database at"},
		{notPraxis, filepath.Join(dir, "b2.db"), "not a Praxis database"},
		{src, filepath.Join(dir, "no", "such", "dir.db"), "backup:"},
	} {
		if _, err := Backup(ctx, tc.src, tc.dst); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Backup(%s, %s): got %v, want %q", filepath.Base(tc.src), tc.dst, err, tc.want)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "last week's backup" {
		t.Fatalf("the existing file was changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Fatal("a backup of a missing database created one")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".b*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

// What was erased before a backup is not in the backup's bytes: it copies
// the live pages only, not the free ones.
func TestBackupHoldsNoErasedBytes(t *testing.T) {
	ctx := context.Background()
	s, src := openFile(t)
	dir := filepath.Dir(src)
	if _, err := s.PutInbox(ctx, []InboxItem{{EventID: "Ev1", Source: "socket",
		Payload: []byte(`{"text":"zebraWITHHELD someone else's words"}`)}}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.PendingInbox(ctx, 0, 10)
	if err != nil || len(rows) != 1 {
		t.Fatalf("got %d pending, %v", len(rows), err)
	}
	if err := s.Process(ctx, rows[0].ID, func(tx *Tx) error { tx.Withhold(); return nil }); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "backup.db")
	if _, err := Backup(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	if found, err := dbbytes.Holding(dst, "zebraWITHHELD"); err != nil || len(found) > 0 {
		t.Fatalf("got %v, %v; want the erased words absent from the backup", found, err)
	}
}

// openFile opens a SQLite store in a file of its own (a backup copies a
// file), closed when the test ends, and returns the file's path.
func openFile(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "praxis.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}
