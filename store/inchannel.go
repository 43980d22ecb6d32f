package store

import (
	"context"
	"fmt"
	"time"
)

// RecentShape counts the n latest messages of a channel before ts and the
// thread replies among them: the period bot/inchannel reads to tell whether
// the channel answered in the channel at a question (the (channel_id, ts)
// key reads them).
func (s *Store) RecentShape(ctx context.Context, channel, ts string, n int) (messages, replies int, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE reply) FROM (
			SELECT thread_ts <> '' AND thread_ts <> ts AS reply FROM messages
			WHERE channel_id = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT ?3) AS recent`, channel, ts, n).Scan(&messages, &replies)
	if err != nil {
		return 0, 0, fmt.Errorf("recent shape of %s: %w", channel, err)
	}
	return messages, replies, nil
}

// TopLevelAfter returns a channel's top-level messages after ts posted by
// until, oldest first, their texts capped as ScanChannel's: what may answer
// a question in the channel.
func (s *Store) TopLevelAfter(ctx context.Context, channel, ts string, until time.Time) ([]ChannelMessage, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT ts, thread_ts, user_id, substr(text, 1, ?4), subtype, is_bot, deleted,
			posted_at
		FROM messages WHERE channel_id = ?1 AND ts > ?2 AND posted_at <= ?3 AND (thread_ts = '' OR thread_ts = ts)
		ORDER BY ts`, channel, ts, ms(until), MaxTextChars)
	if err != nil {
		return nil, fmt.Errorf("messages after %s/%s: %w", channel, ts, err)
	}
	defer rows.Close()
	var out []ChannelMessage
	err = scanChannelRows(rows, func(m ChannelMessage) error { out = append(out, m); return nil })
	return out, err
}
