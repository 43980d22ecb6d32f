package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// PostgreSQL (docs/postgres.md): the same Store, on a server rather than a
// file, selected by the configuration's database URL (see OpenDB).

//go:embed migrations_pg/*.sql
var pgMigrationFiles embed.FS

// OpenPostgres opens the PostgreSQL database at url, checks that the
// server can hold it (checkServer), and applies every pending migration.
// Writes go through one connection, as on SQLite, and every write
// transaction holds the store's write lock (see pgConn).
func OpenPostgres(ctx context.Context, url string, opts Options) (*Store, error) {
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
	if err := checkServer(ctx, cfg); err != nil {
		return nil, err
	}
	w := sql.OpenDB(pgConnector{base: stdlib.GetConnector(*cfg), write: true})
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w, now: opts.Now, pg: true, replica: newReplicaID(), pgcfg: cfg}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r := sql.OpenDB(pgConnector{base: stdlib.GetConnector(*cfg)})
	r.SetMaxOpenConns(opts.ReadConns)
	s.r = r
	// Storing events (PutInbox) takes no write lock: an insert of a new
	// key needs no turn, and acknowledging Slack must not wait for one.
	s.in = sql.OpenDB(pgConnector{base: stdlib.GetConnector(*cfg)})
	s.in.SetMaxOpenConns(4)
	s.startBells(ctx)
	if err := s.initFeed(ctx); err != nil {
		s.Close()
		return nil, err
	}
	s.startScrubber(ctx)
	return s, nil
}

// A bulk load on PostgreSQL (see Bulk): the writer's commits do not wait
// for the WAL to reach the disk (synchronous_commit off: a crash may lose
// the last transactions, never consistency), and Checkpoint makes what was
// committed durable by committing a transaction that waits for it.
const (
	qBulkSyncOff   = `SET synchronous_commit = off`
	qBulkSyncReset = `RESET synchronous_commit`
)

// flushWAL waits until every transaction committed so far is on disk: a
// commit with synchronous_commit on flushes the WAL up to it, earlier
// commits included. pg_current_xact_id gives the transaction an id, so
// that its commit is written and waited for.
func (s *Store) flushWAL(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk checkpoint: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit = on`); err != nil {
		return fmt.Errorf("bulk checkpoint: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_current_xact_id()`); err != nil {
		return fmt.Errorf("bulk checkpoint: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("bulk checkpoint: %w", err)
	}
	return nil
}

// qFTSTotalsDrift is how far bm25's totals are from the index they count.
const qFTSTotalsDrift = `SELECT t.docs - count(f.id), t.tokens - coalesce(sum(f.tokens), 0)
	FROM messages_fts_totals t LEFT JOIN messages_fts f ON true WHERE t.id = 1 GROUP BY t.docs, t.tokens`

// checkFTSTotals is CheckFullText's part on PostgreSQL: the totals its
// triggers keep for bm25 count what the index holds.
func checkFTSTotals(ctx context.Context, q rowQuerier) error {
	var docs, tokens int64
	if err := q.QueryRowContext(ctx, qFTSTotalsDrift).Scan(&docs, &tokens); err != nil {
		return fmt.Errorf("check full text: %w", err)
	}
	if docs != 0 || tokens != 0 {
		return fmt.Errorf("check full text: bm25's totals off by %d rows and %d terms", docs, tokens)
	}
	return nil
}
