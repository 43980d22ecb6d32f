package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"praxis/internal/sample"
	"praxis/internal/testkit"
	"praxis/store"
)

// After `praxis import --all-channels EXPORT`, the offline commands work as
// a user types them in the same folder: no --config, no --db, the
// database's communities with default settings.
func TestOfflineCommandsAfterImport(t *testing.T) {
	dir := t.TempDir()
	ws := sample.New(sample.Options{Seed: 11, Messages: 2000})
	if _, err := ws.WriteDir(filepath.Join(dir, "export")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if out, err := runCLI(t, nil, "import", "--all-channels", "export"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	member := ""
	for _, u := range ws.Users {
		if !u.IsBot && !u.Deleted && member == "" {
			member = u.ID
		}
	}
	const asOf = "2026-11-01" // the sample history's end
	topic := ws.Communities[0].Topics[0]
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"expert", "how do we handle " + topic + "?"}, " (U"},
		{[]string{"member", "export", member}, `"` + member + `"`},
		{[]string{"report", "--as-of", asOf}, "#" + ws.Channels[0].Name},
		// A week after the history's end says so, and which week to ask for.
		{[]string{"report", "--as-of", "2027-03-01"}, ": nothing was posted in 2027-W08: its history ends on 2026-1"},
		{[]string{"report", "--as-of", "2027-03-01"}, "Its last week with messages: praxis report --community"},
		{[]string{"digest", "--member", member, "--as-of", asOf}, "https://slack.com/archives/C"},
		{[]string{"nudges", "--dry-run", "--as-of", asOf}, "Nudges at 2026-11-01T00:00:00Z"},
		{[]string{"recognition", "--month", "2026-10"}, "answers accepted"},
	} {
		out, err := runCLI(t, nil, tc.args...)
		if err != nil || !strings.Contains(out, tc.want) {
			t.Errorf("%s: got %v\n%.1500s\nwant %q", strings.Join(tc.args, " "), err, out, tc.want)
		}
	}
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"expert", "--db", "other.db", "x"}, "database other.db"},
		{nil, []string{"report", "--config", "nope.yaml"}, "nope.yaml"},
		{map[string]string{"PRAXIS_CONFIG": "nope.yaml"}, []string{"nudges", "--dry-run"}, "nope.yaml"},
	} {
		if _, err := runCLI(t, tc.env, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error naming %s", strings.Join(tc.args, " "), err, tc.want)
		}
	}
}

// With neither a configuration nor a database, each offline command says
// what to do, and creates no empty database.
func TestOfflineCommandsWithNothingHere(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{
		{"expert", "how do we rotate certificates?"},
		{"member", "export", "U0123ABC"},
		{"report"},
		{"digest", "--member", "U0123ABC"},
		{"nudges", "--dry-run"},
		{"recognition"},
	} {
		_, err := runCLI(t, nil, args...)
		want := "no praxis.yaml and no praxis.db here: run praxis import --all-channels EXPORT first"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want the error naming both files", args[0], err)
		}
	}
	if _, err := os.Stat("praxis.db"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want no praxis.db created", err)
	}
}

// Without a configuration file, PRAXIS_DATABASE_URL names the database the
// import fills and the offline commands read (on PostgreSQL), and a value
// that is not a URL is refused rather than taken for a file's name.
func TestOfflineCommandsReadTheEnvironmentsDatabase(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{{"report"}, {"import", "--all-channels", "export"}} {
		_, err := runCLI(t, map[string]string{"PRAXIS_DATABASE_URL": "praxis.db"}, args...)
		if err == nil || !strings.Contains(err.Error(), "PRAXIS_DATABASE_URL is not a postgres:// URL") {
			t.Errorf("%s: got %v, want the variable refused", args[0], err)
		}
	}
	db := testkit.Database(t)
	if !store.IsPostgres(db) {
		t.Skip("PostgreSQL's: run with " + testkit.StoreEnv + "=postgres")
	}
	ws := sample.New(sample.Options{Seed: 11, Messages: 300})
	if _, err := ws.WriteDir("export"); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PRAXIS_DATABASE_URL": db}
	out, err := runCLI(t, env, "import", "--all-channels", "export")
	if err != nil || !strings.Contains(out, "New in postgres://") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	topic := ws.Communities[0].Topics[0]
	if out, err := runCLI(t, env, "expert", "how do we handle "+topic+"?"); err != nil || !strings.Contains(out, " (U") {
		t.Errorf("expert: got %v\n%s", err, out)
	}
	if _, err := os.Stat("praxis.db"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want no praxis.db created", err)
	}
}
