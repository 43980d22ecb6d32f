package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// InboxItem is a raw event as received from Slack, before acknowledgement.
type InboxItem struct {
	// EventID identifies the event across Slack's redeliveries (event_id for
	// Events API callbacks, a derived key for commands and interactions).
	EventID string
	// Source says which transport received it ("socket", "http").
	Source  string
	Payload []byte
	// Channel is its channel, whose shard (Shard) says which replica
	// applies it; "" when it has none or it is not known (then every
	// replica reads it).
	Channel string
}

// InboxRow is a stored event waiting to be processed.
type InboxRow struct {
	ID         int64
	EventID    string
	Source     string
	Payload    []byte
	ReceivedAt time.Time
	Attempts   int
}

// PutInbox stores a batch of raw events in one transaction and reports, for
// each, whether it was new (false for a redelivery of a stored event).
//
// On PostgreSQL it takes no write lock (an insert of a new key needs no
// turn, and Slack's acknowledgement must not wait for one), and it
// notifies the replicas, so that the one holding the event's channel
// wakes (see FollowReplicas).
func (s *Store) PutInbox(ctx context.Context, items []InboxItem) ([]bool, error) {
	tx, err := s.in.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put inbox: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO inbox(event_id, source, payload, received_at, shard)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT(event_id) DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("put inbox: %w", err)
	}
	defer stmt.Close()
	now := ms(s.Now())
	fresh := make([]bool, len(items))
	for i, it := range items {
		shard := -1
		if it.Channel != "" {
			shard = Shard(it.Channel)
		}
		res, err := stmt.ExecContext(ctx, it.EventID, it.Source, it.Payload, now, shard)
		if err != nil {
			return nil, fmt.Errorf("put inbox %s: %w", it.EventID, err)
		}
		n, _ := res.RowsAffected()
		fresh[i] = n == 1
	}
	if s.pg && slices.Contains(fresh, true) {
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify(?, '')`, chanInbox); err != nil {
			return nil, fmt.Errorf("put inbox: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put inbox: %w", err)
	}
	s.wrote()
	return fresh, nil
}

// PendingInbox returns up to limit unprocessed events with an id above
// afterID, oldest first: of the shards this replica holds, and those whose
// channel is not known (see InboxItem.Channel).
func (s *Store) PendingInbox(ctx context.Context, afterID int64, limit int) ([]InboxRow, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, event_id, source, payload, received_at, attempts
		FROM inbox WHERE processed_at IS NULL AND id > ? AND (shard < 0 OR `+qHeldShard+`)
		ORDER BY id LIMIT ?`, afterID, s.Shared(), s.replica, limit)
	if err != nil {
		return nil, fmt.Errorf("pending inbox: %w", err)
	}
	defer rows.Close()
	var out []InboxRow
	for rows.Next() {
		var r InboxRow
		var at int64
		if err := rows.Scan(&r.ID, &r.EventID, &r.Source, &r.Payload, &at, &r.Attempts); err != nil {
			return nil, fmt.Errorf("pending inbox: %w", err)
		}
		r.ReceivedAt = fromMS(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// InboxDepth counts the events stored but not yet processed.
func (s *Store) InboxDepth(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM inbox WHERE processed_at IS NULL`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("inbox depth: %w", err)
	}
	return n, nil
}

// ErrProcessed is returned by Process for an event already processed (by
// another worker that read it at the same time, or before a restart).
var ErrProcessed = errors.New("event already processed")

// Process marks the inbox row processed and runs fn in the same write
// transaction, so an event's effects and its "done" mark land together or
// not at all, and only once.
func (s *Store) Process(ctx context.Context, inboxID int64, fn func(*Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("process inbox %d: %w", inboxID, err)
	}
	defer tx.Rollback()
	t := s.newTx(tx)
	if err := t.processOne(ctx, inboxID, fn); err != nil {
		return err
	}
	if err := t.commit(ctx); err != nil {
		return err
	}
	s.committed(t.changed)
	return nil
}

// ProcessBatch processes several inbox rows in one transaction (one commit
// instead of one per event: commits dominate the cost of recording). Each
// event runs in its own savepoint, so a failing event is rolled back alone
// and reported in errs (ErrProcessed for one already done) while the others
// commit. err is set only when the whole batch failed.
func (s *Store) ProcessBatch(ctx context.Context, inboxIDs []int64,
	fn func(i int, tx *Tx) error) (errs []error, err error) {
	return s.Savepoints(ctx, len(inboxIDs), func(i int, tx *Tx) error {
		return tx.processOne(ctx, inboxIDs[i], func(tx *Tx) error { return fn(i, tx) })
	})
}

// Savepoints runs fn n times in one transaction, each call in its own
// savepoint: a failing call is rolled back alone and its error returned in
// errs, the others commit together. err is set only when the whole
// transaction failed.
func (s *Store) Savepoints(ctx context.Context, n int, fn func(i int, tx *Tx) error) (errs []error, err error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	defer tx.Rollback()
	t := s.newTx(tx)
	errs = make([]error, n)
	if n > 0 {
		if _, err := tx.ExecContext(ctx, `SAVEPOINT item`); err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
	}
	for i := 0; i < n; i++ {
		mark, seenMark, changed := len(t.fts), len(t.seen), t.changed
		errs[i] = fn(i, t)
		var end sqlText = `RELEASE item`
		if errs[i] != nil {
			end = `ROLLBACK TO item; RELEASE item`
			// Undo what the rolled-back item gathered and marked.
			t.fts, t.seen, t.changed = t.fts[:mark], t.seen[:seenMark], changed
			t.priv = nil // it may have paused or forgotten someone
		}
		if i+1 < n { // the next item's savepoint: one round trip to PostgreSQL between items, not two
			end += `; SAVEPOINT item`
		}
		if _, err := tx.ExecContext(ctx, string(end)); err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
	}
	if err := t.commit(ctx); err != nil {
		return nil, err
	}
	s.committed(t.changed)
	return errs, nil
}

// processOne marks a row processed and applies fn, inside the transaction.
func (t *Tx) processOne(ctx context.Context, inboxID int64, fn func(*Tx) error) error {
	res, err := t.exec(ctx, qMarkProcessed, ms(t.now), inboxID)
	if err != nil {
		return fmt.Errorf("process inbox %d: %w", inboxID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrProcessed
	}
	if fn == nil {
		return nil
	}
	t.withheld = false
	if err := fn(t); err != nil {
		return err
	}
	if t.withheld { // the store kept none of it: nor does the inbox, nor the log (see scrub.go)
		if _, err := t.exec(ctx, qScrubInbox, inboxID); err != nil {
			return fmt.Errorf("process inbox %d: %w", inboxID, err)
		}
		if err := t.scrubDue(ctx, false); err != nil {
			return fmt.Errorf("process inbox %d: %w", inboxID, err)
		}
		t.scrub = true
	}
	return nil
}

const qScrubInbox = `UPDATE inbox SET payload = CAST('' AS BLOB) WHERE id = ?`

// Withhold tells the store that the event being processed carries words it
// must not keep (someone else's message, in a shortcut): its raw payload is
// emptied once processed.
func (t *Tx) Withhold() { t.withheld = true }

// FailInbox records a processing failure. After maxAttempts the event is set
// aside (marked processed with its error) so it cannot block the queue.
func (s *Store) FailInbox(ctx context.Context, inboxID int64, cause error, maxAttempts int) (parked bool, err error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("fail inbox %d: %w", inboxID, err)
	}
	defer tx.Rollback()
	var attempts int
	if err := tx.QueryRowContext(ctx, `UPDATE inbox SET attempts = attempts + 1, last_error = ?
		WHERE id = ? RETURNING attempts`, cause.Error(), inboxID).Scan(&attempts); err != nil {
		if err == sql.ErrNoRows {
			return false, ErrNotFound
		}
		return false, fmt.Errorf("fail inbox %d: %w", inboxID, err)
	}
	if attempts >= maxAttempts {
		parked = true
		if _, err := tx.ExecContext(ctx, `UPDATE inbox SET processed_at = ? WHERE id = ?`, ms(s.Now()), inboxID); err != nil {
			return false, fmt.Errorf("fail inbox %d: %w", inboxID, err)
		}
	}
	return parked, tx.Commit()
}
