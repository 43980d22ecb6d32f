package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"praxis/internal/testkit"
)

// exportDir writes a small export (one member, #general) with files
// replaced or added, and returns its folder.
func exportDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "export")
	all := map[string]string{
		"users.json":              `[{"id":"U01","name":"ann","real_name":"Ann Lee"}]`,
		"channels.json":           `[{"id":"C01","name":"general","members":["U01"]}]`,
		"general/2024-01-02.json": `[{"type":"message","user":"U01","text":"hello","ts":"1704189600.000100"}]`,
	}
	for k, v := range files {
		all[k] = v
	}
	for name, body := range all {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestImportSaysWhatHappened: an import that skipped anything for an error
// exits non-zero, naming each file and what is wrong with it in words
// (never encoding/json's Go types), and keeps what it could read; a path
// that is not an export says what is expected.
func TestImportSaysWhatHappened(t *testing.T) {
	good := exportDir(t, nil)
	tests := []struct {
		name string
		arg  string
		exit int
		want []string
	}{
		{"good export", good, 0, []string{"Imported 1 channels", "1 messages"}},
		{"truncated channels.json", exportDir(t, map[string]string{
			"channels.json": `[{"id":"C01","name":"general","members":["U0`,
		}), 1, []string{"channels.json: the file ends before its list does", "import incomplete: 1 problem(s)"}},
		{"day files of the wrong shape", exportDir(t, map[string]string{
			"general/2024-01-03.json": `[{"type":"message","user":"U01","text":5,"ts":"1704276000.000100"},` +
				`{"type":"message","user":"U01","text":"kept","ts":"1704276000.000200"}]`,
			"general/2024-01-04.json": `[{"type":"message","user":"U01","text":"cut`,
		}), 1, []string{
			`general/2024-01-03.json: "text" is a number where text was expected, kept without it (1 message)`,
			"general/2024-01-04.json: malformed day file (2024-01-04.json): the file ends before its list does",
			"import incomplete: 2 problem(s)", "New in", "3 messages",
		}},
		{"missing path", filepath.Join(t.TempDir(), "nope.zip"), 1, []string{"there is no file or folder",
			"nope.zip", "the .zip file Slack sends, or the folder it unzips to"}},
		{"a file of the export", filepath.Join(good, "channels.json"), 1, []string{"channels.json is one file of an export",
			"the .zip file Slack sends"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := testkit.Database(t)
			out, err := runCLI(t, nil, "import", "--all-channels", "--db", db, tc.arg)
			if err != nil {
				out += "praxis: " + err.Error()
			}
			if got := exitCodeOf(err); got != tc.exit {
				t.Errorf("got exit %d, want %d\n%s", got, tc.exit, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, never := range []string{"Go struct", "wireMessage", "ETA ?", "stat "} {
				if strings.Contains(out, never) {
					t.Errorf("output holds %q:\n%s", never, out)
				}
			}
		})
	}
}

// exitCodeOf is the process's exit status for run's error.
func exitCodeOf(err error) int {
	if err == nil {
		return 0
	}
	return exitCode(err)
}
