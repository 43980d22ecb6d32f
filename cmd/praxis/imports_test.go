package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestOnlyCmdReadsTheConfiguration keeps the configuration file's shape
// out of the bot: cmd resolves it once into bot.Community and each
// capability's own options, so no package but cmd's (and bot/config
// itself) depends on bot/config, directly or not.
func TestOnlyCmdReadsTheConfiguration(t *testing.T) {
	for _, p := range configReaders(depsList(t)) {
		t.Errorf("%s depends on praxis/bot/config: give it a bot.Community or options of its own, made in cmd", p)
	}
}

// depsList is `go list`'s listing of the module's packages, one a line:
// the package, then every package it depends on, directly or not.
func depsList(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Deps}} {{.}}{{end}}", "./...")
	cmd.Dir = moduleRoot(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	return string(out)
}

// TestConfigReadersCatches shows the check above failing on a package that
// reads the configuration through another, and passing cmd's.
func TestConfigReadersCatches(t *testing.T) {
	list := "praxis/bot/config praxis/bot/workhours\n" +
		"praxis/bot/digest praxis/bot praxis/bot/ritual\n" +
		"praxis/bot/ritual praxis/bot/config\n" +
		"praxis/internal/demo praxis/bot/ritual praxis/bot/config\n" +
		"praxis/cmd/praxis praxis/bot/config praxis/bot/ritual\n"
	if got, want := configReaders(list), []string{"praxis/bot/ritual", "praxis/internal/demo"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// configReaders returns the packages of a `go list` listing (each line: a
// package, then its dependencies) other than cmd's and bot/config that
// depend on bot/config.
func configReaders(list string) []string {
	const config = "praxis/bot/config"
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || fields[0] == config || strings.HasPrefix(fields[0], "praxis/cmd/") {
			continue
		}
		if slices.Contains(fields[1:], config) {
			out = append(out, fields[0])
		}
	}
	return out
}

// cores are the capabilities' cores, their model and computation, each
// with its Slack edge in a sub-package: one entry per core.
var cores = []string{
	"praxis/bot/expert",
	"praxis/bot/nudge",
	"praxis/bot/privacy",
	"praxis/bot/report",
	"praxis/bot/ritual",
}

// edgeOnly are what only a Slack edge (or the wiring) may depend on.
var edgeOnly = []string{"github.com/slack-go/slack", "praxis/bot/command", "praxis/bot/dispatch", "praxis/bot/outbox"}

// TestCoresStayOffSlack keeps each capability's core free of Slack: no
// slack-go, no command routes, no dispatch steps, no outbox, directly or
// not, so that it can be read, tested and reused (the CLI, the Home, the
// demo) without them; its Slack edge turns it into commands and messages.
func TestCoresStayOffSlack(t *testing.T) {
	for _, v := range edgeDeps(depsList(t), cores) {
		t.Errorf("%s: move what needs it to the capability's Slack edge", v)
	}
}

// TestEdgeDepsCatches shows the check above failing on a core that
// reaches the outbox through another package, and passing its edge.
func TestEdgeDepsCatches(t *testing.T) {
	list := "praxis/bot/privacy praxis/bot praxis/store\n" +
		"praxis/bot/privacy/slackedge praxis/bot/privacy praxis/bot/outbox github.com/slack-go/slack\n" +
		"praxis/bot/report praxis/bot/home praxis/bot/outbox\n"
	got := edgeDeps(list, []string{"praxis/bot/privacy", "praxis/bot/report"})
	if want := []string{"praxis/bot/report depends on praxis/bot/outbox"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// edgeDeps returns, for each of the cores in a `go list` listing (each
// line: a package, then its dependencies), which of edgeOnly it depends
// on.
func edgeDeps(list string, cores []string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || !slices.Contains(cores, fields[0]) {
			continue
		}
		for _, dep := range edgeOnly {
			if slices.Contains(fields[1:], dep) {
				out = append(out, fields[0]+" depends on "+dep)
			}
		}
	}
	return out
}
