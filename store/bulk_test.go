package store

import (
	"context"
	"os"
	"testing"
)

func TestBulkRestoresDurability(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	b, err := s.Bulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sync int
	if err := s.w.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil || sync != 0 {
		t.Fatalf("got synchronous %d, %v during the load; want 0 (off)", sync, err)
	}
	put(t, s, msg("1.1", "bulk loaded rotation notes"))
	if err := b.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.w.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil || sync != 0 {
		t.Fatalf("got synchronous %d, %v after a checkpoint; want 0 (off)", sync, err)
	}
	put(t, s, msg("1.2", "more notes"))
	if err := b.End(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.End(ctx); err != nil {
		t.Fatalf("got %v from a second end, want nothing", err)
	}
	var ckpt int
	if err := s.w.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil || sync != 1 {
		t.Fatalf("got synchronous %d, %v after the load; want 1 (normal)", sync, err)
	}
	if err := s.w.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&ckpt); err != nil || ckpt != 10000 {
		t.Fatalf("got wal_autocheckpoint %d, %v after the load; want 10000", ckpt, err)
	}
	var path string
	row := s.w.QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`)
	if err := row.Scan(&path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() != 0 {
		t.Fatalf("got a WAL of %d bytes after the load, want it checkpointed and truncated", fi.Size())
	}
	if got := found(t, s, "rotate"); len(got) != 1 {
		t.Fatalf("got %v, want the message loaded in bulk", got)
	}
}
