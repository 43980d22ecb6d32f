package main

import (
	"strings"
	"testing"
	"time"

	"praxis/internal/slackemu"
	"praxis/internal/testkit"
)

// A member types /praxis where Praxis is not a member — a private channel,
// a public one it was never invited to: Slack refuses chat.postEphemeral
// there, so the answer goes through the command's response_url and the
// member sees it.
func TestE2ECommandWherePraxisIsNotAMember(t *testing.T) {
	for _, mode := range []string{"socket", "http"} {
		t.Run(mode, func(t *testing.T) {
			w := newWorld(t, mode, slackemu.Options{})
			w.emu.AddChannel(slackemu.Channel{ID: "G05", Name: "leads", IsPrivate: true, Members: []string{"U02", "U03"}})
			w.emu.AddChannel(slackemu.Channel{ID: "C06", Name: "watercooler", Members: []string{"U02"}})
			w.start(t)
			for _, ch := range []string{"G05", "C06"} {
				if err := w.emu.SlashCommand("U02", ch, "help"); err != nil {
					t.Fatal(err)
				}
			}
			answers := func() []slackemu.Posted {
				var out []slackemu.Posted
				for _, p := range w.emu.Posted() {
					if p.Method == "response_url" {
						out = append(out, p)
					}
				}
				return out
			}
			testkit.WaitFor(t, 15*time.Second, "both answers", func() bool { return len(answers()) == 2 })
			seen := map[string]bool{}
			for _, p := range answers() {
				if !p.Ephemeral || p.User != "U02" || !strings.Contains(p.Text, "/praxis") {
					t.Errorf("got %+v, want the help shown to U02 alone", p)
				}
				seen[p.Channel] = true
			}
			if !seen["G05"] || !seen["C06"] {
				t.Errorf("got answers in %v, want one in G05 and one in C06", seen)
			}
			if n := w.emu.Calls("chat.postEphemeral"); n != 0 {
				t.Errorf("got %d chat.postEphemeral calls, want none", n)
			}
		})
	}
}
