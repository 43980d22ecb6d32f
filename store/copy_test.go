package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/internal/pgtest"
)

// TestCopyToPostgres copies a SQLite store holding a row in every table
// into PostgreSQL: the tables are equal, a search finds the same messages,
// the full-text index matches the messages, new rows get new ids, and a
// second run copies nothing.
func TestCopyToPostgres(t *testing.T) {
	ctx := context.Background()
	src, dst := copySource(t), copyTarget(t)
	res, err := Copy(ctx, src, dst, CopyOptions{Batch: 3})
	if err != nil {
		t.Fatal(err)
	}
	sameTables(t, src, dst)
	if len(res.Tables) != len(copyTables)+1 {
		t.Errorf("got %d counts, want %d", len(res.Tables), len(copyTables)+1)
	}
	for _, c := range res.Tables {
		if c.Copied != c.Source || c.Source == 0 {
			t.Errorf("%s: copied %d rows of %d, want all", c.Table, c.Copied, c.Source)
		}
	}
	for _, words := range []string{"zebraUA", "helm charts", "rotation of keys", "zebraUB", "zebraUF"} {
		if a, b := searchHitsOf(t, src, words), searchHitsOf(t, dst, words); !slices.Equal(a, b) {
			t.Errorf("search %q: got %v on the target, %v on the source", words, b, a)
		}
	}
	if err := dst.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
	again, err := Copy(ctx, src, dst, CopyOptions{Batch: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range again.Tables {
		if c.Copied != 0 {
			t.Errorf("second run: %s: copied %d rows, want none", c.Table, c.Copied)
		}
	}
	sameTables(t, src, dst)
	before := count(t, dst, `SELECT max(id) FROM messages`)
	batch(t, dst, func(tx *Tx) error {
		return tx.PutMessage(ctx, posted("C1", "UA", "after the move", t0.Add(48*time.Hour)))
	})
	if after := count(t, dst, `SELECT max(id) FROM messages`); after <= before {
		t.Errorf("a new message got id %d, want above the copied %d", after, before)
	}
}

// searchHitsOf are the messages a search finds, by channel and ts, in
// their order.
func searchHitsOf(t *testing.T, s *Store, words string) []string {
	t.Helper()
	ms, err := s.Search(context.Background(), words, 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ChannelID+" "+m.TS)
	}
	return ids
}

// TestCopyResumes interrupts a copy in the middle of the messages, and
// runs it again: it goes on where it stopped and ends with the same rows
// as the source, the full-text index whole.
func TestCopyResumes(t *testing.T) {
	src, dst := copySource(t), copyTarget(t)
	interruptCopy(t, src, dst)
	if n := count(t, dst, `SELECT count(*) FROM messages`); n == 0 || n == count(t, src, `SELECT count(*) FROM messages`) {
		t.Fatalf("the interrupted copy left %d messages, want some but not all", n)
	}
	res, err := Copy(context.Background(), src, dst, CopyOptions{Batch: 2})
	if err != nil {
		t.Fatal(err)
	}
	sameTables(t, src, dst)
	if err := dst.CheckFullText(context.Background()); err != nil {
		t.Error(err)
	}
	for _, c := range res.Tables {
		if c.Table == "communities" && c.Copied != 0 {
			t.Errorf("communities copied again: %d rows", c.Copied)
		}
	}
}

// interruptCopy starts a copy and cancels it once some of the messages
// are copied.
func interruptCopy(t *testing.T, src, dst *Store) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Copy(ctx, src, dst, CopyOptions{Batch: 2, Progress: func(p CopyProgress) {
		if p.Table == "messages" && p.Done > 0 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the copy cancelled", err)
	}
}

// TestCopyReadsOneSnapshot writes to the source while it is copied: the
// copy holds the source as it stood when it began, the counts agreeing;
// run again, it copies what was added since, at the end of its table.
func TestCopyReadsOneSnapshot(t *testing.T) {
	ctx := context.Background()
	src, dst := copySource(t), copyTarget(t)
	before := count(t, src, `SELECT count(*) FROM messages`)
	wrote := false
	_, err := Copy(ctx, src, dst, CopyOptions{Batch: 2, Progress: func(p CopyProgress) {
		if !wrote {
			wrote = true
			batch(t, src, func(tx *Tx) error {
				return tx.PutMessage(ctx, posted("C1", "UA", "written during the copy", t0.Add(72*time.Hour)))
			})
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, dst, `SELECT count(*) FROM messages`); n != before {
		t.Errorf("the copy holds %d messages, want the %d there were when it began", n, before)
	}
	res, err := Copy(ctx, src, dst, CopyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Tables[:len(copyTables)] {
		if want := map[bool]int64{true: 1}[c.Table == "messages"]; c.Copied != want {
			t.Errorf("second run: %s: copied %d rows, want %d", c.Table, c.Copied, want)
		}
	}
	sameTables(t, src, dst)
	if got := searchHitsOf(t, dst, "written during the copy"); len(got) != 1 {
		t.Errorf("search on the target: got %v, want the message written during the first copy", got)
	}
}

// TestCopyRefuses checks that a copy refuses, before writing anything, a
// target holding rows of its own or an interrupted copy whose rows were
// changed since, a source at an older schema, and the wrong kinds of store.
func TestCopyRefuses(t *testing.T) {
	ctx := context.Background()
	refused := func(t *testing.T, src, dst *Store, want string) {
		t.Helper()
		_, err := Copy(ctx, src, dst, CopyOptions{})
		if !errors.Is(err, ErrCopyRefused) || !strings.Contains(err.Error(), want) {
			t.Fatalf("got %v, want refused with %q", err, want)
		}
	}
	t.Run("rows of its own", func(t *testing.T) {
		src, dst := copySource(t), copyTarget(t)
		if err := dst.PutMember(ctx, Member{ID: "UZ", Name: "someone else"}); err != nil {
			t.Fatal(err)
		}
		refused(t, src, dst, "the target's table members holds 1 rows, which are not the source's first")
		if n := count(t, dst, `SELECT count(*) FROM communities`); n != 0 {
			t.Errorf("the refused copy wrote %d communities", n)
		}
	})
	t.Run("an interrupted copy changed since", func(t *testing.T) {
		src, dst := copySource(t), copyTarget(t)
		interruptCopy(t, src, dst)
		if _, err := dst.w.ExecContext(ctx,
			`UPDATE messages SET text = 'changed' WHERE id = (SELECT max(id) FROM messages)`); err != nil {
			t.Fatal(err)
		}
		refused(t, src, dst, "the target's table messages holds")
	})
	t.Run("a row removed since", func(t *testing.T) {
		src, dst := copySource(t), copyTarget(t)
		if _, err := Copy(ctx, src, dst, CopyOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := dst.w.ExecContext(ctx, `DELETE FROM messages WHERE id = 2`); err != nil {
			t.Fatal(err)
		}
		refused(t, src, dst, "the target's table messages already holds a row the source has after the rows copied")
	})
	t.Run("more rows than the source", func(t *testing.T) {
		src, dst := copySource(t), copyTarget(t)
		if _, err := Copy(ctx, src, dst, CopyOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := dst.AddCommunities(ctx, []Community{{Name: "Other"}}); err != nil {
			t.Fatal(err)
		}
		refused(t, src, dst, "the target's table communities holds 2 rows, the source 1")
	})
	t.Run("an older source", func(t *testing.T) {
		src, dst := copySource(t), copyTarget(t)
		if _, err := src.w.ExecContext(ctx, `DELETE FROM schema_migrations
			WHERE version = (SELECT max(version) FROM schema_migrations)`); err != nil {
			t.Fatal(err)
		}
		refused(t, src, dst, "upgrade it first (praxis migrate --db FILE)")
	})
	t.Run("from PostgreSQL", func(t *testing.T) {
		src := copySource(t)
		refused(t, src, src, "from a SQLite store to a PostgreSQL one")
	})
}

// TestCopyTablesAreTheSchema checks that Copy copies every table of both
// schemas but those it leaves on purpose (notCopied) and the full-text
// index, rebuilt. A new table must be added to one or the other.
func TestCopyTablesAreTheSchema(t *testing.T) {
	want := map[string]bool{}
	for _, tb := range copyTables {
		want[string(tb.name)] = true
	}
	for _, s := range []*Store{copySource(t), copyTarget(t)} {
		q := `SELECT name FROM sqlite_master WHERE type = 'table'`
		if s.pg {
			q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
		}
		rows, err := s.r.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			if _, skip := notCopied[name]; !skip && !strings.HasPrefix(name, "messages_fts") &&
				!strings.HasPrefix(name, "sqlite_") {
				got[name] = true
			}
		}
		rows.Close()
		for name := range got {
			if !want[name] {
				t.Errorf("table %s (PostgreSQL: %v) is not copied: add it to copyTables or notCopied", name, s.pg)
			}
		}
		for name := range want {
			if !got[name] {
				t.Errorf("copyTables has %s, which the schema lacks (PostgreSQL: %v)", name, s.pg)
			}
		}
	}
}

// TestCopyCountCheck lets another writer add a member to the target while
// it is copied: the count check says which table differs, and Copy fails.
func TestCopyCountCheck(t *testing.T) {
	ctx := context.Background()
	src, stores := copySource(t), openOn(t, pgtest.Database(t), 2, Options{})
	dst, other := stores[0], stores[1]
	res, err := Copy(ctx, src, dst, CopyOptions{Progress: func(p CopyProgress) {
		if p.Table == "messages" && p.Done == 0 {
			if err := other.PutMember(ctx, Member{ID: "UZ", Name: "written meanwhile"}); err != nil {
				t.Error(err)
			}
		}
	}})
	if !errors.Is(err, ErrCopyCounts) || !strings.Contains(err.Error(), "1 tables differ, the first members") {
		t.Fatalf("got %v, want the count check failed on members", err)
	}
	bad := res.Mismatches()
	if len(bad) != 1 || bad[0].Table != "members" || bad[0].Target != bad[0].Source+1 {
		t.Errorf("got mismatches %+v, want members with one more row on the target", bad)
	}
}

// TestCopyDropsNULs copies a text holding a NUL character, which SQLite
// keeps and PostgreSQL's text cannot: without it, counted; a second run
// finds the table whole, its last row that one.
func TestCopyDropsNULs(t *testing.T) {
	ctx := context.Background()
	src, dst := copySource(t), copyTarget(t)
	batch(t, src, func(tx *Tx) error {
		return tx.PutMessage(ctx, posted("C1", "UA", "nul\x00 in a zebraUA text", t0.Add(96*time.Hour)))
	})
	res, err := Copy(ctx, src, dst, CopyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Tables {
		if want := map[bool]int64{true: 1}[c.Table == "messages"]; c.NULs != want {
			t.Errorf("%s: %d values held NULs, want %d", c.Table, c.NULs, want)
		}
	}
	var text string
	err = dst.r.QueryRowContext(ctx, `SELECT text FROM messages WHERE id = (SELECT max(id) FROM messages)`).Scan(&text)
	if err != nil || text != "nul in a zebraUA text" {
		t.Errorf("got %q, %v; want the text without its NUL", text, err)
	}
	if got := searchHitsOf(t, dst, "nul"); len(got) != 1 {
		t.Errorf("search on the target: got %v, want the message", got)
	}
	again, err := Copy(ctx, src, dst, CopyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range again.Tables {
		if c.Copied != 0 || c.NULs != 0 {
			t.Errorf("second run: %s: copied %d rows, %d with NULs, want none", c.Table, c.Copied, c.NULs)
		}
	}
}

// CopyBefore cuts a copy of the history at an instant, on either database
// (a SQLite file both ways): what came before is there, searchable; what
// came after is not.
func TestCopyBeforeCutsTheHistory(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if err := s.ImportMembers(ctx, []Member{{ID: "U1", Name: "ann"}, {ID: "U2", Name: "bo"}}); err != nil {
		t.Fatal(err)
	}
	cutoff := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	err := s.Batch(ctx, func(tx *Tx) error {
		for i, m := range []Message{
			{ChannelID: "C1", TS: "1.000100", UserID: "U1", Text: "zebra keys rotate", PostedAt: cutoff.Add(-time.Hour)},
			{ChannelID: "C1", TS: "2.000100", UserID: "U2", Text: "quokka certificates", PostedAt: cutoff.Add(time.Hour)},
		} {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
			if err := tx.AddReaction(ctx, Reaction{ChannelID: "C1", MessageTS: m.TS, UserID: "U2", Name: "+1",
				At: m.PostedAt.Add(time.Duration(i) * time.Minute)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	past, err := s.CopyBefore(ctx, t.TempDir(), cutoff)
	if err != nil {
		t.Fatal(err)
	}
	defer past.Close()
	stats, err := past.Stats(ctx)
	if err != nil || stats.Messages != 1 || stats.Reactions != 1 || stats.Members != 2 {
		t.Fatalf("the past holds %+v (%v); want the message before, its reaction, both members", stats, err)
	}
	if found, err := past.Search(ctx, "zebra", 5); err != nil || len(found) != 1 {
		t.Errorf("searching the past for what came before: %d found (%v)", len(found), err)
	}
	if found, err := past.Search(ctx, "quokka", 5); err != nil || len(found) != 0 {
		t.Errorf("searching the past for what came after: %d found (%v)", len(found), err)
	}
}
