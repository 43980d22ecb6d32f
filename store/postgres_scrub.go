package store

import (
	"context"
	"fmt"
	"time"
)

// Erasure on PostgreSQL (docs/postgres.md). An erased row's old version
// stays in its table's pages until VACUUM prunes it, and in the WAL until
// a checkpoint lets its segments be recycled; PostgreSQL does not zero what
// it frees, so Praxis promises less than on SQLite: the scrub VACUUMs the
// tables erasures write to, then, when the store's role may, runs a
// CHECKPOINT. Backups and WAL archives keep what they hold for as long as
// the operator keeps them.

// qScrubVacuum vacuums the tables whose rows an erasure blanks or deletes.
// VACUUM runs outside any transaction, a table at a time.
const qScrubVacuum = `VACUUM messages, messages_fts, reactions, resources, inbox, outbox, expert_queries,
	members, channel_members, membership_events, questions, pins, skills, nudges`

// qMayCheckpoint says whether the store's role may run CHECKPOINT
// (superuser, or pg_checkpoint from PostgreSQL 15).
const qMayCheckpoint = `SELECT rolsuper OR pg_has_role(current_user, 'pg_checkpoint', 'MEMBER')
	FROM pg_roles WHERE rolname = current_user`

// vacuumErased is Scrub's work on PostgreSQL.
func (s *Store) vacuumErased(ctx context.Context, sc *Scrubbed) error {
	start := time.Now()
	_, err := s.w.ExecContext(ctx, qScrubVacuum)
	sc.Vacuum += sc.step(start)
	if err != nil {
		return fmt.Errorf("scrub vacuum: %w", err)
	}
	var may bool
	if err := s.w.QueryRowContext(ctx, qMayCheckpoint).Scan(&may); err != nil {
		return fmt.Errorf("scrub checkpoint: %w", err)
	}
	if !may {
		return nil
	}
	start = time.Now()
	_, err = s.w.ExecContext(ctx, `CHECKPOINT`)
	sc.Checkpoint += sc.step(start)
	if err != nil {
		return fmt.Errorf("scrub checkpoint: %w", err)
	}
	return nil
}
