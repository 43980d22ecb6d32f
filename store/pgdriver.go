package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// The dialect layer (docs/postgres.md). The store's SQL is written once, for
// SQLite, and reaches PostgreSQL through pgx's database/sql driver wrapped
// here, where each statement is translated once, when it is first seen:
// a statement PostgreSQL spells differently is replaced whole by its
// PostgreSQL form (pgStatements), and SQLite's placeholders (? and ?NNN)
// become PostgreSQL's ($N). Arguments are bound as SQLite binds them (a
// bool is 0 or 1). SQLite's path is not wrapped: nothing changes for it.

// pgConnector opens pgx connections wrapped in pgConn.
type pgConnector struct {
	base  driver.Connector
	write bool // each transaction takes the store's write lock
}

// Connect opens a connection.
func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{c: conn.(*stdlib.Conn), write: c.write}, nil
}

// Driver is pgx's.
func (c pgConnector) Driver() driver.Driver { return c.base.Driver() }

// pgConn translates what the store sends to one of pgx's connections.
type pgConn struct {
	c     *stdlib.Conn
	write bool
}

var (
	_ driver.ConnPrepareContext = (*pgConn)(nil)
	_ driver.ConnBeginTx        = (*pgConn)(nil)
	_ driver.ExecerContext      = (*pgConn)(nil)
	_ driver.QueryerContext     = (*pgConn)(nil)
	_ driver.NamedValueChecker  = (*pgConn)(nil)
	_ driver.SessionResetter    = (*pgConn)(nil)
	_ driver.Pinger             = (*pgConn)(nil)
)

// writeLockKey is the advisory lock every write transaction holds until it
// ends: writers take turns across connections and processes, as SQLite's
// single writer does, so that the store's read-then-write transactions
// keep their meaning. (A finer lock is for when replicas share the load.)
const writeLockKey = 0x70726178 // "prax"

// shardLockKey is the advisory lock of a shard's transactions (WithShards);
// changeLogKey orders the change log's ids as their commits (see
// logChanges).
func shardLockKey(shard int) int64 { return writeLockKey<<8 + int64(shard) }

const changeLogKey = writeLockKey<<8 + 255

// shardsKey carries WithShards' shards in a context.
type shardsKey struct{}

// WithShards marks ctx for a write transaction that applies events of the
// channels of these shards (store.Shard) and nothing shared with other
// shards: on PostgreSQL it takes only those shards' locks, and the whole
// lock shared, so that replicas applying events of different shards commit
// side by side (docs/postgres.md, "Replicas"). Everything else a
// transaction writes (jobs, commands, privacy, heartbeats) takes the whole
// lock and waits for them. SQLite has one writer: it changes nothing there.
func WithShards(ctx context.Context, shards []int) context.Context {
	s := slices.Clone(shards)
	slices.Sort(s)
	return context.WithValue(ctx, shardsKey{}, slices.Compact(s))
}

func (p *pgConn) Prepare(q string) (driver.Stmt, error) {
	return p.prepare(context.Background(), pgSQL(q))
}

func (p *pgConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return p.prepare(ctx, pgSQL(q))
}

func (p *pgConn) prepare(ctx context.Context, f pgStatement) (driver.Stmt, error) {
	st, err := p.c.PrepareContext(ctx, string(pgForm(f)))
	if err != nil {
		return nil, err
	}
	return &pgStmt{Stmt: st, returnsID: f.returnsID}, nil
}

func (p *pgConn) Close() error { return p.c.Close() }

func (p *pgConn) Begin() (driver.Tx, error) {
	return p.BeginTx(context.Background(), driver.TxOptions{})
}

// BeginTx begins a transaction; a writer's waits for the write lock. A
// read-only transaction reads one snapshot, as SQLite's do (REPEATABLE
// READ: READ COMMITTED, PostgreSQL's default, takes one per statement).
func (p *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if opts.ReadOnly && sql.IsolationLevel(opts.Isolation) == sql.LevelDefault {
		opts.Isolation = driver.IsolationLevel(sql.LevelRepeatableRead)
	}
	tx, err := p.c.BeginTx(ctx, opts)
	if err != nil || !p.write || opts.ReadOnly {
		return tx, err
	}
	if err := lockFor(ctx, p.c.Conn()); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// lockFor takes the write lock a transaction begun with ctx needs: the
// whole lock, or, for a transaction that applies events of some shards
// alone (WithShards), the whole lock shared and each shard's own, in
// ascending order (so that two such transactions cannot wait on each
// other). Transactions of different shards then commit side by side,
// while any other write waits for them all and they for it.
func lockFor(ctx context.Context, c *pgx.Conn) error {
	shards, _ := ctx.Value(shardsKey{}).([]int)
	if len(shards) == 0 {
		_, err := c.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writeLockKey))
		return err
	}
	if _, err := c.Exec(ctx, `SELECT pg_advisory_xact_lock_shared($1)`, int64(writeLockKey)); err != nil {
		return err
	}
	for _, sh := range shards {
		if _, err := c.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, shardLockKey(sh)); err != nil {
			return err
		}
	}
	return nil
}

