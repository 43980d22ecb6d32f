package store

import (
	"context"
	"fmt"
)

// Community is a community of practice as configured.
type Community struct {
	ID       int64
	Name     string
	Vocation string
	Language string
	Timezone string
	// Channels maps each resolved channel ID to its name ("" when unknown).
	Channels map[string]string
	// Private holds, for the channels whose kind is known, whether they are
	// private (a channel absent keeps what is recorded).
	Private map[string]bool
}

// SyncCommunities makes the stored communities and their channel mapping
// match the configuration: communities are upserted by name, their channels
// attached, and channels no longer configured are detached (their history
// stays). It returns the communities with their ids.
func (s *Store) SyncCommunities(ctx context.Context, cs []Community) ([]Community, error) {
	return s.putCommunities(ctx, cs, true)
}

// AddCommunities upserts communities and attaches their channels, leaving
// other channels as they are (an import adds to what run configured).
func (s *Store) AddCommunities(ctx context.Context, cs []Community) ([]Community, error) {
	return s.putCommunities(ctx, cs, false)
}

func (s *Store) putCommunities(ctx context.Context, cs []Community, detach bool) ([]Community, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sync communities: %w", err)
	}
	defer tx.Rollback()
	now := ms(s.Now())
	if detach {
		if _, err := tx.ExecContext(ctx, `UPDATE channels SET community_id = NULL, updated_at = ?`, now); err != nil {
			return nil, fmt.Errorf("sync communities: %w", err)
		}
	}
	out := make([]Community, len(cs))
	for i, c := range cs {
		if err := tx.QueryRowContext(ctx, `INSERT INTO communities(name, vocation, language, timezone, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET vocation = excluded.vocation,
			language = excluded.language, timezone = excluded.timezone, updated_at = excluded.updated_at
			RETURNING id`, c.Name, c.Vocation, c.Language, c.Timezone, now).Scan(&c.ID); err != nil {
			return nil, fmt.Errorf("sync community %q: %w", c.Name, err)
		}
		for id, name := range c.Channels {
			private, known := c.Private[id]
			if _, err := tx.ExecContext(ctx, `INSERT INTO channels(id, name, community_id, is_private, updated_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT(id) DO UPDATE SET community_id = excluded.community_id,
				name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE channels.name END,
				is_private = CASE WHEN ? <> 0 THEN excluded.is_private ELSE channels.is_private END,
				updated_at = excluded.updated_at`, id, name, c.ID, private, now, known); err != nil {
				return nil, fmt.Errorf("sync channel %s: %w", id, err)
			}
		}
		out[i] = c
	}
	return out, tx.Commit()
}

// MappedChannels returns every channel attached to a community, by id, with
// the community's name.
func (s *Store) MappedChannels(ctx context.Context) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT ch.id, c.name FROM channels ch
		JOIN communities c ON c.id = ch.community_id`)
	if err != nil {
		return nil, fmt.Errorf("mapped channels: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("mapped channels: %w", err)
		}
		out[id] = name
	}
	return out, rows.Err()
}

// PrivateChannels returns the mapped channels recorded as private.
func (s *Store) PrivateChannels(ctx context.Context) (map[string]bool, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM channels WHERE is_private = 1 AND community_id IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("private channels: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("private channels: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
