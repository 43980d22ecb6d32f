package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// The change feed (docs/postgres.md, "Replicas"). What a committed write
// changed that Praxis keeps in memory (Changes: the expert index's threads
// and people, the poster's queue) is told to this process's followers at
// commit (OnCommit). On PostgreSQL other replicas keep the same things in
// memory: each write transaction also logs its Changes in change_log, in
// the same transaction, and notifies; every replica follows the log and
// tells its followers what the others committed, in commit order (the
// log's ids are drawn under the write lock). Storing an event notifies
// too, so that the replica holding its channel's shard wakes.

// changeLogKeep is how long the change log keeps a write: a replica that
// falls further behind (a long pause) reloads what it keeps in memory.
const changeLogKeep = 10 * time.Minute

// Notification channels.
const (
	chanChanges = "praxis_changes"
	chanInbox   = "praxis_inbox"
)

// logChanges logs what the transaction changed, on PostgreSQL, before it
// commits.
func (t *Tx) logChanges(ctx context.Context) error {
	return t.s.logChanges(ctx, t.tx.raw, t.changed)
}

// logChanges logs c in tx, on PostgreSQL, before tx commits.
func (s *Store) logChanges(ctx context.Context, tx *sql.Tx, c Changes) error {
	if !s.pg || c.empty() {
		return nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	// Transactions of different shards commit side by side (WithShards):
	// this lock, held to the commit, draws the log's ids in commit order.
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, changeLogKey); err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO change_log(replica, at, changes) VALUES (?, ?, ?)`,
		s.replica, ms(s.Now()), string(b)); err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	return nil // announced once committed (see bell.go)
}

// initFeed starts following the change log from its end: what was
// committed before this store was opened is read from the tables.
func (s *Store) initFeed(ctx context.Context) error {
	var last int64
	if err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM change_log`).Scan(&last); err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	s.feedAt.Store(last)
	return nil
}

// FollowReplicas tells this process's followers (OnCommit) what the other
// replicas commit, and calls stored when events were stored (by any
// replica) with the lowest row id among them (0: any), until ctx ends; lost hears why the connection was lost. It
// listens on its own connection and reads the log at each commit
// announced, at least every second, and when the connection is made again
// (what was announced meanwhile was missed). A reader that fell behind what the
// log keeps is told Changes{People, Erased, Outbox}: reload everything.
// On SQLite it returns at once: there are no other replicas.
func (s *Store) FollowReplicas(ctx context.Context, stored func(from int64), lost func(error)) error {
	if !s.pg {
		return nil
	}
	for {
		err := s.listen(ctx, stored)
		if ctx.Err() != nil {
			return nil
		}
		lost(err) // what was missed is read once the connection is back
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Second):
		}
		stored(0) // what was announced meanwhile was missed
	}
}

// listen follows the notifications on one connection until it fails or
// ctx ends.
func (s *Store) listen(ctx context.Context, stored func(from int64)) error {
	conn, err := pgx.ConnectConfig(ctx, s.pgcfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	for _, ch := range []string{chanChanges, chanInbox} {
		if _, err := conn.Exec(ctx, "LISTEN "+ch); err != nil {
			return err
		}
	}
	var lastRead time.Time // a timer's reading, not the store's clock
	for read := true; ; {
		if read {
			if err := s.readFeed(ctx); err != nil {
				return err
			}
			lastRead = time.Now()
		}
		wctx, cancel := context.WithTimeout(ctx, time.Second)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		// The log is read when a commit is announced, and at least every
		// second (a ring lost to a crash); not at each event stored (most
		// notifications under load).
		read = true
		switch {
		case err == nil && n.Channel == chanInbox:
			from, perr := strconv.ParseInt(n.Payload, 10, 64)
			if perr != nil {
				from = 0 // not said: from the start
			}
			stored(from)
			read = time.Since(lastRead) >= time.Second
		case err == nil:
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded):
		default:
			return err
		}
	}
}

// readFeed reads the change log after the last id read and tells the
// followers what the other replicas changed.
func (s *Store) readFeed(ctx context.Context) error {
	after := s.feedAt.Load()
	rows, err := s.r.QueryContext(ctx, `SELECT id, replica, changes FROM change_log WHERE id > ? ORDER BY id
		LIMIT 1000`, after)
	if err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	defer rows.Close()
	var all Changes
	now := ms(s.Now())
	if last := s.feedRead.Swap(now); last > 0 && now-last > changeLogKeep.Milliseconds()/2 {
		// Paused long enough that the log may have lost writes: reload.
		all.add(Changes{People: true, Erased: true, Outbox: true})
	}
	for rows.Next() {
		var id int64
		var replica, text string
		if err := rows.Scan(&id, &replica, &text); err != nil {
			return fmt.Errorf("change log: %w", err)
		}
		after = id
		if replica == s.replica {
			continue
		}
		var c Changes
		if err := json.Unmarshal([]byte(text), &c); err != nil {
			return fmt.Errorf("change log %d: %w", id, err)
		}
		all.add(c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	s.feedAt.Store(after)
	s.committed(all)
	return nil
}
