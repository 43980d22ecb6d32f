package store

import (
	"context"
	"testing"
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
