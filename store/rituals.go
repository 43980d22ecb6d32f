package store

import (
	"context"
	"fmt"
	"time"
)

// BusiestThreads returns the opening messages of the threads of channels
// that got the most replies from people (not bots) in [since, until), most
// first, at most limit: what a community talked about lately, for the
// question of the week. Deleted or empty openings are left out.
func (s *Store) BusiestThreads(ctx context.Context, channels []string, since, until time.Time,
	limit int) ([]string, error) {
	if len(channels) == 0 || limit <= 0 {
		return nil, nil
	}
	args := []any{ms(since), ms(until)}
	for _, ch := range channels {
		args = append(args, ch)
	}
	args = append(args, limit)
	rows, err := s.r.QueryContext(ctx, string(`
		SELECT p.text FROM (
			SELECT channel_id, thread_ts, count(*) AS n FROM messages
			WHERE posted_at >= ? AND posted_at < ? AND thread_ts <> '' AND ts <> thread_ts
			  AND is_bot = 0 AND deleted = 0 AND channel_id IN (`+inList(len(channels))+`)
			GROUP BY channel_id, thread_ts
		) r
		JOIN messages p ON p.channel_id = r.channel_id AND p.ts = r.thread_ts
		WHERE p.deleted = 0 AND p.text <> ''
		ORDER BY r.n DESC, p.posted_at DESC
		LIMIT ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("busiest threads: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("busiest threads: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// OutboxLatest returns the newest outbox entries whose key starts with
// prefix, newest first, at most limit: what a ritual posted lately.
func (s *Store) OutboxLatest(ctx context.Context, prefix string, limit int) ([]OutRow, error) {
	// The key index serves the range; the prefix's end is the next string.
	return s.outRows(ctx, `WHERE key >= ? AND key < ? ORDER BY id DESC LIMIT ?`, prefix, prefix+"\U0010FFFF", limit)
}
