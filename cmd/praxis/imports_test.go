package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"praxis/internal/testkit"
)

// TestOnlyCmdReadsTheConfiguration keeps the configuration file's shape
// out of the bot: cmd resolves it once into bot.Community and each
// capability's own options, so no package but cmd's (and bot/config
// itself) depends on bot/config, directly or not.
func TestOnlyCmdReadsTheConfiguration(t *testing.T) {
	for _, p := range configReaders(testkit.GoList(t, "Deps", "./...")) {
		t.Errorf("%s depends on praxis/bot/config: give it a bot.Community or options of its own, made in cmd", p)
	}
}

// TestConfigReadersCatches shows the check above failing on a package that
// reads the configuration through another, and passing cmd's.
func TestConfigReadersCatches(t *testing.T) {
	deps := map[string][]string{
		"praxis/bot/config":     {"praxis/bot/workhours"},
		"praxis/bot/digest":     {"praxis/bot", "praxis/bot/ritual"},
		"praxis/bot/ritual":     {"praxis/bot/config"},
		"praxis/internal/demo":  {"praxis/bot/ritual", "praxis/bot/config"},
		"praxis/cmd/praxis":     {"praxis/bot/config", "praxis/bot/ritual"},
		"praxis/cmd/internal/x": {"praxis/bot/config"},
	}
	if got, want := configReaders(deps), []string{"praxis/bot/ritual", "praxis/internal/demo"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// configReaders returns, in order, the packages of a `go list` of
// dependencies (testkit.GoList's "Deps") other than cmd's and bot/config
// that depend on bot/config.
func configReaders(deps map[string][]string) []string {
	const config = "praxis/bot/config"
	var out []string
	for _, p := range slices.Sorted(maps.Keys(deps)) {
		if p == config || strings.HasPrefix(p, "praxis/cmd/") {
			continue
		}
		if slices.Contains(deps[p], config) {
			out = append(out, p)
		}
	}
	return out
}

// cores are the capabilities' cores, their model and computation, each
// with its Slack edge in a sub-package: one entry per core.
var cores = []string{
	"praxis/bot/digest",
	"praxis/bot/discover",
	"praxis/bot/expert",
	"praxis/bot/home",
	"praxis/bot/nudge",
	"praxis/bot/privacy",
	"praxis/bot/recognition",
	"praxis/bot/report",
	"praxis/bot/ritual",
}

// edgeOnly are what only a Slack edge (or the wiring) may depend on, with
// their sub-packages.
var edgeOnly = []string{"github.com/slack-go/slack", "praxis/bot/command", "praxis/bot/dispatch", "praxis/bot/outbox"}

// TestCoresStayOffSlack keeps each capability's core free of Slack: no
// slack-go, no command routes, no dispatch steps, no outbox, directly or
// not, so that it can be read, tested and reused (the CLI, the Home, the
// demo) without them; its Slack edge turns it into commands and messages.
func TestCoresStayOffSlack(t *testing.T) {
	for _, v := range edgeDeps(testkit.GoList(t, "Deps", "./..."), cores) {
		t.Errorf("%s: move what needs it to the capability's Slack edge", v)
	}
}

// TestEdgeDepsCatches shows the check above failing on a core that
// reaches the outbox through another package or Slack's SDK through a
// sub-package, and passing its edge.
func TestEdgeDepsCatches(t *testing.T) {
	deps := map[string][]string{
		"praxis/bot/privacy":           {"praxis/bot", "praxis/store", "praxis/bot/outboxes"},
		"praxis/bot/privacy/slackedge": {"praxis/bot/privacy", "praxis/bot/outbox", "github.com/slack-go/slack"},
		"praxis/bot/report":            {"praxis/bot/home", "praxis/bot/outbox", "github.com/slack-go/slack/slackevents"},
	}
	got := edgeDeps(deps, []string{"praxis/bot/privacy", "praxis/bot/report"})
	want := []string{"praxis/bot/report depends on praxis/bot/outbox",
		"praxis/bot/report depends on github.com/slack-go/slack/slackevents"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// edgeDeps returns, for each of the cores in a `go list` of dependencies
// (testkit.GoList's "Deps"), which of edgeOnly it depends on.
func edgeDeps(deps map[string][]string, cores []string) []string {
	var out []string
	for _, core := range cores {
		for _, dep := range deps[core] {
			if slices.ContainsFunc(edgeOnly, func(e string) bool { return dep == e || strings.HasPrefix(dep, e+"/") }) {
				out = append(out, core+" depends on "+dep)
			}
		}
	}
	return out
}

// TestReadmeNamesEveryPackage keeps the README's architecture table
// matching the folders: a newcomer finds every package there, by its path.
func TestReadmeNamesEveryPackage(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(moduleRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	table := architectureTable(string(readme))
	if table == "" {
		t.Fatal("README.md: no architecture table (a table whose first column is | `package` |)")
	}
	for _, p := range slices.Sorted(maps.Keys(testkit.GoList(t, "Imports", "./..."))) {
		if dir := strings.TrimPrefix(p, "praxis/"); !strings.Contains(table, "`"+dir+"`") {
			t.Errorf("README.md's architecture table has no row naming `%s`", dir)
		}
	}
}

// architectureTable is the README's table of packages: the rows from the
// one whose first cell is `cmd/praxis` to the end of that table.
func architectureTable(readme string) string {
	start := strings.Index(readme, "| `cmd/praxis` |")
	if start < 0 {
		return ""
	}
	end := strings.Index(readme[start:], "\n\n")
	if end < 0 {
		end = len(readme) - start
	}
	return readme[start : start+end]
}
