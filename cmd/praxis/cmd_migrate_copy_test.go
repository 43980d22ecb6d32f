package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

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
	})
	if out, err := runCLI(t, nil, "import", "--all-channels", "--db", src, export); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	url := pgtest.Database(t)
	stdout, stderr, err := migrateCLI("--from", src, "--to", url)
	if err != nil {
		t.Fatalf("migrate: %v\n%s%s", err, stdout, stderr)
	}
	for _, want := range []string{"messages                          2          2          2  ok",
		"reactions                         1          1          1  ok", "every table counted the same"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "DIFFERENT") || !strings.Contains(stderr, "copy: 6/34 messages: 2/2 rows") {
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

// migrateCLI runs praxis migrate with args, its outputs apart.
func migrateCLI(args ...string) (stdout, stderr string, err error) {
	var out, errs bytes.Buffer
	err = run(context.Background(), append([]string{"migrate"}, args...), func(string) string { return "" },
		&out, &errs)
	return out.String(), errs.String(), err
}
