package testkit

import (
	"os/exec"
	"path/filepath"
	"slices"
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

// EdgeOnly are the packages only a capability's Slack edge imports (with
// their sub-packages): Slack's SDK, the outbox, the dispatcher and the
// route table. A core (bot/digest, bot/expert…) holds the model and its
// computation; its edge (…/slackedge) posts, handles and renders.
var EdgeOnly = []string{"github.com/slack-go/slack", "praxis/bot/outbox", "praxis/bot/dispatch", "praxis/bot/command"}

// EdgeImports returns the packages of EdgeOnly that the core pkg imports
// itself: none, for a core that leaves Slack to its edge.
func EdgeImports(t testing.TB, pkg string) []string {
	t.Helper()
	imports, ok := GoList(t, "Imports", pkg)[pkg]
	if !ok {
		t.Fatalf("go list does not know %s", pkg)
	}
	return edgeOnly(imports)
}

// edgeOnly keeps the imports that are EdgeOnly's.
func edgeOnly(imports []string) []string {
	return slices.DeleteFunc(slices.Clone(imports), func(p string) bool {
		return !slices.ContainsFunc(EdgeOnly, func(e string) bool { return p == e || strings.HasPrefix(p, e+"/") })
	})
}
