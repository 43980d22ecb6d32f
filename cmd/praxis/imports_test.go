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
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Deps}} {{.}}{{end}}", "./...")
	cmd.Dir = moduleRoot(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range configReaders(string(out)) {
		t.Errorf("%s depends on praxis/bot/config: give it a bot.Community or options of its own, made in cmd", p)
	}
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
