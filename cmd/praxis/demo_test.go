package main

import (
	"strings"
	"testing"
)

// TestDemo runs `praxis demo` end to end: sample workspace, import, the
// emulator and the real bot, the live replay, and the answers.
func TestDemo(t *testing.T) {
	out, err := runCLI(t, nil, "demo", "--dir", t.TempDir())
	if err != nil {
		t.Fatalf("demo failed: %v\n%s", err, out)
	}
	for _, want := range []string{"1. Generated", "2. Imported", "3. Started", "4. Three days", "What Praxis said",
		"visible only to the asker", "in the thread", "/praxis",
		"the hourly nudges run", ":wave: Welcome to *", // the newcomer's welcome, on day 1
		"5. Personal digests", "*Your Praxis digest*", "*Votre résumé Praxis*",
		"6. The database now holds", "Nothing is left in the inbox (0) or the outbox (0)"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	// The welcome comes in the scene of its hour, before the next day's.
	if w, tue := strings.Index(out, ":wave: Welcome to *"), strings.Index(out, "— the connection to Slack drops —"); w < 0 || tue < 0 || w > tue {
		t.Errorf("the welcome is not shown on day 1 (at %d, day 2 at %d)", w, tue)
	}
	if t.Failed() {
		t.Log(out)
	}
}