func (p *pgConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	f := pgSQL(q)
	if f.returnsID {
		return insertedID(p.c.QueryContext(ctx, string(pgForm(f)), args))
	}
	return p.c.ExecContext(ctx, string(pgForm(f)), args)
}

func (p *pgConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return p.c.QueryContext(ctx, string(pgForm(pgSQL(q))), args)
}

// pgStmt is a statement prepared on pgConn.
type pgStmt struct {
	driver.Stmt
	returnsID bool
}

// ExecContext runs the statement.
func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if s.returnsID {
		return insertedID(s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args))
	}
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs the statement.
func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

// insertedResult is what SQLite's driver tells of an insert: the rows it
// inserted (0 or 1) and the id of the last.
type insertedResult struct{ id, n int64 }

func (r insertedResult) LastInsertId() (int64, error) { return r.id, nil }
func (r insertedResult) RowsAffected() (int64, error) { return r.n, nil }

// insertedID reads the id an INSERT … RETURNING id gave, if any: pgx's
// driver has no LastInsertId, which the store's SQLite inserts use (see
// insertMessage for why they do not say RETURNING there).
func insertedID(rows driver.Rows, err error) (driver.Result, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	dest := make([]driver.Value, len(rows.Columns()))
	switch err := rows.Next(dest); {
	case errors.Is(err, io.EOF):
		return insertedResult{}, nil
	case err != nil:
		return nil, err
	}
	id, ok := dest[0].(int64)
	if !ok {
		return nil, fmt.Errorf("insert returned %T, want an int64 id", dest[0])
	}
	return insertedResult{id: id, n: 1}, rows.Close()
}

// CheckNamedValue binds a bool as SQLite does: 1 or 0 (the store's flags
// are integer columns on both). A string loses its NUL characters, which
// PostgreSQL's text cannot hold (a Slack message may carry one: rejected,
// its event would fail until it is set aside); SQLite keeps them.
func (p *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	switch v := nv.Value.(type) {
	case bool:
		nv.Value = int64(0)
		if v {
			nv.Value = int64(1)
		}
	case string:
		nv.Value = withoutNUL(v)
	case []string:
		if slices.ContainsFunc(v, func(s string) bool { return strings.IndexByte(s, 0) >= 0 }) {
			clean := make([]string, len(v))
			for i, s := range v {
				clean[i] = withoutNUL(s)
			}
			nv.Value = clean
		}
	}
	return nil
}

// withoutNUL is s as PostgreSQL's text can hold it: without NULs.
func withoutNUL(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "")
}

func (p *pgConn) ResetSession(ctx context.Context) error { return p.c.ResetSession(ctx) }

func (p *pgConn) Ping(ctx context.Context) error { return p.c.Ping(ctx) }

// translated caches pgSQL's work: the store's statements are a fixed set.
var translated sync.Map // string → pgStatement

// pgStatement is a statement as PostgreSQL reads it.
type pgStatement struct {
	text      string
	returnsID bool // an insert whose LastInsertId the store reads
}

// pgSQL is q as PostgreSQL reads it: its PostgreSQL form if it has one,
// with its placeholders numbered.
func pgSQL(q string) pgStatement {
	if v, ok := translated.Load(q); ok {
		return v.(pgStatement)
	}
	t := q
	if alt, ok := pgStatements[q]; ok {
		t = string(alt)
	}
	f := pgStatement{text: numberPlaceholders(t),
		returnsID: strings.HasSuffix(t, "RETURNING id") && !strings.Contains(q, "RETURNING")}
	translated.Store(q, f)
	return f
}

// numberPlaceholders turns SQLite's placeholders into PostgreSQL's: ?NNN
// into $NNN, and a bare ? into one more than the largest number given so
// far, as SQLite numbers them. Quoted strings and identifiers, comments and
// dollar-quoted bodies are left alone.
func numberPlaceholders(q string) string {
	out := make([]byte, 0, len(q)+8)
	largest := 0
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '\'' || c == '"':
			end := skipQuoted(q, i, c)
			out = append(out, q[i:end]...)
			i = end - 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			end := indexFrom(q, i, "\n")
			out = append(out, q[i:end]...)
			i = end - 1
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			end := min(indexFrom(q, i+2, "*/")+2, len(q))
			out = append(out, q[i:end]...)
			i = end - 1
		case c == '$' && i+1 < len(q) && q[i+1] == '$':
			end := min(indexFrom(q, i+2, "$$")+2, len(q))
			out = append(out, q[i:end]...)
			i = end - 1
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := largest + 1
			if j > i+1 {
				n, _ = strconv.Atoi(q[i+1 : j])
			}
			largest = max(largest, n)
			out = append(out, '$')
			out = strconv.AppendInt(out, int64(n), 10)
			i = j - 1
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

// skipQuoted is the index just past the quoted text opened at q[i] by
// quote (a doubled quote stays inside).
func skipQuoted(q string, i int, quote byte) int {
	for j := i + 1; j < len(q); j++ {
		if q[j] == quote {
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(q)
}

// indexFrom is the index of sep in q at or after from, or len(q).
func indexFrom(q string, from int, sep string) int {
	for j := from; j+len(sep) <= len(q); j++ {
		if q[j:j+len(sep)] == sep {
			return j
		}
	}
	return len(q)
}
