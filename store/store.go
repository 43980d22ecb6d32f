// Package store keeps everything Praxis knows in one SQLite file: communities,
// members, messages, reactions, resources, and the inbox and outbox that make
// the data path durable. It imports no other package of Praxis.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"modernc.org/sqlite" // registers the "sqlite" driver (pure Go, FTS5 built in)
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNotFound is returned when a requested row does not exist.
var ErrNotFound = errors.New("not found")

// Store is the SQLite database. Writes go through a single connection so that
// writers queue in Go instead of spinning on SQLITE_BUSY; reads use a pool.
type Store struct {
	w   *sql.DB
	r   *sql.DB
	now func() time.Time
	pg  bool // PostgreSQL (postgres.go), not SQLite

	replica  string          // this process among the replicas (replica.go)
	in       *sql.DB         // PutInbox's pool: the writer on SQLite, lockless on PostgreSQL
	pgcfg    *pgx.ConnConfig // PostgreSQL's, for the change feed's connection (feed.go)
	feedAt   atomic.Int64    // the change log's last id told to the followers (feed.go)
	feedRead atomic.Int64    // when the change log was last read, Unix ms (feed.go)

	mu        sync.Mutex
	stmts     map[string]*sql.Stmt              // prepared on w, by query text
	followers atomic.Pointer[[]func(c Changes)] // see OnCommit; nil: none

	scrubMu   sync.Mutex    // one Scrub at a time
	scrubKick chan struct{} // see scrubLoop
	scrubStop context.CancelFunc
	scrubDone chan struct{}

	ckpt     *sql.DB       // the background checkpointer's connection (see checkpoint.go)
	ckptMu   sync.Mutex    // one explicit checkpoint at a time (see checkpoint.go)
	ckptKick chan struct{} // a write was committed
	ckptStop context.CancelFunc
	ckptDone chan struct{}
	bulk     atomic.Bool // a bulk load is under way (see Bulk)

	bells     bells        // PostgreSQL's notifications, rung after commits (see bell.go)
	inboxFrom atomic.Int64 // the lowest row id the inbox's next notification announces
	bellStop  context.CancelFunc
	bellDone  chan struct{}
}

// prepared returns the writer's prepared statement for query, or nil when
// it was not prepared at Open (see hotQueries). It never prepares: the
// writer's only connection may be inside the caller's transaction.
func (s *Store) prepared(query sqlText) *sql.Stmt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stmts[string(query)]
}

// prepareHot prepares, once, the statements of the hot paths (recording an
// event, importing history) on the writer.
func (s *Store) prepareHot(ctx context.Context, queries []sqlText) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	for _, q := range queries {
		if _, ok := s.stmts[string(q)]; ok {
			continue
		}
		st, err := s.w.PrepareContext(ctx, string(q))
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		s.stmts[string(q)] = st
	}
	return nil
}

// Options tune Open.
type Options struct {
	// Now is the clock; tests and the demo move it. Default time.Now.
	Now func() time.Time
	// ReadConns is the size of the read pool. Default 4.
	ReadConns int
}

