package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// The latest fitted ranking is read back; the ten latest are kept.
func TestExpertModels(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.LatestExpertModel(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound before any fit", err)
	}
	at := time.Date(2026, 12, 6, 3, 15, 0, 0, time.UTC)
	for i := range 12 {
		m := ExpertModel{FittedAt: at.Add(time.Duration(i) * 7 * 24 * time.Hour), JSON: fmt.Sprintf(`{"n": %d}`, i)}
		if err := s.SaveExpertModel(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	m, err := s.LatestExpertModel(ctx)
	if err != nil || m.JSON != `{"n": 11}` || !m.FittedAt.Equal(at.Add(11*7*24*time.Hour)) {
		t.Fatalf("got %+v, %v", m, err)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM expert_models`).Scan(&n); err != nil || n != keptModels {
		t.Fatalf("got %d models kept, %v; want %d", n, err, keptModels)
	}
}
