package store

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"praxis/internal/pgtest"
)

func TestNumberPlaceholders(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT ? , ?`, `SELECT $1 , $2`},
		{`WHERE a = ?2 AND b = ?1 AND c = ?`, `WHERE a = $2 AND b = $1 AND c = $3`}, // SQLite: largest + 1
		{`SELECT '?' || "a?" || ?`, `SELECT '?' || "a?" || $1`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{"SELECT 1 -- why?\n, ?", "SELECT 1 -- why?\n, $1"},
		{`SELECT /* ? */ ?10, ?`, `SELECT /* ? */ $10, $11`},
		{`CREATE FUNCTION f() AS $$ SELECT '?' $$; SELECT ?`, `CREATE FUNCTION f() AS $$ SELECT '?' $$; SELECT $1`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
	} {
		if got := numberPlaceholders(c.in); got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
}

// TestPostgresFormsPrepare checks that each statement's PostgreSQL form
// (pgStatements) is one PostgreSQL accepts against the schema.
func TestPostgresFormsPrepare(t *testing.T) {
	if !testOnPostgres {
		t.Skip("PostgreSQL's forms: run with " + testStoreEnv + "=postgres")
	}
	s, ctx := openTest(t), context.Background()
	for q := range pgStatements {
		st, err := s.r.PrepareContext(ctx, q)
		if err != nil {
			t.Errorf("%s\n%s: %v", q, pgSQL(q).text, err)
			continue
		}
		st.Close()
	}
}

// A read-only transaction reads one snapshot on both databases: what the
// member's data export relies on to be consistent.
func TestReadOnlyTxReadsOneSnapshot(t *testing.T) {
	s, ctx := openTest(t), context.Background()
	count := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) int {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM member_prefs`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	before := count(tx)
	if err := s.Batch(ctx, func(w *Tx) error { return w.SetLanguage(ctx, "U1", "fr") }); err != nil {
		t.Fatal(err)
	}
	if got := count(tx); got != before {
		t.Fatalf("got %d rows, then %d in one read-only transaction; want one snapshot", before, got)
	}
	if got := count(s.r); got != before+1 {
		t.Fatalf("got %d rows after it, want %d", got, before+1)
	}
}

// On PostgreSQL, CheckFullText also checks the totals bm25 reads, which
// triggers keep through inserts, edits and deletions.
func TestFullTextTotalsChecked(t *testing.T) {
	if !testOnPostgres {
		t.Skip("bm25's totals are PostgreSQL's: run with " + testStoreEnv + "=postgres")
	}
	s, ctx := openTest(t), context.Background()
	put(t, s, msg("1.1", "certificate rotation"), msg("1.2", "budgets review"))
	edited := msg("1.1", "certificate rotation, done for the quarter")
	edited.EditedTS = "1.5"
	put(t, s, edited)
	if err := s.Batch(ctx, func(tx *Tx) error { return tx.DeleteMessage(ctx, "C1", "1.2", time.Time{}) }); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `UPDATE messages_fts_totals SET tokens = tokens + 1`); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckFullText(ctx); err == nil {
		t.Fatal("got no error with the totals off by a term, want one")
	}
}

// Two stores on one PostgreSQL database, as two replicas: their writers
// take turns (the write lock), so a job's period is claimed once however
// their claims interleave, and an event stored by both is stored once.
func TestTwoStoresOnOneDatabase(t *testing.T) {
	if !testOnPostgres {
		t.Skip("two processes on one database: PostgreSQL's; run with " + testStoreEnv + "=postgres")
	}
	ctx, stores := context.Background(), openOn(t, pgtest.Database(t), 2, Options{})
	claims := make(chan bool, 80)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, ok, err := stores[i%2].ClaimJobRun(ctx, RunClaim{Job: "digest", Period: "2026-12-07",
				ScheduledAt: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Error(err)
			}
			stored, err := stores[i%2].PutInbox(ctx, []InboxItem{{EventID: "Ev1", Source: "socket", Payload: []byte(`{}`)}})
			if err != nil {
				t.Error(err)
			}
			claims <- ok
			claims <- stored[0]
		}()
	}
	wg.Wait()
	close(claims)
	n := 0
	for ok := range claims {
		if ok {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("got %d claims and events stored, want 1 of each", n)
	}
}
