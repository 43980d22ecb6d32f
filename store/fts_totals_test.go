package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// On PostgreSQL, bm25's totals are updated once per statement: indexing a
// transaction's new messages (one statement, Tx.applyFTS) and deleting
// many messages at once each update their one row once. A row-level
// trigger updated it once per message, and each update walked the chain of
// versions the transaction had already left: n² per transaction, hours for
// an import of a million messages (migrations_pg/0021).
func TestFullTextTotalsOncePerStatement(t *testing.T) {
	if !testOnPostgres {
		t.Skip("bm25's totals are PostgreSQL's: run with " + testStoreEnv + "=postgres")
	}
	s, ctx := openTest(t), context.Background()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	updates := func(tx *sql.Tx) int64 {
		t.Helper()
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_xact_user_tables
			WHERE relname = 'messages_fts_totals'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	wtx := s.newTx(tx)
	for i := range 50 {
		if err := wtx.PutMessage(ctx, msg(fmt.Sprintf("1.%d", i+1), "certificate rotation")); err != nil {
			t.Fatal(err)
		}
	}
	if err := wtx.applyFTS(ctx); err != nil {
		t.Fatal(err)
	}
	wtx.fts = nil // applied
	if got := updates(tx); got != 1 {
		t.Errorf("indexing 50 messages updated the totals %d times, want 1", got)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM messages WHERE channel_id = 'C1'`); err != nil {
		t.Fatal(err)
	}
	if got := updates(tx); got != 2 {
		t.Errorf("deleting 50 messages in one statement updated the totals %d times, want 1", got-1)
	}
	if err := wtx.commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Fatal(err)
	}
}
