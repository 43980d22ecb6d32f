package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Outbox statuses.
const (
	OutPending = "pending" // waiting to be sent (or retried)
	OutSending = "sending" // handed to Slack; if found so at start-up the send is in doubt
	OutSent    = "sent"
	OutDead    = "dead" // kept failing; LastError says why
)

// OutMessage is a message Praxis wants to send. Key makes it idempotent: a
// second Enqueue with the same key is ignored.
type OutMessage struct {
	Key       string
	Method    string // "chat.postMessage", "chat.postEphemeral", "chat.update", "views.publish", …
	ChannelID string // channel, or user id for a DM (for views.publish, the Home's owner); never empty
	Payload   string // JSON understood by the poster
}

// OutRow is a stored outbox entry.
type OutRow struct {
	OutMessage
	ID            int64
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	SendingSince  time.Time
	SentChannel   string
	TS            string
	LastError     string
	CreatedAt     time.Time
	SentAt        time.Time
}

const outCols = `id, key, method, channel_id, payload, status, attempts, next_attempt_at,
	sending_since, sent_channel, ts, last_error, created_at, sent_at`

// Enqueue stores a message to send. It reports false when the key was
// already there (nothing is added).
func (s *Store) Enqueue(ctx context.Context, m OutMessage) (bool, error) {
	var added bool
	err := s.Batch(ctx, func(tx *Tx) error {
		var err error
		added, err = tx.Enqueue(ctx, m)
		return err
	})
	return added, err
}

// Enqueue stores a message to send as part of the transaction; once it
// is committed, the store's followers hear of it (the poster, see
// OnCommit).
func (t *Tx) Enqueue(ctx context.Context, m OutMessage) (bool, error) {
	added, err := enqueue(ctx, execFunc(t.exec), m, t.now)
	t.changed.Outbox = t.changed.Outbox || added
	return added, err
}

