package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// PostgreSQL (docs/postgres.md): the same Store, on a server rather than a
// file. Not selectable by Praxis's configuration until the whole store's
// test suite passes on it; its tests open it with openPostgres.

//go:embed migrations_pg/*.sql
var pgMigrationFiles embed.FS

// isPostgresURL says whether a database setting names a PostgreSQL server
// rather than a SQLite file.
func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// openPostgres opens the PostgreSQL database at url and applies every
// pending migration. Writes go through one connection, as on SQLite, and
// every write transaction holds the store's write lock (see pgConn).
func openPostgres(ctx context.Context, url string, opts Options) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ReadConns <= 0 {
		opts.ReadConns = 4
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	w := sql.OpenDB(pgConnector{base: stdlib.GetConnector(*cfg), write: true})
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w, now: opts.Now, pg: true}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r := sql.OpenDB(pgConnector{base: stdlib.GetConnector(*cfg)})
	r.SetMaxOpenConns(opts.ReadConns)
	s.r = r
	return s, nil
}
