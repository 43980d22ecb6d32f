package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, &out, &out)
	return out.String(), err
}

func TestEverySubcommandHasHelp(t *testing.T) {
	for name := range subcommands() {
		out, err := runCLI(t, nil, name, "--help")
		if err != nil || !strings.Contains(out, "Usage: praxis "+name) {
			t.Errorf("%s --help: got %q, %v", name, out, err)
		}
	}
	if _, err := runCLI(t, nil, "frobnicate"); exitCode(err) != 2 {
		t.Errorf("got exit %d for an unknown command, want 2", exitCode(err))
	}
}

func TestCheckConfig(t *testing.T) {
	secrets := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}
	out, err := runCLI(t, secrets, "check-config", "../../config.example.yaml")
	if err != nil || !strings.Contains(out, "OK") {
		t.Fatalf("example config: got %q, %v; want OK", out, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("slack:\n  mode: socket\n  tokn: x\ntimezone: Mars/Olympus\ncommunities:\n"+
		"  - name: A\n    channels: [C0123ABC]\n"+
		"  - name: B\n    channels: [C0123ABC]\n    questions: {holidays: XX}\n"), 0o600)
	out, err = runCLI(t, nil, "check-config", bad)
	if exitCode(err) != 1 {
		t.Fatalf("got exit %d, want 1", exitCode(err))
	}
	for _, want := range []string{"bad.yaml:3", "tokn", "Mars/Olympus", "SLACK_BOT_TOKEN", "C0123ABC",
		`bad.yaml:10: communities[1].questions.holidays: unsupported holiday calendar "XX"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestMigrateAndVersion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	out, err := runCLI(t, nil, "migrate", "--db", db)
	if err != nil || !strings.Contains(out, "up to date") {
		t.Fatalf("got %q, %v", out, err)
	}
	if out, err := runCLI(t, nil, "version"); err != nil || !strings.HasPrefix(out, "praxis ") {
		t.Fatalf("got %q, %v", out, err)
	}
}