// EnqueueAll stores messages to send in one transaction and counts those
// that were new (a key already enqueued adds nothing).
func (s *Store) EnqueueAll(ctx context.Context, msgs []OutMessage) (int, error) {
	added := 0
	err := s.Batch(ctx, func(tx *Tx) error {
		added = 0 // a transaction retried counts again
		for _, m := range msgs {
			ok, err := tx.Enqueue(ctx, m)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	return added, err
}

type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// ErrNoChannel is returned by Enqueue for a message addressed to no
// channel: Slack would refuse it (channel_not_found) after it had waited in
// the queue, so it is refused at once, where the caller can see why.
var ErrNoChannel = errors.New("enqueue: a message needs a channel (or a user id for a DM)")

func enqueue(ctx context.Context, db execer, m OutMessage, now time.Time) (bool, error) {
	if m.Key == "" || m.Method == "" {
		return false, fmt.Errorf("enqueue: key and method are required")
	}
	if strings.TrimSpace(m.ChannelID) == "" {
		return false, fmt.Errorf("%w: %s %s", ErrNoChannel, m.Method, m.Key)
	}
	res, err := db.ExecContext(ctx, qEnqueue,
		m.Key, m.Method, m.ChannelID, m.Payload, ms(now), ms(now), Shard(m.ChannelID))
	if err != nil {
		return false, fmt.Errorf("enqueue %s: %w", m.Key, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// DueOutbox returns up to limit pending messages whose next attempt is due,
// oldest first: of the shards this replica holds (see replica.go).
func (s *Store) DueOutbox(ctx context.Context, limit int) ([]OutRow, error) {
	return s.outRows(ctx, `WHERE status = 'pending' AND next_attempt_at <= ? AND `+qHeldShard+`
		ORDER BY next_attempt_at, id LIMIT ?`, ms(s.Now()), s.Shared(), s.replica, limit)
}

// qHeldShard keeps the outbox rows of the shards this replica holds; its
// arguments are s.Shared() and s.replica. SQLite's process holds all.
const qHeldShard = `(? = 0 OR shard IN (SELECT l.shard FROM leases l WHERE l.holder = ?))`

// InDoubtOutbox returns the messages left "sending" by a previous run, or
// by a replica that stopped or is no longer seen, of the shards this
// replica holds: they may or may not have reached Slack. A message this
// replica is sending is not in doubt, unless recording its answer failed.
func (s *Store) InDoubtOutbox(ctx context.Context, ttl time.Duration) ([]OutRow, error) {
	return s.outRows(ctx, `WHERE status = 'sending' AND `+qHeldShard+` AND (sender = ? OR ? = 0
		OR sender NOT IN (SELECT r.id FROM replicas r WHERE r.seen_at >= ?)) ORDER BY id`,
		s.Shared(), s.replica, s.replica, s.Shared(), ms(s.Now())-ttl.Milliseconds())
}

// NextOutboxAttempt returns when the earliest pending message is due, or
// ok=false when nothing is pending.
func (s *Store) NextOutboxAttempt(ctx context.Context) (time.Time, bool, error) {
	var v sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'`).Scan(&v)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next outbox attempt: %w", err)
	}
	return nullTime(v), v.Valid, nil
}

// OutboxByKey returns one outbox entry.
func (s *Store) OutboxByKey(ctx context.Context, key string) (OutRow, error) {
	rows, err := s.outRows(ctx, `WHERE key = ?`, key)
	if err != nil {
		return OutRow{}, err
	}
	if len(rows) == 0 {
		return OutRow{}, ErrNotFound
	}
	return rows[0], nil
}

// OutboxCounts counts entries by status.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT status, count(*) FROM outbox GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("outbox counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("outbox counts: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}

func (s *Store) outRows(ctx context.Context, where sqlText, args ...any) ([]OutRow, error) {
	rows, err := s.r.QueryContext(ctx, string(`SELECT `+outCols+` FROM outbox `+where), args...)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []OutRow
	for rows.Next() {
		var r OutRow
		var next, created int64
		var since, sent sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Key, &r.Method, &r.ChannelID, &r.Payload, &r.Status, &r.Attempts, &next,
			&since, &r.SentChannel, &r.TS, &r.LastError, &created, &sent); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		r.NextAttemptAt, r.CreatedAt = fromMS(next), fromMS(created)
		r.SendingSince, r.SentAt = nullTime(since), nullTime(sent)
		out = append(out, r)
	}
	return out, rows.Err()
}

// MarkSending records that a message is about to be handed to Slack. It is
// written before the call so that a crash during it leaves the message in
// doubt rather than silently pending again. It claims the message for this
// replica: ErrNotFound when another took it first (or it was sent).
func (s *Store) MarkSending(ctx context.Context, id int64) error {
	return s.updateOut(ctx, `UPDATE outbox SET status = 'sending', sending_since = ?, attempts = attempts + 1,
		sender = ? WHERE id = ? AND (status = 'pending' OR status = 'sending' AND (sender = ? OR ? = 0))`,
		ms(s.Now()), s.replica, id, s.replica, s.Shared())
}

// MarkSent records Slack's answer: the channel and ts of the message.
func (s *Store) MarkSent(ctx context.Context, id int64, channel, ts string) error {
	return s.updateOut(ctx, `UPDATE outbox SET status = 'sent', sent_channel = ?, ts = ?, sent_at = ?, last_error = '',
		payload = `+qForgottenPayload+` WHERE id = ?`, channel, ts, ms(s.Now()), id)
}

// MarkRetry puts a message back in the queue for another attempt at next.
func (s *Store) MarkRetry(ctx context.Context, id int64, next time.Time, cause string) error {
	return s.updateOut(ctx, `UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?`,
		ms(next), cause, id)
}

// MarkRerouted sends a message another way from next on (an answer whose
// response_url expired falls back to chat.postEphemeral): its method
// changes for good, so the way that failed is not tried again.
func (s *Store) MarkRerouted(ctx context.Context, id int64, method string, next time.Time, cause string) error {
	return s.updateOut(ctx, `UPDATE outbox SET method = ?, status = 'pending', next_attempt_at = ?, last_error = ?
		WHERE id = ?`, method, ms(next), cause, id)
}

// MarkDead parks a message that kept failing, with the reason.
func (s *Store) MarkDead(ctx context.Context, id int64, cause string) error {
	return s.updateOut(ctx, `UPDATE outbox SET status = 'dead', last_error = ?, payload = `+qForgottenPayload+`
		WHERE id = ?`, cause, id)
}

// qForgottenPayload keeps a message's payload once it is done with, unless
// it names a member who asked to be forgotten while it was being sent.
const qForgottenPayload = `CASE WHEN EXISTS (SELECT 1 FROM forgotten_members f
	WHERE f.member_id = outbox.channel_id OR instr(outbox.payload, f.member_id) > 0) THEN '{}' ELSE payload END`

func (s *Store) updateOut(ctx context.Context, q sqlText, args ...any) error {
	res, err := s.w.ExecContext(ctx, string(q), args...)
	if err != nil {
		return fmt.Errorf("update outbox: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update outbox: %w", ErrNotFound)
	}
	return nil
}
