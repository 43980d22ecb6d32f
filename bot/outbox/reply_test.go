package outbox_test

import (
	"encoding/json"
	"testing"

	"praxis/bot"
	"praxis/bot/outbox"
)

// Every way a member asks gets one placement of its answer.
func TestReply(t *testing.T) {
	const url = "https://hooks.slack.com/commands/T1/1/x"
	cmd := func(ch string) bot.Event {
		return bot.Event{ID: "e", Kind: bot.KindCommand, User: "U1", Channel: ch, Command: bot.Command{ResponseURL: url}}
	}
	mention := bot.Event{ID: "e", Kind: bot.KindMention, User: "U1", Channel: "C1", TS: "1.1", ThreadTS: "1.0"}
	bare := bot.Event{ID: "e", Kind: bot.KindCommand, User: "U1", Channel: "C1"}
	click := func(ch string, c bot.Command) bot.Event {
		return bot.Event{ID: "e", Kind: bot.KindAction, User: "U1", Channel: ch, Command: c}
	}
	dm := bot.Event{ID: "e", Kind: bot.KindDirect, User: "U1", Channel: "D9"}
	for _, tc := range []struct {
		name             string
		ev               bot.Event
		a                outbox.Audience
		method, channel  string
		user, thread, ru string
	}{
		{"command in a channel", cmd("C1"), outbox.Asker, outbox.Respond, "C1", "U1", "", url},
		{"command in a group DM", cmd("G1"), outbox.Thread, outbox.Respond, "G1", "U1", "", url},
		{"command without response_url", bare, outbox.Asker, outbox.PostEphemeral, "C1", "U1", "", ""},
		{"command in a DM", cmd("D1"), outbox.Asker, outbox.PostMessage, "U1", "", "", ""},
		{"click on the Home tab", click("", bot.Command{}), outbox.Asker, outbox.PostMessage, "U1", "", "", ""},
		{"click in a channel", click("C1", bot.Command{ResponseURL: url}), outbox.Asker, outbox.Respond, "C1", "U1", "", url},
		{"direct message", dm, outbox.Thread, outbox.PostMessage, "D9", "", "", ""},
		{"mention, in its thread", mention, outbox.Thread, outbox.PostMessage, "C1", "", "1.0", ""},
		{"mention, to the asker", mention, outbox.Asker, outbox.PostEphemeral, "C1", "U1", "1.0", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := outbox.Reply(tc.ev, outbox.Message{Text: "answer"}, tc.a)
			var m outbox.Message
			if err := json.Unmarshal([]byte(out.Payload), &m); err != nil {
				t.Fatal(err)
			}
			if out.Key != "reply:e" || out.Method != tc.method || out.ChannelID != tc.channel || m.User != tc.user ||
				m.ThreadTS != tc.thread || m.ResponseURL != tc.ru || m.Text != "answer" {
				t.Fatalf("got %s %s %s (user %q, thread %q, url %q)",
					out.Key, out.Method, out.ChannelID, m.User, m.ThreadTS, m.ResponseURL)
			}
			if tc.method == outbox.Respond && m.Fallback != outbox.PostEphemeral {
				t.Errorf("got fallback %q, want chat.postEphemeral", m.Fallback)
			}
		})
	}
}
