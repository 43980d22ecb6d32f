package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"praxis/internal/slackemu"
	"praxis/internal/testkit"
)

// The recognition ritual end to end, once a month: in November Chloé's
// answer is accepted while Alice writes the most and helps nobody; Praxis,
// started on 1 December after the ritual's hour with its jobs on, thanks
// Chloé in #security, pinging her and nobody else; started again a week
// later (its schedule is weekly), it thanks November no second time.
// `praxis recognition` prints the same.
func TestE2ERecognitionOncePerMonth(t *testing.T) {
	// The clock: an instant the test sets (jump), then the real pace.
	now, jump := jumpingClock(time.Date(2026, time.November, 20, 10, 0, 0, 0, time.UTC))
	w := newWorld(t, "socket", slackemu.Options{Now: now})
	cfg, err := os.ReadFile(w.config)
	if err != nil {
		t.Fatal(err)
	}
	ritual := "    facilitators: [\"U01\"]\n    rituals:\n      - kind: recognition\n        schedule: \"0 10 * * TUE\"\n"
	cfg = []byte(strings.Replace(string(cfg), "    facilitators: [\"U01\"]\n", ritual, 1))
	if err := os.WriteFile(w.config, cfg, 0o600); err != nil {
		t.Fatal(err)
	}

	b := w.start(t)
	q := w.emu.UserMessage("C01", "U02", "How do we rotate the vault tokens of the CI runners?")
	for range 3 {
		w.emu.UserMessage("C01", "U01", "Good question, I wonder too.", slackemu.InThread(q))
	}
	a := w.emu.UserMessage("C01", "U03", "A cron job renews them with the CI role.", slackemu.InThread(q))
	w.emu.React("C01", a, "U02", "white_check_mark")
	w.settled(t)
	b.stop(t)

	thanks := func() []slackemu.Posted {
		var out []slackemu.Posted
		for _, p := range w.emu.Posted() {
			if p.Method == "chat.postMessage" && p.Channel == "C01" && strings.Contains(p.Text, "helpers of November") {
				out = append(out, p)
			}
		}
		return out
	}
	w.jobs, w.idle = true, time.Hour
	jump(time.Date(2026, time.December, 1, 10, 30, 0, 0, time.UTC)) // a Tuesday, half an hour late
	b = w.start(t)
	testkit.WaitFor(t, 20*time.Second, "November's thanks in #security", func() bool { return len(thanks()) == 1 })
	got := thanks()[0].Text
	if !strings.Contains(got, "• <@U03>: 1 answer accepted, 1 person helped") || strings.Count(got, "<@") != 1 {
		t.Errorf("got %q, want Chloé thanked, and nobody else mentioned", got)
	}
	b.stop(t)

	jump(time.Date(2026, time.December, 8, 10, 30, 0, 0, time.UTC))
	w.start(t)
	testkit.WaitFor(t, 20*time.Second, "the ritual's run of 8 December", func() bool {
		return rawCount(t, w.db, `SELECT count(*) FROM job_runs WHERE job LIKE 'ritual:%' AND status = 'done'`) == 2
	})
	if n := len(thanks()); n != 1 {
		t.Errorf("got %d posts thanking November, want 1", n)
	}

	// On the command line: the same helpers and post, nothing sent.
	out, err := runCLI(t, w.env, "recognition", "--config", w.config, "--month", "2026-11",
		"--community", "security guild")
	if err != nil || !strings.Contains(out, "Security guild, November 2026: 1 helper\n  U03 ") ||
		!strings.Contains(out, "• <@U03>: 1 answer accepted") {
		t.Errorf("praxis recognition: got %v\n%s\nwant Chloé and the post", err, out)
	}
	for _, bad := range [][]string{{"--month", "11/2026"}, {"--community", "nope"}, {"extra"}} {
		out, err := runCLI(t, w.env, append([]string{"recognition", "--config", w.config}, bad...)...)
		if exitCode(err) != 2 {
			t.Errorf("recognition %v: got %v (exit %d), want a usage error\n%s", bad, err, exitCode(err), out)
		}
	}
}
