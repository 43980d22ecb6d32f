package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
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
// On PostgreSQL it is one statement (one round trip, its own commit),
// takes no write lock (an insert of a new key needs no turn, and Slack's
// acknowledgement must not wait for one), and notifies the replicas, so
// that the one holding the event's channel wakes (see FollowReplicas).
func (s *Store) PutInbox(ctx context.Context, items []InboxItem) ([]bool, error) {
	if s.pg {
		return s.putInboxPG(ctx, items)
	}
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
		res, err := stmt.ExecContext(ctx, it.EventID, it.Source, it.Payload, now, it.shard())
		if err != nil {
			return nil, fmt.Errorf("put inbox %s: %w", it.EventID, err)
		}
		n, _ := res.RowsAffected()
		fresh[i] = n == 1
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put inbox: %w", err)
	}
	s.wrote()
	return fresh, nil
}

// shard is the item's channel's shard, or -1 when it is not known.
func (it InboxItem) shard() int64 {
	if it.Channel == "" {
		return -1
	}
	return int64(Shard(it.Channel))
}

// qPutInboxMany stores events given as arrays, in one statement, on
// PostgreSQL, and returns the row and event ids of those it stored.
const qPutInboxMany = `INSERT INTO inbox(event_id, source, payload, received_at, shard)
	SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS BYTEA[]), CAST(? AS BIGINT[]),
		CAST(? AS BIGINT[]))
	ON CONFLICT(event_id) DO NOTHING RETURNING id, event_id`

