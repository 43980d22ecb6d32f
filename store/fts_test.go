package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// put records messages in one batch.
func put(t *testing.T, s *Store, ms ...Message) {
	t.Helper()
	err := s.Batch(context.Background(), func(tx *Tx) error {
		for _, m := range ms {
			if err := tx.PutMessage(context.Background(), m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func msg(ts, text string) Message {
	return Message{ChannelID: "C1", TS: ts, UserID: "U1", Text: text, PostedAt: time.Unix(1700000000, 0)}
}

// found returns the ts of what Search finds, best first.
func found(t *testing.T, s *Store, query string) []string {
	t.Helper()
	ms, err := s.Search(context.Background(), query, 10)
	if err != nil {
		t.Fatalf("search %q: %v", query, err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.TS)
	}
	return out
}

func TestSearchStemsEnglishAndFrench(t *testing.T) {
	s := openTest(t)
	put(t, s,
		msg("1.1", "Les déploiements sont bloqués depuis ce matin"),
		msg("1.2", "Who runs the on-call rotation this week?"),
		msg("1.3", "la base de donnees est pleine"),
		msg("1.4", "Gardening tips for the weekend"),
		msg("1.5", "deployment notes: we deployed twice, deploying again tomorrow"),
	)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"déployer", []string{"1.1", "1.5"}}, // French infinitive → plural noun (and, folded, English "deploy")
		{"deploiement", []string{"1.1"}},     // without accents
		{"running", []string{"1.2"}},         // English inflection
		{"données", []string{"1.3"}},         // accents in the query, none in the text
		{"deploy", []string{"1.5"}},          // English stems: deployment, deployed, deploying
		{`"the" OR NEAR(`, nil},              // stop words and syntax only: nothing, no error
		{"rotation runs", []string{"1.2"}},   // several words: OR
		{"gardening déploiement", []string{"1.1", "1.4"}},
	} {
		got := found(t, s, tc.query)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("search %q: got %v, want %v", tc.query, got, tc.want)
		}
	}
}

func TestSearchRanksBestFirst(t *testing.T) {
	s := openTest(t)
	var ms []Message
	for i := range 20 {
		ms = append(ms, msg(fmt.Sprintf("2.%02d", i), "weekly sync notes about budgets"))
	}
	ms = append(ms,
		msg("3.1", "certificate rotation: rotate certificates, then rotate the keys"),
		msg("3.2", "we should rotate it someday, with the other chores of the quarter"))
	put(t, s, ms...)
	if got := found(t, s, "rotation"); !slices.Equal(got, []string{"3.1", "3.2"}) {
		t.Fatalf("got %v, want the message about rotation first", got)
	}
}

// A rare word weighs more than a common one (bm25's inverse document
// frequency), on both databases: the message naming the rare word once
// comes before the one repeating the common word.
func TestSearchWeighsRareWords(t *testing.T) {
	s := openTest(t)
	var ms []Message
	for i := range 20 {
		ms = append(ms, msg(fmt.Sprintf("2.%02d", i), "weekly budgets review"))
	}
	ms = append(ms,
		msg("3.1", "budgets, budgets and more budgets for the quarter"),
		msg("3.2", "certificate rotation is due for the quarter"))
	put(t, s, ms...)
	if got := found(t, s, "rotation budgets"); len(got) < 2 || got[0] != "3.2" || got[1] != "3.1" {
		t.Fatalf("got %v, want 3.2 (the rare word) then 3.1", got)
	}
}

func TestFullTextFollowsEditsAndDeletions(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	put(t, s, msg("1.1", "the pipeline is broken"), msg("1.2", "ok"), msg("1.3", "the"))
	if got := found(t, s, "pipelines"); !slices.Equal(got, []string{"1.1"}) {
		t.Fatalf("got %v before the edit", got)
	}
	edit := msg("1.1", "the build is green again")
	edit.EditedTS = "2.0"
	put(t, s, edit)
	if got := found(t, s, "pipeline"); len(got) != 0 {
		t.Fatalf("got %v for the old text after the edit, want nothing", got)
	}
	if got := found(t, s, "builds"); !slices.Equal(got, []string{"1.1"}) {
		t.Fatalf("got %v for the new text after the edit", got)
	}
	// A message of stop words only gains terms when edited.
	edit = msg("1.3", "the deadline moved")
	edit.EditedTS = "2.1"
	put(t, s, edit)
	del := func(tx *Tx) error { return tx.DeleteMessage(ctx, "C1", "1.1", time.Unix(1700000000, 0)) }
	if err := s.Batch(ctx, del); err != nil {
		t.Fatal(err)
	}
	if got := found(t, s, "build"); len(got) != 0 {
		t.Fatalf("got %v after the deletion, want nothing", got)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Fatal(err)
	}
	// The row-deletion trigger keeps the index in step when a row goes.
	if _, err := s.w.ExecContext(ctx, `DELETE FROM messages WHERE ts = '1.3'`); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestPrecomputedTermsAreUsed(t *testing.T) {
	s := openTest(t)
	m := msg("1.1", "kubernetes upgrade")
	m.Terms = "kubernet upgrad"
	put(t, s, m)
	if got := found(t, s, "upgrades"); !slices.Equal(got, []string{"1.1"}) {
		t.Fatalf("got %v", got)
	}
	if err := s.CheckFullText(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestMigrationReindexes opens a database of the previous schema, whose
// index held raw text, and checks that the upgrade fills the new index.
func TestMigrationReindexes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations
		(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for v, name := range []string{"0001_init.sql", "0002_backfill.sql", "0003_fts_explicit.sql"} {
		body, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (?, ?, 0)`, v+1, name); err != nil {
			t.Fatal(err)
		}
	}
	for i, text := range []string{"Les déploiements sont bloqués", "", "who runs the rotation?"} {
		res, err := db.Exec(`INSERT INTO messages(channel_id, ts, text, deleted, posted_at) VALUES ('C1', ?, ?, ?, 0)`,
			fmt.Sprintf("1.%d", i), text, text == "")
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if _, err := db.Exec(`INSERT INTO messages_fts(rowid, text) VALUES (?, ?)`, id, text); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := found(t, s, "déployer"); !slices.Equal(got, []string{"1.0"}) {
		t.Errorf("got %v after the upgrade, want the old French message", got)
	}
	if got := found(t, s, "running"); !slices.Equal(got, []string{"1.2"}) {
		t.Errorf("got %v after the upgrade, want the old English message", got)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Fatal(err)
	}
	var cols string
	row := s.r.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = 'messages_fts'`)
	if err := row.Scan(&cols); err != nil || !strings.Contains(cols, "contentless_delete") {
		t.Fatalf("got %q, %v", cols, err)
	}
}
