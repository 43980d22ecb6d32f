package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"praxis/bot/report"
	"praxis/bot/report/deliver"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
)

// The sponsors' report end to end: Dan sponsors the workspace. Started on
// December 1st at 9:30 with its jobs on, Praxis catches up the 9:00 run
// and sends him November's report by DM with its HTML page; started again
// within the hour it sends nothing more (the run is claimed for the
// period). He asks for it again with /praxis report sponsor; Chloé, who
// sponsors nothing, is told so. The answer Chloé gives Bob crosses their
// teams, as their Slack profiles say, which the command line shows.
func TestE2ESponsorReport(t *testing.T) {
	start := time.Date(2026, time.December, 1, 9, 30, 0, 0, time.UTC)
	w := newWorld(t, "socket", slackemu.Options{Now: clockFrom(start)})
	w.emu.AddUser(slackemu.User{ID: "U02", Name: "bob", RealName: "Bob Stone", TZ: "America/New_York",
		Locale: "en-US", Fields: map[string]string{"Department": "Platform", "Office": "Lyon"}})
	w.emu.AddUser(slackemu.User{ID: "U03", Name: "chloe", RealName: "Chloé Durand", TZ: "Europe/Paris",
		Locale: "fr-FR", Fields: map[string]string{"Department": "Data", "Office": "Lyon", "Pronouns": "elle"}})
	cfg, err := os.ReadFile(w.config)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(w.config, append(cfg, "sponsors: [U04]\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	w.jobs, w.idle = true, time.Hour
	b := w.start(t)
	const summary = "The communities' month, November 2026: Security guild, Data guild"
	sent := func() (reports, pages int) {
		for _, p := range w.emu.Posted() {
			switch {
			case p.Method == "chat.postMessage" && strings.HasPrefix(p.Channel, "D") && p.Text == summary:
				reports++
			case p.Method == "files.completeUploadExternal" && strings.HasPrefix(p.Channel, "D") &&
				strings.Contains(p.Text, "the page to open, print or forward"):
				pages++
			}
		}
		return reports, pages
	}
	testkit.WaitFor(t, 20*time.Second, "November's report and its page by DM", func() bool {
		r, p := sent()
		return r == 1 && p == 1
	})
	q := w.emu.UserMessage("C01", "U02", "How do we rotate the vault tokens of the CI runners?")
	w.emu.UserMessage("C01", "U03", "A cron job renews them with the CI role.", slackemu.InThread(q))
	w.settled(t)
	st := w.open(t)
	testkit.WaitFor(t, 20*time.Second, "Bob's and Chloé's teams recorded", func() bool {
		bob, err1 := st.Member(context.Background(), "U02")
		chloe, err2 := st.Member(context.Background(), "U03")
		return err1 == nil && err2 == nil && bob.Team == "Platform" && chloe.Team == "Data" && chloe.Site == "Lyon"
	})
	b.stop(t)

	w.start(t)
	if err := w.emu.SlashCommand("U03", "C01", "rapport sponsor"); err != nil {
		t.Fatal(err)
	}
	if err := w.emu.SlashCommand("U04", "C01", "report sponsor"); err != nil {
		t.Fatal(err)
	}
	testkit.WaitFor(t, 20*time.Second, "Dan's report on demand and Chloé's refusal", func() bool {
		refused := false
		for _, p := range w.emu.Posted() {
			refused = refused || p.Ephemeral && p.User == "U03" && strings.Contains(p.Text, "réservé aux sponsors")
		}
		r, p := sent()
		return refused && r == 2 && p == 2
	})
	runs, err := st.JobRuns(context.Background(), deliver.SponsorJobName, 10)
	if err != nil || len(runs) != 1 || runs[0].Period != "2026-12-01T09:00:00Z" {
		t.Errorf("got runs %+v, %v; want the 9:00 run alone, once", runs, err)
	}

	out, err := runCLI(t, w.env, "report", "--sponsor", "--config", w.config, "--period", "2026-12", "--format", "json",
		"--as-of", w.now().Add(time.Minute).Format(time.RFC3339))
	var s report.Sponsor
	if err != nil || json.Unmarshal([]byte(out), &s) != nil || len(s.Communities) != 2 {
		t.Fatalf("report --sponsor: %v\n%s", err, out)
	}
	if x := s.Communities[0].Crossing; x.Answers != 1 || x.Known != 1 || x.Teams != 1 || x.Sites != 0 {
		t.Errorf("Security guild's crossing: got %+v, want Chloé's answer to Bob across teams, not sites\n%s", x, out)
	}
	if out, err := runCLI(t, w.env, "report", "--sponsor", "--config", w.config, "--format", "csv"); exitCode(err) != 2 {
		t.Errorf("report --sponsor --format csv: got %v (exit %d), want a usage error\n%s", err, exitCode(err), out)
	}
}
