package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"praxis/internal/slackemu"
	"praxis/internal/testkit"
)

// Facilitator reports end to end: /praxis report in a channel sends the
// facilitator the week's report by DM with its charts; another member is
// told who the facilitators are; then `praxis report` renders the same
// database on the command line.
func TestE2EReport(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	b := w.start(t)
	q := w.emu.UserMessage("C01", "U02", "How do we rotate the vault tokens of the CI runners?")
	w.emu.UserMessage("C01", "U03", "A cron job renews them with the CI role.", slackemu.InThread(q))
	w.settled(t)

	before := len(w.emu.Posted())
	if err := w.emu.SlashCommand("U01", "C01", "report"); err != nil {
		t.Fatal(err)
	}
	var report slackemu.Posted
	uploads := 0
	testkit.WaitFor(t, 20*time.Second, "the report, its charts and the acknowledgement", func() bool {
		acked := false
		uploads = 0
		for _, p := range w.emu.Posted()[before:] {
			switch {
			case p.Method == "chat.postMessage" && strings.HasPrefix(p.Channel, "D"):
				report = p
			case p.Method == "files.completeUploadExternal" && strings.HasPrefix(p.Channel, "D"):
				uploads++
			case p.Ephemeral && p.User == "U01":
				acked = strings.Contains(p.Text, "Security guild")
			}
		}
		return report.Method != "" && uploads > 0 && acked
	})
	if !strings.Contains(string(report.Blocks), "Security guild") || !strings.Contains(report.Text, "Security guild") {
		t.Fatalf("got %q / %s, want Security guild's report", report.Text, report.Blocks)
	}

	before = len(w.emu.Posted())
	if err := w.emu.SlashCommand("U03", "C01", "rapport Security guild"); err != nil {
		t.Fatal(err)
	}
	testkit.WaitFor(t, 15*time.Second, "the refusal", func() bool {
		for _, p := range w.emu.Posted()[before:] {
			if p.Ephemeral && p.User == "U03" && strings.Contains(p.Text, "<@U01>") && strings.Contains(p.Text, "animateurs") {
				return true
			}
			if p.Method == "chat.postMessage" && strings.HasPrefix(p.Channel, "D") {
				t.Fatalf("a report went to a member who is no facilitator: %+v", p)
			}
		}
		return false
	})
	b.stop(t)

	asOf := w.now().Format(time.RFC3339)
	firstWeek := w.now().Format("2006") + "-W01"
	out, err := runCLI(t, w.env, "report", "--config", w.config, "--format", "csv", "--period", firstWeek)
	if err != nil {
		t.Fatalf("report: %v\n%s", err, out)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 10 || !strings.Contains(out, "Security guild") || !strings.Contains(out, "Data guild") {
		t.Fatalf("got %d rows, %v:\n%s", len(rows), err, out)
	}
	html := filepath.Join(w.dir, "out", "report.html")
	os.Mkdir(filepath.Dir(html), 0o755)
	out, err = runCLI(t, w.env, "report", "--config", w.config, "--community", "security GUILD",
		"--format", "html", "--out", html, "--as-of", asOf)
	if err != nil {
		t.Fatalf("report --out: %v\n%s", err, out)
	}
	page, err := os.ReadFile(html)
	standalone := strings.Contains(string(page), "<html") && strings.Contains(string(page), "data:image/png;base64,")
	if err != nil || !standalone || strings.Contains(string(page), "Data guild") {
		t.Fatalf("got %d bytes (%v), want Security guild's standalone page with its charts", len(page), err)
	}
	for _, bad := range [][]string{
		{"--period", "2026-W54"},
		{"--period", "2026-W47", "--from", "2026-11-01", "--to", "2026-11-07"},
		{"--from", "2026-11-01"},
		{"--format", "pdf"},
		{"--community", "nope"},
	} {
		out, err := runCLI(t, w.env, append([]string{"report", "--config", w.config}, bad...)...)
		if exitCode(err) != 2 {
			t.Errorf("report %v: got %v (exit %d), want a usage error\n%s", bad, err, exitCode(err), out)
		}
	}
}

// The weekly report job runs on the clock run is given: started on a
// Monday at 08:30 UTC with its jobs on, Praxis catches up the 08:00 report
// and sends it to each community's facilitators, whatever day the test
// runs on. Nobody wakes the poster (which would otherwise sleep an hour):
// the store tells it of the job's commit.
func TestE2EWeeklyReportJobOnItsClock(t *testing.T) {
	monday := time.Date(2026, time.November, 30, 8, 30, 0, 0, time.UTC)
	w := newWorld(t, "socket", slackemu.Options{Now: clockFrom(monday)})
	w.jobs, w.idle = true, time.Hour
	w.start(t)
	want := map[string]string{"Security guild": "", "Data guild": ""}
	testkit.WaitFor(t, 20*time.Second, "both communities' weekly reports by DM", func() bool {
		for _, p := range w.emu.Posted() {
			for name := range want {
				if p.Method == "chat.postMessage" && strings.HasPrefix(p.Channel, "D") && strings.Contains(p.Text, name) {
					want[name] = p.Text
				}
			}
		}
		return want["Security guild"] != "" && want["Data guild"] != ""
	})
	if got := want["Security guild"]; !strings.Contains(got, "2026-W48") {
		t.Errorf("got %q, want the report of the week before that Monday, 2026-W48", got)
	}
}
