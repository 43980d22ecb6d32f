package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ExpertModel is a ranking that expert finding fitted on the workspace's
// history: the engine's JSON and when it was fitted.
type ExpertModel struct {
	FittedAt time.Time
	JSON     string
}

// keptModels is how many fitted rankings are kept.
const keptModels = 10

// SaveExpertModel stores a fitted ranking; the keptModels latest stay.
func (s *Store) SaveExpertModel(ctx context.Context, m ExpertModel) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save expert model: %w", err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO expert_models(fitted_at, model) VALUES (?, ?)`, ms(m.FittedAt), m.JSON)
	if err != nil {
		return fmt.Errorf("save expert model: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM expert_models WHERE id NOT IN
		(SELECT id FROM expert_models ORDER BY id DESC LIMIT ?)`, keptModels); err != nil {
		return fmt.Errorf("save expert model: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save expert model: %w", err)
	}
	return nil
}

// LatestExpertModel returns the ranking fitted last, or ErrNotFound.
func (s *Store) LatestExpertModel(ctx context.Context) (ExpertModel, error) {
	var m ExpertModel
	var at int64
	row := s.r.QueryRowContext(ctx, `SELECT fitted_at, model FROM expert_models ORDER BY id DESC LIMIT 1`)
	err := row.Scan(&at, &m.JSON)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	if err != nil {
		return m, fmt.Errorf("expert model: %w", err)
	}
	m.FittedAt = fromMS(at)
	return m, nil
}
