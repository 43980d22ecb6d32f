package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"praxis/internal/slackemu"
	"praxis/internal/testkit"
)

// The App Home end to end: alice opens Praxis's Home tab and sees her week
// and expertise in French (her Slack locale); she turns nudges off and
// switches Praxis to English, each change published at once and recorded;
// as Security guild's facilitator she runs its report from the Home. Chloé,
// who facilitates nothing, gets no facilitator's section, and a forged
// click on the report button is refused.
func TestE2EHome(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	w.start(t)
	q := w.emu.UserMessage("C01", "U02", "How do we rotate the vault tokens of the CI runners?")
	a := w.emu.UserMessage("C01", "U01", "vault token renew in a cron job, with the CI role", slackemu.InThread(q))
	w.emu.React("C01", a, "U02", "white_check_mark")
	w.emu.UserMessage("C01", "U02", "thanks, that works!", slackemu.InThread(q))
	w.settled(t)

	home := func(user string, before int, what string, want ...string) string {
		t.Helper()
		var view string
		testkit.WaitFor(t, 20*time.Second, what, func() bool {
			for _, p := range w.emu.Posted()[before:] {
				if p.Method == "views.publish" && p.User == user {
					view = string(p.Blocks)
				}
			}
			return view != ""
		})
		var blocks []json.RawMessage
		if err := json.Unmarshal([]byte(view), &blocks); err != nil || len(blocks) == 0 || len(blocks) > 100 {
			t.Fatalf("%s: got %d blocks (%v), want 1 to 100", what, len(blocks), err)
		}
		text := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(view)
		for _, s := range want {
			if !strings.Contains(text, s) {
				t.Fatalf("%s: %q not in the Home:\n%.4000s", what, s, text)
			}
		}
		return text
	}

	before := len(w.emu.Posted())
	w.emu.OpenAppHome("U01")
	home("U01", before, "alice's Home",
		"Votre semaine", `*Contributions*\n1`, `*Réponses acceptées*\n1`, `*Remerciements reçus*\n1`,
		"Les communautés que vous animez", "*Security guild* : la semaine en cours", "home_report:0", "<#C01>")

	before = len(w.emu.Posted())
	if err := w.emu.HomeAction("U01", "home_nudges", ""); err != nil {
		t.Fatal(err)
	}
	home("U01", before, "the Home after nudges off", "*Relances* : désactivées")
	before = len(w.emu.Posted())
	if err := w.emu.HomeAction("U01", "home_lang", "en"); err != nil {
		t.Fatal(err)
	}
	home("U01", before, "the Home in English", "Your week", "*Nudges*: off")
	st := w.open(t)
	p, err := st.MemberPrefs(context.Background(), "U01")
	if err != nil || !p.NudgesOff || p.Language != "en" {
		t.Fatalf("got %+v, %v; want alice's choices recorded", p, err)
	}

	before = len(w.emu.Posted())
	if err := w.emu.HomeAction("U01", "home_report:0", ""); err != nil {
		t.Fatal(err)
	}
	testkit.WaitFor(t, 20*time.Second, "Security guild's report by DM", func() bool {
		for _, p := range w.emu.Posted()[before:] {
			dm := p.Method == "chat.postMessage" && strings.HasPrefix(p.Channel, "D")
			if dm && strings.Contains(p.Text, "Security guild") {
				return true
			}
		}
		return false
	})

	before = len(w.emu.Posted())
	w.emu.OpenAppHome("U03")
	if view := home("U03", before, "chloé's Home", "Votre semaine"); strings.Contains(view, "home_report") {
		t.Fatalf("got a facilitator's button on chloé's Home:\n%s", view)
	}
	before = len(w.emu.Posted())
	forged := `{"type":"block_actions","user":{"id":"U03"},` +
		`"container":{"type":"view","view_id":"VU03"},"view":{"id":"VU03","type":"home"},` +
		`"actions":[{"action_id":"home_report:0","type":"button","value":"Security guild",` +
		`"action_ts":"1700000000.000999"}]}`
	if err := w.emu.DeliverInteractive([]byte(forged)); err != nil {
		t.Fatal(err)
	}
	testkit.WaitFor(t, 20*time.Second, "the refusal", func() bool {
		for _, p := range w.emu.Posted()[before:] {
			if p.Method == "chat.postMessage" && strings.Contains(p.Text, "Security guild") {
				if !strings.Contains(p.Text, "animateurs") {
					t.Fatalf("got %q for chloé, want a refusal", p.Text)
				}
				return true
			}
		}
		return false
	})
}
