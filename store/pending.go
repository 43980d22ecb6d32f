package store

import (
	"context"
	"database/sql"
	"fmt"
)

// New messages of a batch of events, written in one statement on
// PostgreSQL. Each statement there is a round trip to the server; recording
// a message was one of its own. In a batch (ProcessBatch), PutMessage keeps a
// message it believes new (see Tx.lastNew) and the transaction inserts those
// waiting in one statement before it sends any other, and before it commits:
// every statement still sees the writes made before it, in their order. A
// message found to exist already takes PutMessage's path for a known one.

// pendingMsg is a new message waiting to be inserted: its row as PutMessage
// prepared it.
type pendingMsg struct {
	m    Message
	text string
}

// txConn is a transaction's connection: a statement sent on it first
// inserts the messages waiting (see Tx.flushMessages).
type txConn struct {
	raw *sql.Tx
	t   *Tx
}

// exec runs a statement after the messages waiting.
func (c txConn) exec(ctx context.Context, q sqlText, args ...any) (sql.Result, error) {
	if err := c.t.flushMessages(ctx); err != nil {
		return nil, err
	}
	return c.raw.ExecContext(ctx, string(q), args...)
}

// query runs a query after the messages waiting.
func (c txConn) query(ctx context.Context, q sqlText, args ...any) (*sql.Rows, error) {
	if err := c.t.flushMessages(ctx); err != nil {
		return nil, err
	}
	return c.raw.QueryContext(ctx, string(q), args...)
}

// queryRow runs a one-row query after the messages waiting. An insert that
// failed has aborted the transaction: the query fails with it, and the
// commit says why (Tx.flushErr).
func (c txConn) queryRow(ctx context.Context, q sqlText, args ...any) *sql.Row {
	c.t.flushMessages(ctx)
	return c.raw.QueryRowContext(ctx, string(q), args...)
}

// qNewMessages inserts the messages waiting, given as arrays, on
// PostgreSQL; a message already stored is skipped.
const qNewMessages = `INSERT INTO messages
	(channel_id, ts, thread_ts, user_id, text, subtype, is_bot, edited_ts, deleted, posted_at, erased)
	SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),
		CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]),
		CAST(? AS BIGINT[]), CAST(? AS BIGINT[]))
	ON CONFLICT(channel_id, ts) DO NOTHING RETURNING id, channel_id, ts`

// flushMessages inserts the messages waiting, in one statement; those
// found stored already take PutMessage's path for a known message. Its
// first error stays the transaction's (flushErr).
func (t *Tx) flushMessages(ctx context.Context) error {
	if len(t.pending) == 0 || t.flushErr != nil {
		return t.flushErr
	}
	pending := t.pending
	t.pending = nil
	ids, err := t.insertMessages(ctx, pending)
	if err != nil {
		t.flushErr = fmt.Errorf("put messages: %w", err)
		return t.flushErr
	}
	put := t.put // the last PutMessage's, unless its message was stored already
	for i, p := range pending {
		if ids[i] != 0 {
			t.indexNew(ids[i], p.m)
			continue
		}
		t.lastNew = false
		if err := t.putKnown(ctx, p.m); err != nil {
			t.flushErr = err
			return err
		}
		if i == len(pending)-1 {
			put = t.put
		}
	}
	t.put = put
	return nil
}

// insertMessages inserts pending and returns each one's id, 0 for one
// stored already (a second copy among them included).
func (t *Tx) insertMessages(ctx context.Context, pending []pendingMsg) ([]int64, error) {
	n := len(pending)
	channel, ts, thread, user, text := make([]string, n), make([]string, n), make([]string, n), make([]string, n),
		make([]string, n)
	subtype, edited := make([]string, n), make([]string, n)
	isBot, deleted, posted, erased := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	for i, p := range pending {
		m := p.m
		channel[i], ts[i], thread[i], user[i], text[i] = m.ChannelID, m.TS, m.ThreadTS, m.UserID, p.text
		subtype[i], edited[i], posted[i] = m.Subtype, m.EditedTS, ms(m.PostedAt)
		isBot[i], deleted[i], erased[i] = boolInt(m.IsBot), boolInt(m.Deleted), boolInt(m.Erased)
	}
	rows, err := t.tx.raw.QueryContext(ctx, qNewMessages, channel, ts, thread, user, text, subtype, isBot, edited,
		deleted, posted, erased)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	inserted := map[MessageRef]int64{}
	for rows.Next() {
		var id int64
		var ref MessageRef
		if err := rows.Scan(&id, &ref.ChannelID, &ref.TS); err != nil {
			return nil, err
		}
		inserted[ref] = id
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ids := make([]int64, n)
	for i, p := range pending {
		ref := MessageRef{withoutNUL(p.m.ChannelID), withoutNUL(p.m.TS)} // as stored (see pgConn)
		ids[i] = inserted[ref]
		delete(inserted, ref) // a second copy is the first one, stored
	}
	return ids, nil
}

// boolInt is a bool as the store writes it.
func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