// putInboxPG is PutInbox on PostgreSQL.
func (s *Store) putInboxPG(ctx context.Context, items []InboxItem) ([]bool, error) {
	n := len(items)
	ids, sources, payloads := make([]string, n), make([]string, n), make([][]byte, n)
	at, shards := make([]int64, n), make([]int64, n)
	now := ms(s.Now())
	for i, it := range items {
		// The ids as stored, to tell which were (the driver drops NULs).
		ids[i], sources[i], payloads[i], at[i], shards[i] = withoutNUL(it.EventID), it.Source, it.Payload, now, it.shard()
	}
	rows, err := s.in.QueryContext(ctx, qPutInboxMany, ids, sources, payloads, at, shards)
	if err != nil {
		return nil, fmt.Errorf("put inbox: %w", err)
	}
	defer rows.Close()
	stored := map[string]bool{}
	first := int64(math.MaxInt64) // the lowest row id stored
	for rows.Next() {
		var row int64
		var id string
		if err := rows.Scan(&row, &id); err != nil {
			return nil, fmt.Errorf("put inbox: %w", err)
		}
		stored[id], first = true, min(first, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("put inbox: %w", err)
	}
	fresh := make([]bool, n)
	for i, id := range ids { // a redelivery within the batch is not new
		fresh[i] = stored[id]
		delete(stored, id)
	}
	if slices.Contains(fresh, true) {
		s.ringInbox(first) // the replica holding the events' channels wakes
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
//
// The batch is first written whole, with no savepoint: its rows marked
// processed in one statement, each event applied in turn. Only when an
// event fails is that transaction rolled back and the batch written again
// a savepoint per event (on PostgreSQL, each savepoint and each mark is a
// round trip to the server: a third of what recording an event cost).
func (s *Store) ProcessBatch(ctx context.Context, inboxIDs []int64,
	fn func(i int, tx *Tx) error) (errs []error, err error) {
	if len(inboxIDs) > 1 {
		errs, err = s.processWhole(ctx, inboxIDs, fn)
		if err == nil || !errors.Is(err, errOneFailed) {
			return errs, err
		}
	}
	return s.Savepoints(ctx, len(inboxIDs), func(i int, tx *Tx) error {
		return tx.processOne(ctx, inboxIDs[i], func(tx *Tx) error { return fn(i, tx) })
	})
}

// beginBatch begins the write transaction of a batch of events, in which
// new messages wait to be inserted together on PostgreSQL (see pending.go).
func (s *Store) beginBatch(ctx context.Context) (*Tx, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	t := s.newTx(tx)
	t.batched = s.pg
	return t, nil
}

// errOneFailed: an event of a batch written whole failed, so the batch is
// written again a savepoint per event.
var errOneFailed = errors.New("an event of the batch failed")

// processWhole is ProcessBatch's first try: one transaction, no savepoint.
func (s *Store) processWhole(ctx context.Context, inboxIDs []int64,
	fn func(i int, tx *Tx) error) ([]error, error) {
	t, err := s.beginBatch(ctx)
	if err != nil {
		return nil, err
	}
	defer t.tx.raw.Rollback()
	marked, err := t.markProcessed(ctx, inboxIDs)
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(inboxIDs))
	for i, id := range inboxIDs {
		if !marked[id] {
			errs[i] = ErrProcessed
			continue
		}
		if err := t.applyMarked(ctx, id, func(tx *Tx) error { return fn(i, tx) }); err != nil {
			return nil, fmt.Errorf("%w: %w", errOneFailed, err)
		}
	}
	if err := t.flushMessages(ctx); err != nil { // one of them, not the batch
		return nil, fmt.Errorf("%w: %w", errOneFailed, err)
	}
	if err := t.commit(ctx); err != nil {
		return nil, err
	}
	s.committed(t.changed)
	return errs, nil
}

// qMarkManyProcessed marks a JSON array of inbox ids processed, and returns
// those that were not already.
const qMarkManyProcessed = `UPDATE inbox SET processed_at = ?, attempts = attempts + 1
	WHERE id IN (SELECT CAST(value AS BIGINT) FROM json_each(?)) AND processed_at IS NULL RETURNING id`

// markProcessed marks inbox rows processed in one statement and returns
// those it marked (the others were processed already).
func (t *Tx) markProcessed(ctx context.Context, inboxIDs []int64) (map[int64]bool, error) {
	list, err := json.Marshal(inboxIDs)
	if err != nil {
		return nil, err
	}
	rows, err := t.tx.query(ctx, qMarkManyProcessed, ms(t.now), string(list))
	if err != nil {
		return nil, fmt.Errorf("process inbox: %w", err)
	}
	defer rows.Close()
	marked := make(map[int64]bool, len(inboxIDs))
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("process inbox: %w", err)
		}
		marked[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("process inbox: %w", err)
	}
	return marked, nil
}

// Savepoints runs fn n times in one transaction, each call in its own
// savepoint: a failing call is rolled back alone and its error returned in
// errs, the others commit together. err is set only when the whole
// transaction failed.
func (s *Store) Savepoints(ctx context.Context, n int, fn func(i int, tx *Tx) error) (errs []error, err error) {
	t, err := s.beginBatch(ctx)
	if err != nil {
		return nil, err
	}
	defer t.tx.raw.Rollback()
	tx := t.tx.raw // the savepoints' statements: after the item's messages (see pending.go)
	errs = make([]error, n)
	if n > 0 {
		if _, err := tx.ExecContext(ctx, `SAVEPOINT item`); err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
	}
	for i := 0; i < n; i++ {
		mark, seenMark, changed := len(t.fts), len(t.seen), t.changed
		errs[i] = fn(i, t)
		if errs[i] == nil { // its new messages, within its savepoint
			errs[i] = t.flushMessages(ctx)
		}
		var end sqlText = `RELEASE item`
		if errs[i] != nil {
			end = `ROLLBACK TO item; RELEASE item`
			// Undo what the rolled-back item gathered and marked.
			t.fts, t.seen, t.changed = t.fts[:mark], t.seen[:seenMark], changed
			t.priv = nil // it may have paused or forgotten someone
			t.pending, t.flushErr = nil, nil
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
	return t.applyMarked(ctx, inboxID, fn)
}

// applyMarked applies fn for a row just marked processed: a row whose
// event carried words the store must not keep is emptied.
func (t *Tx) applyMarked(ctx context.Context, inboxID int64, fn func(*Tx) error) error {
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
