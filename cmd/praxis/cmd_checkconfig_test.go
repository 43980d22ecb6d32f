package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckConfigSaysWhatToDo: a missing file says how to start, a YAML
// syntax error is reported alone, and a mistyped time zone gets the name
// it was meant to be.
func TestCheckConfigSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		return p
	}
	community := "communities:\n  - name: A\n    channels: [C0123ABC]\n"
	tests := []struct {
		name  string
		file  string
		want  []string
		never []string
	}{
		{"missing file", filepath.Join(dir, "praxis.yaml"), []string{"cp config.example.yaml"}, nil},
		{"syntax error", write("syntax.yaml", "slack:\n  mode: [socket\n"+community),
			[]string{"1 problem(s)", "YAML syntax error"}, []string{"no community"}},
		{"time zones", write("tz.yaml", "timezone: America/Los_Angles\n"+community+"    timezone: Paris\n"),
			[]string{`did you mean "America/Los_Angeles"?`, `did you mean "Europe/Paris"?`}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runCLI(t, nil, "check-config", tc.file)
			if err == nil {
				t.Fatalf("got no error\n%s", out)
			}
			out += err.Error()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tc.never {
				if strings.Contains(out, n) {
					t.Errorf("output holds %q:\n%s", n, out)
				}
			}
		})
	}
}
