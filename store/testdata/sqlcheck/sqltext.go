// Package sqlcheck is hostile code for TestSQLCheckCatches: each line with
// a want comment must be reported with its text, and no other line.
package sqlcheck

import (
	"context"
	"database/sql"
	"strings"
)

// sqlText stands for store's, and this file for its sqltext.go.
type sqlText string

func inList(n int) sqlText { return sqlText(strings.TrimSuffix(strings.Repeat("?, ", n), ", ")) }

type execFunc func(ctx context.Context, q sqlText, args ...any) (sql.Result, error)

func (f execFunc) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return f(ctx, sqlText(q), args...)
}

func audited(ctx context.Context, db *sql.DB, s string) {
	db.ExecContext(ctx, s) // want: SQL not a constant nor string(sqlText): s
}
