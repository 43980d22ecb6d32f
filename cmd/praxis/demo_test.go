package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestDemo runs `praxis demo` end to end: sample workspace, import, the
// emulator and the real bot, the live replay, and the answers.
func TestDemo(t *testing.T) {
	dir := t.TempDir()
	out, err := runCLI(t, nil, "demo", "--dir", dir)
	if err != nil {
		t.Fatalf("demo failed: %v\n%s", err, out)
	}
	for _, want := range []string{"1. Generated", "2. Imported", "`praxis discover export` finds",
		"#security-guild, #secu-help — core group: ", "3. Started", "4. Three days", "What Praxis said",
		"visible only to the asker", "in the thread", "/praxis",
		"the hourly nudges run", ":wave: Welcome to *", // the newcomer's welcome, on day 1
		"opens Praxis's Home tab", "Their Home tab (views.publish)", "*Your communities*", "*What Praxis stores about you*",
		"5. Personal digests", "*Your Praxis digest*", "*Votre résumé Praxis*",
		"6. The facilitators' weekly report", "report.html",
		"Praxis report for Security guild, 2026-W44", "Rapport Praxis pour Guilde data, 2026-W44",
		"The monthly thanks", "*Thank you, helpers of October 2026!*",
		"*Merci à celles et ceux qui ont aidé en octobre 2026 !*",
		"7. The database now holds", "Nothing is left in the inbox (0) or the outbox (0)"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	// The welcome comes in the scene of its hour, before the next day's.
	w, tue := strings.Index(out, ":wave: Welcome to *"), strings.Index(out, "— the connection to Slack drops —")
	if w < 0 || tue < 0 || w > tue {
		t.Errorf("the welcome is not shown on day 1 (at %d, day 2 at %d)", w, tue)
	}
	checkLiving(t, out)
	// The HTML report stands alone: its charts inline, nothing fetched.
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil || !strings.Contains(string(page), "data:image/png;base64,") ||
		strings.Contains(string(page), "<script src") || strings.Contains(string(page), "stylesheet\" href=\"http") {
		t.Errorf("report.html: %v, %d bytes, want a standalone page with charts", err, len(page))
	}
	if t.Failed() {
		t.Log(out)
	}
}

// activeMembers is a report summary's active members figure and its change
// over the week before, in English or French ("Active members 17 (▼ −1)").
var activeMembers = regexp.MustCompile(`(?:Active members|Membres actifs) (\d+) \((?:[▲▼] ([+−])(\d+)|= 0)\)`)

// checkLiving checks that the demo's report shows every community alive:
// active members this week, no fewer than half of the week before's. The
// report of a week past the sample history (or too early in it) shows
// communities emptied or collapsing, which they are not.
func checkLiving(t *testing.T, out string) {
	t.Helper()
	found := activeMembers.FindAllStringSubmatch(out, -1)
	if len(found) != 4 {
		t.Errorf("got %d active members figures in the demo's report summaries, want 4 (one per community)", len(found))
	}
	for _, m := range found {
		now, _ := strconv.Atoi(m[1])
		change, _ := strconv.Atoi(m[3])
		if m[2] == "+" {
			change = -change
		}
		if before := now + change; now == 0 || now*2 < before {
			t.Errorf("%q: %d active members, %d the week before, want a living community", m[0], now, before)
		}
	}
}

// TestDemoDir: a folder an earlier demo left is started clean (here its
// database is even unreadable); a folder holding anything else is refused,
// untouched.
func TestDemoDir(t *testing.T) {
	foreign := t.TempDir()
	mine := filepath.Join(foreign, "notes.txt")
	os.WriteFile(mine, []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(foreign, "praxis.db"), []byte("mine too"), 0o644)
	_, err := runCLI(t, nil, "demo", "--dir", foreign)
	if err == nil || !strings.Contains(err.Error(), "notes.txt, which is not a demo's: give a new or empty folder") {
		t.Fatalf("got %v, want a folder holding other files refused", err)
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "praxis.db")); err != nil || string(b) != "mine too" {
		t.Fatalf("got %q, %v: the refused folder was changed", b, err)
	}
	if testing.Short() {
		t.Skip("the demo again: -short")
	}
	earlier := t.TempDir()
	for name, body := range map[string]string{"praxis.db": "not a database", "report.html": "stale", "praxis.log": "old"} {
		os.WriteFile(filepath.Join(earlier, name), []byte(body), 0o644)
	}
	out, err := runCLI(t, nil, "demo", "--dir", earlier)
	if err != nil || !strings.Contains(out, "7. The database now holds") {
		t.Fatalf("got %v\n%s\nwant the demo started clean over an earlier one's files", err, out)
	}
}
