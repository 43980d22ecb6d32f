package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Checkpoint is where a channel's back-fill stands.
type Checkpoint struct {
	ChannelID string
	DoneUntil string // every message up to this ts is recorded ("" before the first run)
	RunOldest string // a run in progress fetches what came after this ts ("" when none)
	RunNewest string
	Cursor    string
	PagesDone bool
}

// InProgress reports whether a run was started and not finished.
func (c Checkpoint) InProgress() bool { return c.RunOldest != "" }

// Backfill returns a channel's checkpoint, or ErrNotFound.
func (s *Store) Backfill(ctx context.Context, channel string) (Checkpoint, error) {
	c := Checkpoint{ChannelID: channel}
	err := s.r.QueryRowContext(ctx, `SELECT done_until, run_oldest, run_newest, cursor, pages_done FROM backfill
		WHERE channel_id = ?`, channel).Scan(&c.DoneUntil, &c.RunOldest, &c.RunNewest, &c.Cursor, &c.PagesDone)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("backfill checkpoint %s: %w", channel, err)
	}
	return c, nil
}

// SetBackfill writes a checkpoint in the transaction that recorded the
// messages it accounts for.
func (t *Tx) SetBackfill(ctx context.Context, c Checkpoint) error {
	_, err := t.exec(ctx, `INSERT INTO backfill(channel_id, done_until, run_oldest, run_newest, cursor, pages_done,
			updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(channel_id) DO UPDATE SET done_until = excluded.done_until,
		run_oldest = excluded.run_oldest, run_newest = excluded.run_newest, cursor = excluded.cursor,
		pages_done = excluded.pages_done, updated_at = excluded.updated_at`,
		c.ChannelID, c.DoneUntil, c.RunOldest, c.RunNewest, c.Cursor, c.PagesDone, ms(t.now))
	if err != nil {
		return fmt.Errorf("set backfill %s: %w", c.ChannelID, err)
	}
	return nil
}

// LatestTopLevelTS returns the newest top-level message ts recorded in a
// channel ("" if none): where a history read resumes. Thread replies do not
// count, since the channel's history does not list them.
func (s *Store) LatestTopLevelTS(ctx context.Context, channel string) (string, error) {
	var ts sql.NullString
	row := s.r.QueryRowContext(ctx, `SELECT max(ts) FROM messages
		WHERE channel_id = ? AND (thread_ts = '' OR thread_ts = ts)`, channel)
	if err := row.Scan(&ts); err != nil {
		return "", fmt.Errorf("latest ts %s: %w", channel, err)
	}
	return ts.String, nil
}

// ActiveThreads returns the parents of the threads of a channel that had a
// message posted after since, oldest first.
func (s *Store) ActiveThreads(ctx context.Context, channel string, since time.Time) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT thread_ts FROM messages
		WHERE channel_id = ? AND thread_ts <> '' AND posted_at >= ? ORDER BY thread_ts`, channel, ms(since))
	if err != nil {
		return nil, fmt.Errorf("active threads %s: %w", channel, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var ts string
		if err := rows.Scan(&ts); err != nil {
			return nil, fmt.Errorf("active threads %s: %w", channel, err)
		}
		out = append(out, ts)
	}
	return out, rows.Err()
}
