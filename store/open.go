package store

import (
	"context"
	"strings"
)

// IsPostgres reports whether db, a database as the configuration or a
// --db flag names it, is a PostgreSQL URL (postgres:// or postgresql://)
// rather than a SQLite file's path.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// OpenDB opens the database db names: PostgreSQL for a URL (OpenPostgres),
// else the SQLite file (Open). Every command that opens the configured
// database, and every test kit, opens it here, so that each runs on either.
func OpenDB(ctx context.Context, db string, opts Options) (*Store, error) {
	if IsPostgres(db) {
		return OpenPostgres(ctx, db, opts)
	}
	return Open(ctx, db, opts)
}
