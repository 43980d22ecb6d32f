package main

import (
	"maps"
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
