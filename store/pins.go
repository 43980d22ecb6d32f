package store

import (
	"context"
	"fmt"
	"time"
)

// Pin records that a message of a channel is pinned, unless its unpinning
// at or after that time is known (Slack may deliver it first). Pinned
// again, it is dated by the latest pin.
func (t *Tx) Pin(ctx context.Context, channel, ts, by string, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO pins(channel_id, message_ts, pinned_by, pinned_at)
		SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM pin_removals
			WHERE channel_id = ?1 AND message_ts = ?2 AND removed_at >= ?4)
		ON CONFLICT(channel_id, message_ts) DO UPDATE SET pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at
		WHERE excluded.pinned_at > pins.pinned_at
			OR excluded.pinned_at = pins.pinned_at AND excluded.pinned_by > pins.pinned_by`,
		channel, ts, by, ms(at))
	if err != nil {
		return fmt.Errorf("pin %s/%s: %w", channel, ts, err)
	}
	return nil
}

// Unpin forgets a pin made before at, and remembers the unpinning so that
// a pin delivered after it but made before it stays undone. An unpinning
// of unknown time is dated when it is recorded.
func (t *Tx) Unpin(ctx context.Context, channel, ts string, at time.Time) error {
	if at.IsZero() {
		at = t.now
	}
	if _, err := t.exec(ctx, `INSERT INTO pin_removals(channel_id, message_ts, removed_at) VALUES (?1, ?2, ?3)
		ON CONFLICT(channel_id, message_ts) DO UPDATE SET removed_at = excluded.removed_at
		WHERE excluded.removed_at > pin_removals.removed_at`, channel, ts, ms(at)); err != nil {
		return fmt.Errorf("unpin %s/%s: %w", channel, ts, err)
	}
	if _, err := t.exec(ctx, `DELETE FROM pins WHERE channel_id = ? AND message_ts = ? AND pinned_at <= ?`,
		channel, ts, ms(at)); err != nil {
		return fmt.Errorf("unpin %s/%s: %w", channel, ts, err)
	}
	return nil
}

// PinnedMessage is a pinned message with its text.
type PinnedMessage struct {
	ChannelID, TS, UserID, Text string
	PinnedAt                    time.Time
}

// Pinned returns the messages of channels pinned by at, still in the
// store and not deleted, most recently pinned first, at most limit.
func (s *Store) Pinned(ctx context.Context, channels []string, at time.Time, limit int) ([]PinnedMessage, error) {
	if len(channels) == 0 || limit <= 0 {
		return nil, nil
	}
	args := make([]any, 0, len(channels)+2)
	for _, ch := range channels {
		args = append(args, ch)
	}
	args = append(args, ms(at), limit)
	rows, err := s.r.QueryContext(ctx, string(`
		SELECT p.channel_id, p.message_ts, m.user_id, m.text, p.pinned_at
		FROM pins p JOIN messages m ON m.channel_id = p.channel_id AND m.ts = p.message_ts
		WHERE p.channel_id IN (`+inList(len(channels))+`) AND p.pinned_at <= ?
		AND m.deleted = 0 AND m.text <> ''
		ORDER BY p.pinned_at DESC, p.channel_id, p.message_ts
		LIMIT ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("pinned: %w", err)
	}
	defer rows.Close()
	var out []PinnedMessage
	for rows.Next() {
		var p PinnedMessage
		var at int64
		if err := rows.Scan(&p.ChannelID, &p.TS, &p.UserID, &p.Text, &at); err != nil {
			return nil, fmt.Errorf("pinned: %w", err)
		}
		p.PinnedAt = time.UnixMilli(at).UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}
