package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"praxis/internal/pgtest"
)

// copySource writes a SQLite store holding a row in every table Copy
// copies, through the store's own methods (see seed) but for scrub_due,
// which the background scrubber empties: it is written last, store
// reopened, so that no scrub is under way. It returns the store, reopened.
func copySource(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "praxis.db")
	c := &clock{t: t0}
	s, err := Open(ctx, path, Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.AddCommunities(ctx, []Community{{Name: "Security", Language: "fr", Timezone: "Europe/Paris",
		Channels: map[string]string{"C1": "security", "C2": "ops"}}})
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s, "UA", "UB")
	fillTheRest(t, s, c)
	if _, err := s.Scrub(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path, Options{Now: c.now}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.w.ExecContext(ctx, `INSERT INTO scrub_due(id, generation, full_text, since) VALUES (1, 3, 1, ?)`,
		ms(t0)); err != nil {
		t.Fatal(err)
	}
	for _, tb := range copyTables {
		if n, err := countRows(ctx, s.r, tb.name); err != nil || n == 0 {
			t.Fatalf("the source's %s holds %d rows (%v): the test would not see it copied", tb.name, n, err)
		}
	}
	return s
}

// fillTheRest adds what seed does not: a deleted message, renames, unpins,
// preferences, a back-fill checkpoint, members paused, resumed and
// forgotten, a job run, a fitted model and a retention mark.
func fillTheRest(t *testing.T, s *Store, c *clock) {
	t.Helper()
	ctx := context.Background()
	for _, m := range []string{"UF", "UP", "UQ"} {
		if err := s.PutMember(ctx, Member{ID: m, Name: "member " + m}); err != nil {
			t.Fatal(err)
		}
	}
	batch(t, s, func(tx *Tx) error {
		_, perr := tx.Pause(ctx, "UP")
		_, qerr := tx.Pause(ctx, "UQ")
		return errors.Join(perr, qerr,
			tx.PutMessage(ctx, posted("C2", "UA", "helm charts for zebraUA clusters", t0.Add(3*time.Hour))),
			tx.PutMessage(ctx, posted("C2", "UF", "zebraUF said this", t0.Add(3*time.Hour+time.Minute))),
			tx.PutMessage(ctx, posted("C2", "UB", "soon deleted zebraUB", t0.Add(4*time.Hour))),
			tx.DeleteMessage(ctx, "C2", slackTS(t0.Add(4*time.Hour)), t0.Add(5*time.Hour)),
			tx.Unpin(ctx, "C1", slackTS(t0), t0.Add(2*time.Hour)),
			tx.SetLanguage(ctx, "UA", "fr"),
			tx.SetBackfill(ctx, Checkpoint{ChannelID: "C1", DoneUntil: slackTS(t0)}),
			tx.RenameChannel(ctx, "C1", "security-team", t0.Add(time.Hour)))
	})
	c.set(t0.Add(6 * time.Hour))
	batch(t, s, func(tx *Tx) error { _, err := tx.Resume(ctx, "UP"); return err })
	if _, err := s.Forget(ctx, "UF"); err != nil {
		t.Fatal(err)
	}
	run, ok, err := s.ClaimJobRun(ctx, RunClaim{Job: "digest", Period: "2025-W10", ScheduledAt: t0})
	if err != nil || !ok {
		t.Fatalf("claim: %v, %v", ok, err)
	}
	if err := s.FinishJobRun(ctx, run, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveExpertModel(ctx, ExpertModel{FittedAt: t0, JSON: `{"weights":[1,2]}`}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EraseBefore(ctx, t0.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
}

// copyTarget opens an empty PostgreSQL store of its own.
func copyTarget(t *testing.T) *Store {
	t.Helper()
	s, err := OpenPostgres(context.Background(), pgtest.Database(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// sameTables fails t unless every table Copy copies holds the same rows on
// both sides.
func sameTables(t *testing.T, src, dst *Store) {
	t.Helper()
	for _, tb := range copyTables {
		a, b := tableRows(t, src, tb), tableRows(t, dst, tb)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("%s differs (-source +target):\n%s", tb.name, diff)
		}
	}
}

// tableRows are a table's rows, as text, sorted.
func tableRows(t *testing.T, s *Store, tb copyTable) []string {
	t.Helper()
	rows, err := s.r.QueryContext(context.Background(), string(`SELECT `+tb.cols()+` FROM `+tb.name))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		row := make([]any, len(tb.columnNames()))
		if err := rows.Scan(pointers(row)...); err != nil {
			t.Fatal(err)
		}
		for i, v := range row {
			if b, ok := v.([]byte); ok {
				row[i] = string(b)
			}
		}
		out = append(out, fmt.Sprintf("%#v", row))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
