package testkit

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// GoList is what `go list` says of the packages matching patterns, as
// written at the module's root ("./..." is every package): for each, by
// import path, the packages its field lists ("Imports": the package's own
// imports, its tests apart; "Deps": every package it depends on, directly
// or not). The code's import rules are tests over it, not a linter's
// configuration: they run with `go test ./...`.
func GoList(t testing.TB, field string, patterns ...string) map[string][]string {
	t.Helper()
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	args := append([]string{"list", "-f", "{{.ImportPath}}{{range ." + field + "}} {{.}}{{end}}"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	list := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if fields := strings.Fields(line); len(fields) > 0 {
			list[fields[0]] = fields[1:]
		}
	}
	return list
}
