package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"praxis/internal/dbbytes"
	"praxis/store/terms"
)

// rawFiles is what `strings` finds of the markers in the database's
// files (see dbbytes.Holding).
func rawFiles(t *testing.T, path string, markers ...string) []string {
	t.Helper()
	found, err := dbbytes.Holding(path, markers...)
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// stem is the full-text index's term for a word (lower case), which the
// test checks is not the word itself as the member wrote it.
func stem(t *testing.T, word string) string {
	t.Helper()
	s := terms.Index(word)
	if s == "" || strings.Contains(s, " ") || strings.Contains(word, s) {
		t.Fatalf("terms.Index(%q) = %q: want one term that the raw text does not hold", word, s)
	}
	return s
}

// byteWorld is a store in which U1 wrote words nobody else did, in every
// place Forget erases, and U2 wrote their own.
func byteWorld(t *testing.T) (*Store, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "praxis.db")
	s, err := Open(ctx, path, Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, m := range []Member{
		{
			ID:          "U1",
			Name:        "quillonbert",
			RealName:    "Quillonbert Vandersnoot",
			DisplayName: "quillo",
			Status:      ":boat: Sailing the Zanzibarian coast",
		},
		{ID: "U2", Name: "bob", RealName: "Bob Durand"},
	} {
		if err := s.PutMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	long := strings.Repeat("Xylographers carve Marmalade woodblocks. ", 400) // overflow pages
	batch(t, s, func(tx *Tx) error {
		for i, m := range []Message{
			posted("C1", "U1", "Xylographers love Marmalade", t0),
			posted("C1", "U1", long, t0.Add(time.Second)),
			posted("C1", "U2", "Quokkas prefer the runbook", t0.Add(time.Minute)),
		} {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
			if i == 0 {
				if err := tx.AddResource(ctx, Resource{Kind: "link", URL: "https://example.com/a", Title: "Marmaladeworks handbook",
					UserID: "U1", ChannelID: "C1", MessageTS: m.TS, SharedAt: t0}); err != nil {
					return err
				}
			}
		}
		_, err := tx.AddExpertQuery(ctx, ExpertQuery{
			Asker:     "U1",
			ChannelID: "C1",
			Text:      "who knows Xylographers?",
			Community: "Security",
			Source:    "command",
			AskedAt:   t0,
		})
		return err
	})
	if _, err := s.PutInbox(ctx, []InboxItem{{EventID: "Ev1", Source: "socket",
		Payload: []byte(`{"event":{"user":"U1","text":"Xylographers love Marmalade"}}`)}}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.PendingInbox(ctx, 0, 10)
	if err != nil || len(rows) != 1 {
		t.Fatalf("got %d pending events, %v", len(rows), err)
	}
	if err := s.Process(ctx, rows[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	return s, path
}

// After a member is forgotten, neither their words, nor the index's terms
// of them, nor their profile are anywhere in the database's bytes: not in
// the pages' free space, not in the full-text index's segments, not in the
// log.
func TestForgetErasesTheBytes(t *testing.T) {
	ctx := context.Background()
	s, path := byteWorld(t)
	theirs := []string{"Xylographers", "Marmalade", "Marmaladeworks", stem(t, "Xylographers"), stem(t, "Marmalade"),
		"Quillonbert", "Vandersnoot", "quillo", "Zanzibarian"}
	if got := rawFiles(t, path, theirs...); len(got) < len(theirs) {
		t.Fatalf("before: found only %v: the test would prove nothing", got)
	}
	if _, err := s.Forget(ctx, "U1"); err != nil {
		t.Fatal(err)
	}
	// The store's scrubber started at the commit; Scrub waits for it, or
	// does the work itself.
	if _, err := s.Scrub(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rawFiles(t, path, theirs...); len(got) > 0 {
		t.Errorf("after forget, the bytes still hold:\n%s", strings.Join(got, "\n"))
	}
	if got := rawFiles(t, path, "Quokkas", stem(t, "Quokkas")); len(got) != 2 {
		t.Errorf("got %v, want U2's words and their term kept", got)
	}
	if n := searchHits(t, s, "quokkas"); n != 1 {
		t.Errorf("got %d hits for U2's word, want 1: the merged index lost rows", n)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
	if sc, err := s.Scrub(ctx); err != nil || sc.Due {
		t.Errorf("got %+v, %v; want nothing left to scrub", sc, err)
	}
}

// Retention erases the bytes of what it erased: old messages and their
// terms, old links' labels, old raw events and sent messages.
func TestRetentionErasesTheBytes(t *testing.T) {
	ctx := context.Background()
	s, path := byteWorld(t)
	old := []string{"Xylographers", "Marmalade", "Marmaladeworks", stem(t, "Xylographers"), stem(t, "Marmalade")}
	digest := OutMessage{
		Key:       "d",
		Method:    "chat.postMessage",
		ChannelID: "U2",
		Payload:   `{"text":"Marmaladeworks digest"}`,
	}
	if _, err := s.Enqueue(ctx, digest); err != nil {
		t.Fatal(err)
	}
	o, _ := s.OutboxByKey(ctx, "d")
	if err := s.MarkSent(ctx, o.ID, "D2", "1.1"); err != nil {
		t.Fatal(err)
	}
	if got := rawFiles(t, path, old...); len(got) < len(old) {
		t.Fatalf("before: found only %v: the test would prove nothing", got)
	}
	// U2's message, a minute younger, stays.
	e, err := s.EraseBefore(ctx, t0.Add(30*time.Second))
	if err != nil || e.Messages != 2 || e.Inbox != 1 || e.Outbox != 1 || !e.Scrubbed.Due {
		t.Fatalf("got %+v, %v", e, err)
	}
	if got := rawFiles(t, path, old...); len(got) > 0 {
		t.Errorf("after retention, the bytes still hold:\n%s", strings.Join(got, "\n"))
	}
	if got := rawFiles(t, path, "Quokkas", stem(t, "Quokkas")); len(got) != 2 {
		t.Errorf("got %v, want the recent words and their term kept", got)
	}
}

// A database is created its owner's only, and an existing one (its log
// and shared memory too) is made so; one created before secure erasure is
// made incremental, and the VACUUM that does it drops what deletions left
// in its free space.
func TestOpenOwnerOnlyAndIncremental(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.db")
	s, err := Open(ctx, fresh, Options{})
	if err != nil {
		t.Fatal(err)
	}
	empty := OutMessage{Key: "k", Method: "chat.postMessage", ChannelID: "C1", Payload: `{}`}
	if _, err := s.Enqueue(ctx, empty); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fresh, fresh + "-wal", fresh + "-shm"} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: got %v, %v; want 0600", filepath.Base(p), fi.Mode().Perm(), err)
		}
	}
	if mode := pragmaInt(t, s.w, "auto_vacuum"); mode != 2 {
		t.Errorf("new database: got auto_vacuum %d, want 2 (incremental)", mode)
	}
	s.Close()

	// An old database: default settings, group- and world-readable, with a
	// deleted row's bytes in its free space.
	old := filepath.Join(dir, "old.db")
	db, err := sql.Open("sqlite", "file:"+old+"?_pragma=journal_mode(wal)")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE notes(text TEXT)`,
		`INSERT INTO notes VALUES ('Zymurgical secret')`,
		`DELETE FROM notes`,
		`PRAGMA wal_checkpoint(TRUNCATE)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	for _, p := range []string{old, old + "-wal", old + "-shm"} {
		// the log and shared memory, as another process would leave them
		f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := rawFiles(t, old, "Zymurgical"); len(got) == 0 {
		t.Fatal("before: the deleted row is not in the file: the test would prove nothing")
	}
	s, err = Open(ctx, old, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range []string{old, old + "-wal", old + "-shm"} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: got %v, %v; want 0600", filepath.Base(p), fi.Mode().Perm(), err)
		}
	}
	if mode := pragmaInt(t, s.w, "auto_vacuum"); mode != 2 {
		t.Errorf("old database: got auto_vacuum %d, want 2 (incremental)", mode)
	}
	if got := rawFiles(t, old, "Zymurgical"); len(got) > 0 {
		t.Errorf("after Open, the old file still holds %v", got)
	}
}

func pragmaInt(t *testing.T, db *sql.DB, name string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`PRAGMA ` + name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A scrub's TRUNCATE checkpoint takes its turn with the background
// checkpointer: SQLite does not wait for a checkpoint under way, so
// meeting one would leave the log, and the erased bytes in it, for the
// next retry half a minute later.
func TestScrubTakesTurnsWithTheBackgroundCheckpointer(t *testing.T) {
	ctx := context.Background()
	s, _ := byteWorld(t)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			default:
				s.checkpointBehind(ctx)
			}
		}
	}()
	defer func() { close(done); <-stopped }()
	for i := 0; i < 100; i++ {
		if err := s.PutMember(ctx, Member{ID: "U3", Name: fmt.Sprintf("carol%d", i)}); err != nil {
			t.Fatal(err)
		}
		batch(t, s, func(tx *Tx) error { return tx.scrubDue(ctx, false) })
		sc, err := s.Scrub(ctx)
		if err != nil {
			t.Fatalf("scrub %d: %v", i, err)
		}
		if !sc.Due {
			t.Fatalf("scrub %d had nothing to do: the test would prove nothing", i)
		}
	}
}