// Open opens (creating if needed, its owner's only) the database at path
// and applies every pending migration.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ReadConns <= 0 {
		opts.ReadConns = 4
	}
	if err := ownerOnly(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := connectWriter(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{w: w, in: w, now: opts.Now, replica: newReplicaID()}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.incrementalVacuum(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.prepareHot(ctx, slices.Concat(hotQueries, questionQueries)); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(opts.ReadConns)
	s.r = r
	if err := s.startCheckpointer(path); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s.startScrubber(ctx)
	return s, nil
}

// connectWriter opens the writer's connection, trying again for a while
// when the file is busy: processes opening one new database together (a
// run and an import started at once, stores in a test) each set its
// journal mode and auto-vacuum as they connect, and SQLite refuses those
// at once, SQLITE_BUSY, while another connection is doing the same,
// without waiting for the busy timeout.
func connectWriter(ctx context.Context, w *sql.DB) error {
	for tries := 0; ; tries++ {
		err := w.PingContext(ctx)
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqliteBusy || tries == 200 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// sqliteBusy is SQLITE_BUSY, the primary code of a busy database.
const sqliteBusy = 5

// walAutocheckpoint is the writer's checkpoint interval, in pages.
const walAutocheckpoint = "10000"

// dsn puts the pragmas in the connection string so every pooled connection
// gets them. The writer takes the write lock when a transaction begins
// (_txlock=immediate) so it never fails to upgrade a read lock.
// secure_delete zeroes what a deletion frees (see scrub.go); the writer,
// which creates the tables, creates a new database with incremental
// auto-vacuum (the driver applies it before journal_mode, while the file is
// still empty).
func dsn(path string, writer bool) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(" + busyTimeout + ")", "foreign_keys(1)", "journal_mode(wal)",
		"synchronous(normal)", "secure_delete(1)"} {
		q.Add("_pragma", p)
	}
	if writer {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", "auto_vacuum(incremental)")
		q.Add("_pragma", "cache_size(-65536)") // 64 MiB: index maintenance of big imports stays in memory
		// Checkpoint every ~40 MiB of WAL rather than 4 MiB: a page rewritten
		// by many transactions is copied back once.
		q.Add("_pragma", "wal_autocheckpoint("+walAutocheckpoint+")")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close stops the background scrubber (a scrub it was running stays due)
// and checkpointer, and closes both pools.
func (s *Store) Close() error {
	if s.scrubStop != nil {
		s.scrubStop()
		<-s.scrubDone
	}
	s.stopBells()
	cerr := s.stopCheckpointer()
	s.mu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.mu.Unlock()
	var ierr error
	if s.in != nil && s.in != s.w {
		ierr = s.in.Close()
	}
	return errors.Join(cerr, ierr, s.r.Close(), s.w.Close())
}

// Now returns the store's clock reading.
func (s *Store) Now() time.Time { return s.now().UTC() }

// Ping checks that the database is writable: it runs a write transaction.
// On PostgreSQL it is one of PutInbox's, which take no write lock: a
// health probe tells whether events can be stored and acknowledged, and
// does not wait for another replica's long write (an import, a forget).
func (s *Store) Ping(ctx context.Context) error {
	tx, err := s.in.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("ping store: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE schema_migrations SET version = version WHERE version = -1`); err != nil {
		return fmt.Errorf("ping store: %w", err)
	}
	return tx.Commit()
}

func (s *Store) migrate(ctx context.Context) error {
	_, err := s.Migrate(ctx)
	return err
}

// Migrate applies the embedded migrations not yet recorded, each in its own
// transaction, and returns the names of those it applied.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	if err := s.createMigrationsTable(ctx); err != nil {
		return nil, err
	}
	files, dir := fs.FS(migrationFiles), "migrations/"
	if s.pg {
		files, dir = pgMigrationFiles, "migrations_pg/"
	}
	names, err := fs.Glob(files, dir+"*.sql")
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	sort.Strings(names)
	var applied []string
	for _, name := range names {
		base := strings.TrimPrefix(name, dir)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migrate: bad migration name %s", base)
		}
		ok, err := s.applyMigration(ctx, files, version, base, name)
		if err != nil {
			return applied, err
		}
		if ok {
			applied = append(applied, base)
		}
	}
	return applied, nil
}

// qSchemaMigrations records the migrations applied.
const qSchemaMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`

// createMigrationsTable creates the table of applied migrations in a write
// transaction: on PostgreSQL that holds the write lock, so that replicas
// opening an empty database together take turns (two CREATE TABLE IF NOT
// EXISTS at once fail there), as they do for each migration.
func (s *Store) createMigrationsTable(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, qSchemaMigrations); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return tx.Commit()
}

func (s *Store) applyMigration(ctx context.Context, files fs.FS, version int, base, name string) (bool, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate %s: %w", base, err)
	}
	defer tx.Rollback()
	var n int
	row := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version)
	if err := row.Scan(&n); err != nil {
		return false, fmt.Errorf("migrate %s: %w", base, err)
	}
	if n > 0 {
		return false, nil
	}
	body, err := migration(files, name)
	if err != nil {
		return false, fmt.Errorf("migrate %s: %w", base, err)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("migrate %s: %w", base, err)
	}
	if after := afterMigration[version]; after != nil && !s.pg {
		if err := after(ctx, tx); err != nil {
			return false, fmt.Errorf("migrate %s: %w", base, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
		version, base, s.Now().UnixMilli()); err != nil {
		return false, fmt.Errorf("migrate %s: %w", base, err)
	}
	return true, tx.Commit()
}

// SchemaVersion returns the highest applied migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return int(v.Int64), nil
}

// ms converts a time to the stored representation: Unix milliseconds, UTC.
func ms(t time.Time) int64 { return t.UTC().UnixMilli() }

// fromMS converts a stored time back.
func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }
