package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ChannelThread is one thread of a channel as ScanThreads reads it: a
// top-level message and its replies.
type ChannelThread struct {
	Key     string          // the thread's ts: its parent's
	Parent  *ChannelMessage // nil when the parent is not recorded (history that starts mid-thread)
	Replies []ChannelMessage
	// Dropped counts the replies past what ScanThreads holds.
	Dropped int
}

// ScanThreads calls fn with every thread of a channel in the order of
// their ts, a top-level message on its own being a thread without
// replies. It holds one thread at a time, and of its replies (oldest
// first) about maxBytes at most, each costing its text and
// replyOverhead: reading a channel costs what its largest thread costs,
// not what the channel holds, however many millions of messages. Texts
// are capped as ScanChannel's.
//
// Two ordered reads are merged: the top-level messages by ts, and the
// replies by thread then ts (the messages_thread index).
func (s *Store) ScanThreads(ctx context.Context, channel string, maxBytes int,
	fn func(ChannelThread) error) error {
	top, err := s.r.QueryContext(ctx, `SELECT ts, thread_ts, user_id, substr(text, 1, ?2), subtype, is_bot, deleted,
			posted_at
		FROM messages WHERE channel_id = ?1 AND (thread_ts = '' OR thread_ts = ts) ORDER BY ts`, channel, MaxTextChars)
	if err != nil {
		return fmt.Errorf("scan threads of %s: %w", channel, err)
	}
	defer top.Close()
	replies, err := s.r.QueryContext(ctx, `SELECT ts, thread_ts, user_id, substr(text, 1, ?2), subtype, is_bot, deleted,
			posted_at
		FROM messages WHERE channel_id = ?1 AND thread_ts <> '' AND thread_ts <> ts ORDER BY thread_ts, ts`,
		channel, MaxTextChars)
	if err != nil {
		return fmt.Errorf("scan threads of %s: %w", channel, err)
	}
	defer replies.Close()
	a, b := rowCursor{rows: top}, rowCursor{rows: replies}
	if err := a.next(); err != nil {
		return err
	}
	if err := b.next(); err != nil {
		return err
	}
	for a.ok || b.ok {
		var t ChannelThread
		switch {
		case a.ok && (!b.ok || a.m.TS <= b.m.ThreadTS):
			parent := a.m
			t.Key, t.Parent = parent.TS, &parent
			if err := a.next(); err != nil {
				return err
			}
		default: // replies whose parent is not recorded
			t.Key = b.m.ThreadTS
		}
		held := 0
		for b.ok && b.m.ThreadTS == t.Key {
			if held += len(b.m.Text) + replyOverhead; held <= maxBytes {
				t.Replies = append(t.Replies, b.m)
			} else {
				t.Dropped++
			}
			if err := b.next(); err != nil {
				return err
			}
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}

// replyOverhead is about what a reply held costs besides its text.
const replyOverhead = 160

// rowCursor reads ChannelMessage rows one at a time.
type rowCursor struct {
	rows *sql.Rows
	m    ChannelMessage
	ok   bool
}

func (c *rowCursor) next() error {
	if c.ok = c.rows.Next(); !c.ok {
		return c.rows.Err()
	}
	var posted int64
	c.m = ChannelMessage{}
	m := &c.m
	if err := c.rows.Scan(&m.TS, &m.ThreadTS, &m.UserID, &m.Text, &m.Subtype, &m.IsBot, &m.Deleted, &posted); err != nil {
		return fmt.Errorf("scan messages: %w", err)
	}
	c.m.PostedAt = fromMS(posted)
	return nil
}

// ChannelShape counts a channel's messages and, among them, its thread
// replies (a message whose thread is another's).
func (s *Store) ChannelShape(ctx context.Context, channel string) (messages, replies int, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE thread_ts <> '' AND thread_ts <> ts)
		FROM messages WHERE channel_id = ?`, channel).Scan(&messages, &replies)
	if err != nil {
		return 0, 0, fmt.Errorf("shape of %s: %w", channel, err)
	}
	return messages, replies, nil
}

// RecentThreadsSince returns when the n most recent threads of the mapped
// channels start (the posted_at of the n-th most recent top-level
// message), or the zero time when they hold no more than n: what an
// in-memory index of threads reads to stay within a bounded size.
func (s *Store) RecentThreadsSince(ctx context.Context, n int) (time.Time, error) {
	var total int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM messages`).Scan(&total); err != nil {
		return time.Time{}, fmt.Errorf("recent threads: %w", err)
	}
	if total <= n {
		return time.Time{}, nil
	}
	var at int64
	err := s.r.QueryRowContext(ctx, `SELECT m.posted_at FROM messages m
		JOIN channels ch ON ch.id = m.channel_id AND ch.community_id IS NOT NULL
		WHERE m.thread_ts = '' OR m.thread_ts = m.ts ORDER BY m.posted_at DESC LIMIT 1 OFFSET ?`, n-1).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("recent threads: %w", err)
	}
	return fromMS(at), nil
}
