package store

import (
	"context"
	"os"
	"testing"
)

// bulkSync is the writer's durability setting: "off" (a bulk load's) or
// "normal" (SQLite's synchronous=NORMAL, PostgreSQL's synchronous_commit on).
func bulkSync(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	if testOnPostgres {
		var v string
		if err := s.w.QueryRowContext(ctx, `SHOW synchronous_commit`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return map[string]string{"off": "off", "on": "normal"}[v]
	}
	var v int
	if err := s.w.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return map[int]string{0: "off", 1: "normal"}[v]
}

func TestBulkRestoresDurability(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	b, err := s.Bulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := bulkSync(t, s); got != "off" {
		t.Fatalf("got synchronous %q during the load; want off", got)
	}
	put(t, s, msg("1.1", "bulk loaded rotation notes"))
	if err := b.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if got := bulkSync(t, s); got != "off" {
		t.Fatalf("got synchronous %q after a checkpoint; want off", got)
	}
	put(t, s, msg("1.2", "more notes"))
	if err := b.End(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.End(ctx); err != nil {
		t.Fatalf("got %v from a second end, want nothing", err)
	}
	if got := bulkSync(t, s); got != "normal" {
		t.Fatalf("got synchronous %q after the load; want normal", got)
	}
	if !testOnPostgres {
		sqliteLogTruncated(t, s)
	}
	if got := found(t, s, "rotate"); len(got) != 1 {
		t.Fatalf("got %v, want the message loaded in bulk", got)
	}
}

// sqliteLogTruncated checks that a bulk load left SQLite's automatic
// checkpoints as they were and its log checkpointed and truncated.
func sqliteLogTruncated(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	var ckpt int
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
}
