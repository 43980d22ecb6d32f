package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"praxis/internal/pgtest"
	"praxis/store"
)

// TestMigrateCopiesToPostgres runs `praxis migrate --from FILE --to URL` on
// a store `praxis import` wrote: every table counted the same, progress
// lines on stderr (not a terminal), the messages found by a search on
// PostgreSQL; run again, it copies nothing; a target holding other data
// is refused.
func TestMigrateCopiesToPostgres(t *testing.T) {
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "praxis.db")
	export := exportDir(t, map[string]string{
		"general/2024-01-03.json": `[{"type":"message","user":"U01","text":"how do we rotate TLS certificates?",` +
			`"ts":"1704276000.000100","reactions":[{"name":"eyes","users":["U01"],"count":1}]}]`,
		"general/2024-01-04.json": `[{"type":"message","user":"U01","text":"a NUL \u0000 within",` +
			`"ts":"1704362400.000100"}]`,
	})
	if out, err := runCLI(t, nil, "import", "--all-channels", "--db", src, export); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	url := pgtest.Database(t)
	stdout, stderr, err := migrateCLI("--from", src, "--to", url)
	if err != nil {
		t.Fatalf("migrate: %v\n%s%s", err, stdout, stderr)
	}
	for _, want := range []string{"messages                          3          3          3  ok",
		"reactions                         1          1          1  ok", "every table counted the same",
		"copied without the NUL characters they held, which PostgreSQL cannot store: messages 1"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	progress := regexp.MustCompile(`copy: \d+/\d+ messages: 3/3 rows`)
	if strings.Contains(stdout, "DIFFERENT") || !progress.MatchString(stderr) {
		t.Errorf("got stdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	st, err := store.OpenPostgres(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found, err := st.Search(ctx, "rotating certificate", 5)
	st.Close()
	if err != nil || len(found) != 1 || found[0].TS != "1704276000.000100" {
		t.Errorf("search on PostgreSQL: got %v, %v; want the question", found, err)
	}
	stdout, stderr, err = migrateCLI("--from", src, "--to", url)
	if err != nil || !strings.Contains(stdout, "(0 copied by this run)") || stderr != "" {
		t.Errorf("second run: got %v\n%s%s", err, stdout, stderr)
	}
	other := pgtest.Database(t)
	st, err = store.OpenPostgres(ctx, other, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.PutMember(ctx, store.Member{ID: "U99", Name: "someone"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = migrateCLI("--from", src, "--to", other)
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "the target's table members holds 1 rows") {
		t.Errorf("a target holding other data: got %v, want refused", err)
	}
	if _, _, err := migrateCLI("--from", src); exitCode(err) != 2 {
		t.Errorf("no target: got %v, want a usage error", err)
	}
}

// TestMigrateCopyRefusesAnOlderSource: a source at an older schema version
// is refused with the command that upgrades it, and left as it was (opening
// it as a store would have migrated it).
func TestMigrateCopyRefusesAnOlderSource(t *testing.T) {
	ctx := context.Background()
	old := filepath.Join(t.TempDir(), "old.db")
	if out, err := runCLI(t, nil, "migrate", "--db", old); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	conn, err := sql.Open("sqlite", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(`DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`)
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	latest, err := store.SchemaLatest()
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = migrateCLI("--from", old, "--to", pgtest.Database(t))
	want := fmt.Sprintf("is at schema version %d, this praxis at %d: upgrade it first with praxis migrate --db %s",
		latest-1, latest, old)
	if exitCode(err) != 1 || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want refused with %q", err, want)
	}
	if v, err := store.FileSchemaVersion(ctx, old); err != nil || v != latest-1 {
		t.Errorf("the refused source is at schema version %d (%v), want still %d", v, err, latest-1)
	}
}

// migrateCLI runs praxis migrate with args, its outputs apart.
func migrateCLI(args ...string) (stdout, stderr string, err error) {
	var out, errs bytes.Buffer
	err = run(context.Background(), append([]string{"migrate"}, args...), func(string) string { return "" },
		&out, &errs)
	return out.String(), errs.String(), err
}

// TestCopyProgress shows a copy's progress on a clock of its own: not on a
// terminal, a line every 5 seconds within a table and one when a table that
// had rows to copy is done, none for a table found whole; on a terminal, a
// bar redrawn in place and ended with its line.
func TestCopyProgress(t *testing.T) {
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	steps := []struct {
		after time.Duration
		p     store.CopyProgress
	}{
		{0, store.CopyProgress{Table: "communities", Index: 1, Tables: 3, Done: 0, Total: 2}},
		{time.Second, store.CopyProgress{Table: "communities", Index: 1, Tables: 3, Done: 2, Total: 2}},
		{time.Second, store.CopyProgress{Table: "messages", Index: 2, Tables: 3, Done: 0, Total: 100}},
		{2 * time.Second, store.CopyProgress{Table: "messages", Index: 2, Tables: 3, Done: 20, Total: 100}},
		{3 * time.Second, store.CopyProgress{Table: "messages", Index: 2, Tables: 3, Done: 50, Total: 100}},
		{5 * time.Second, store.CopyProgress{Table: "messages", Index: 2, Tables: 3, Done: 100, Total: 100}},
		{0, store.CopyProgress{Table: "pins", Index: 3, Tables: 3, Done: 4, Total: 4}},
	}
	show := func(terminal bool) string {
		var out bytes.Buffer
		now := at
		p := &copyProgress{w: &out, terminal: terminal, now: func() time.Time { return now }}
		for _, s := range steps {
			now = now.Add(s.after)
			p.update(s.p)
		}
		p.end()
		return out.String()
	}
	want := "copy: 1/3 communities: 2/2 rows, 1 rows/s\n" +
		"copy: 2/3 messages: 50/100 rows, 10 rows/s, ETA 5s\n" +
		"copy: 2/3 messages: 100/100 rows, 10 rows/s\n"
	if got := show(false); got != want {
		t.Errorf("not on a terminal: got\n%s\nwant\n%s", got, want)
	}
	got := show(true)
	full := "\r[" + strings.Repeat("█", 30) + "]  2/3 messages           100/100 rows  10/s   \n"
	if !strings.Contains(got, full) || strings.Count(got, "\n") != 2 || strings.Contains(got, "pins") {
		t.Errorf("on a terminal: got %q, want two tables ended, the last with %q", got, full)
	}
}

// TestMigratePostgres migrates a PostgreSQL database named by --db or by
// $PRAXIS_DATABASE_URL, and prints its URL without the password.
func TestMigratePostgres(t *testing.T) {
	u, err := url.Parse(pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "s3cret") // the test clusters trust local connections
	for _, env := range []map[string]string{nil, {"PRAXIS_DATABASE_URL": u.String()}} {
		args := []string{"migrate", "--db", u.String()}
		if env != nil {
			args = args[:1]
		}
		out, err := runCLI(t, env, args...)
		if err != nil || !strings.Contains(out, "up to date") || strings.Contains(out, "s3cret") ||
			!strings.Contains(out, u.Redacted()) {
			t.Errorf("%v: got %q, %v; want the schema up to date, the URL without its password", args, out, err)
		}
	}
}
