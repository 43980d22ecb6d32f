package slackio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"praxis/bot"
	"praxis/internal/testkit"
)

// samplesDir is Slack's own event samples, beside the repository.
const samplesDir = "../../../shared/slack-samples/events"

func TestDecodeKinds(t *testing.T) {
	for _, tc := range []struct {
		name    string
		payload string
		want    bot.Event
	}{
		{"message", `{"type":"event_callback","event_id":"Ev1","event_time":1700000000,"event":{"type":"message",
			"channel":"C1","user":"U1","text":"see <https://go.dev|Go> and https://sqlite.org.","ts":"1700000000.000100",
			"channel_type":"channel"}}`,
			bot.Event{ID: "Ev1", Kind: bot.KindMessage, Type: "message", Channel: "C1", ChannelType: "channel", User: "U1",
				TS: "1700000000.000100", Links: []bot.Link{{URL: "https://go.dev", Title: "Go"}, {URL: "https://sqlite.org"}}}},
		{"reply", `{"type":"event_callback","event_id":"Ev2","event":{"type":"message","channel":"C1","user":"U2",
			"text":"yes","ts":"1700000001.000100","thread_ts":"1700000000.000100"}}`,
			bot.Event{ID: "Ev2", Kind: bot.KindMessage, Type: "message", Channel: "C1", User: "U2",
				TS: "1700000001.000100", ThreadTS: "1700000000.000100"}},
		{"edit", `{"type":"event_callback","event_id":"Ev3","event":{"type":"message","subtype":"message_changed",
			"channel":"C1","ts":"1700000009.000000","message":{"user":"U1","text":"new","ts":"1700000000.000100",
			"edited":{"user":"U1","ts":"1700000009.000000"}}}}`,
			bot.Event{ID: "Ev3", Kind: bot.KindEdit, Type: "message/message_changed", Subtype: "message_changed",
				Channel: "C1", User: "U1", TS: "1700000000.000100", EditedTS: "1700000009.000000"}},
		{"delete", `{"type":"event_callback","event_id":"Ev4","event":{"type":"message","subtype":"message_deleted",
			"channel":"C1","deleted_ts":"1700000000.000100"}}`,
			bot.Event{ID: "Ev4", Kind: bot.KindDelete, Type: "message/message_deleted", Subtype: "message_deleted",
				Channel: "C1", TS: "1700000000.000100"}},
		{"reaction", `{"type":"event_callback","event_id":"Ev5","event":{"type":"reaction_added","user":"U2",
			"reaction":"white_check_mark","item_user":"U1","item":{"type":"message","channel":"C1","ts":"1700000000.000100"}}}`,
			bot.Event{ID: "Ev5", Kind: bot.KindReactionAdded, Type: "reaction_added", Channel: "C1", User: "U2",
				TS: "1700000000.000100", Reaction: "white_check_mark", ItemUser: "U1"}},
		{"rename", `{"type":"event_callback","event_id":"Ev6","event":{"type":"channel_rename","channel":{"id":"C1",
			"name":"secu"}}}`,
			bot.Event{ID: "Ev6", Kind: bot.KindRename, Type: "channel_rename", Channel: "C1", Name: "secu"}},
		{"dm", `{"type":"event_callback","event_id":"Ev7","event":{"type":"message","channel":"D1","channel_type":"im",
			"user":"U1","text":"help","ts":"1700000000.000100"}}`,
			bot.Event{ID: "Ev7", Kind: bot.KindDirect, Type: "message", Channel: "D1", ChannelType: "im", User: "U1",
				TS: "1700000000.000100"}},
		{"user_change", `{"type":"event_callback","event_id":"Ev8","event":{"type":"user_change","user":{"id":"U9",
			"name":"x"}}}`,
			bot.Event{ID: "Ev8", Kind: bot.KindMemberChange, Type: "user_change", User: "U9"}},
		{"command", `{"type":"slash_command","command":"/praxis","text":"status","user_id":"U1","channel_id":"C1",
			"trigger_id":"T1"}`,
			bot.Event{ID: "cmd:T1", Kind: bot.KindCommand, Type: "slash_command", Channel: "C1", User: "U1", Text: "status",
				Command: bot.Command{Name: "/praxis", Text: "status", TriggerID: "T1"}}},
		{"pin", `{"type":"event_callback","event_id":"EvP","event":{"type":"pin_added","user":"U3","channel_id":"C1",
			"item":{"type":"message","channel":"C1","created":1700000100,"created_by":"U3","message":{"type":"message",
			"user":"U1","text":"Runbook","ts":"1700000000.000100","pinned_to":["C1"]}},"event_ts":"1700000100.000200"}}`,
			bot.Event{ID: "EvP", Kind: bot.KindPin, Type: "pin_added", Channel: "C1", User: "U3", TS: "1700000000.000100"}},
		{"unpin", `{"type":"event_callback","event_id":"EvQ","event":{"type":"pin_removed","user":"U3","channel_id":"C1",
			"item":{"type":"message","channel":"C1","message":{"ts":"1700000000.000100"}}}}`,
			bot.Event{ID: "EvQ", Kind: bot.KindUnpin, Type: "pin_removed", Channel: "C1", User: "U3", TS: "1700000000.000100"}},
		{"pinned file", `{"type":"event_callback","event_id":"EvR","event":{"type":"pin_added","user":"U3","channel_id":"C1",
			"item":{"type":"file","file":{"id":"F1"}}}}`,
			bot.Event{ID: "EvR", Kind: bot.KindIgnored, Type: "pin_added", Channel: "C1", User: "U3"}},
		{"unknown", `{"type":"event_callback","event_id":"Ev9","event":{"type":"brand_new_event"}}`,
			bot.Event{ID: "Ev9", Kind: bot.KindUnknown, Type: "brand_new_event"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode([]byte(tc.payload))
			if err != nil {
				t.Fatal(err)
			}
			got.Time, got.Text = tc.want.Time, tc.want.Text
			w := tc.want
			if got.ID != w.ID || got.Kind != w.Kind || got.Type != w.Type || got.Channel != w.Channel ||
				got.User != w.User || got.TS != w.TS || got.ThreadTS != w.ThreadTS || got.EditedTS != w.EditedTS ||
				got.Reaction != w.Reaction || got.ItemUser != w.ItemUser || got.Name != w.Name || got.Command != w.Command ||
				len(got.Links) != len(w.Links) {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
			for i := range got.Links {
				if got.Links[i] != tc.want.Links[i] {
					t.Errorf("got link %+v, want %+v", got.Links[i], tc.want.Links[i])
				}
			}
		})
	}
}

// The Home tab: app_home_opened (the Messages tab is ignored), and the
// Home's elements, whose block_actions carry a view rather than a message and,
// for a select, the option picked rather than a value.
func TestDecodeHome(t *testing.T) {
	for _, tc := range []struct {
		name    string
		payload string
		want    bot.Event
	}{
		{"home opened", `{"type":"event_callback","event_id":"EvH","event":{"type":"app_home_opened","user":"U1",
			"channel":"D1","tab":"home","event_ts":"1700000000.000100","view":{"id":"VU1","type":"home"}}}`,
			bot.Event{ID: "EvH", Kind: bot.KindHomeOpened, Type: "app_home_opened", Channel: "D1", User: "U1"}},
		{"messages tab", `{"type":"event_callback","event_id":"EvM","event":{"type":"app_home_opened","user":"U1",
			"channel":"D1","tab":"messages"}}`,
			bot.Event{ID: "EvM", Kind: bot.KindIgnored, Type: "app_home_opened", Channel: "D1", User: "U1"}},
		{"home button", `{"type":"block_actions","user":{"id":"U1"},"container":{"type":"view","view_id":"VU1"},
			"trigger_id":"T9","view":{"id":"VU1","type":"home"},"actions":[{"action_id":"home_nudges","block_id":"b",
			"type":"button","value":"off","action_ts":"1.2"}]}`,
			bot.Event{Kind: bot.KindAction, Type: "block_actions", User: "U1",
				Command: bot.Command{Name: "home_nudges", Value: "off", TriggerID: "T9"}}},
		{"home select", `{"type":"block_actions","user":{"id":"U1"},"container":{"type":"view","view_id":"VU1"},
			"view":{"id":"VU1","type":"home"},"actions":[{"action_id":"home_digest_hour","block_id":"b","type":"static_select",
			"selected_option":{"text":{"type":"plain_text","text":"07:00"},"value":"7"},"action_ts":"1.3"}]}`,
			bot.Event{Kind: bot.KindAction, Type: "block_actions", User: "U1",
				Command: bot.Command{Name: "home_digest_hour", Value: "7"}}},
		{"value wins", `{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"a","value":"v",
			"selected_option":{"value":"o"}}]}`,
			bot.Event{Kind: bot.KindAction, Type: "block_actions", User: "U1", Command: bot.Command{Name: "a", Value: "v"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode([]byte(tc.payload))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want.ID == "" {
				tc.want.ID = got.ID // derived from the payload
			}
			if got.ID != tc.want.ID || got.Kind != tc.want.Kind || got.Type != tc.want.Type || got.Channel != tc.want.Channel ||
				got.User != tc.want.User || got.Command != tc.want.Command {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
			if want := got.Kind != bot.KindIgnored; testkit.Directory(nil).Accept(got) != want {
				t.Errorf("Accept = %v, want %v: the Home's events are stored whatever the channel", !want, want)
			}
		})
	}
}

func TestDecodeRejectsMalformed(t *testing.T) {
	for _, p := range []string{
		``, `{`, `[]`, `{"type":""}`, `{"type":"event_callback"}`, `{"type":"event_callback","event":null}`,
		`{"type":"event_callback","event":"text"}`,
		"{\"type\":\"event_callback\",\"event\":{\"type\":\"message\",\"text\":\"\xff\"}\xff",
	} {
		if _, err := Decode([]byte(p)); err == nil {
			t.Errorf("Decode(%q) succeeded, want an error", p)
		}
	}
}

func TestDecodeInvalidUTF8AndHugeText(t *testing.T) {
	huge := strings.Repeat("é", 20000) // 40 kB
	payload := `{"type":"event_callback","event_id":"E","event":{"type":"message","channel":"C1","user":"U1",` +
		`"ts":"1.2","text":"bad ` + "\xff\xfe " + huge + `"}}`
	ev, err := Decode([]byte(payload))
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(ev.Text) || len(ev.Text) < 40000 {
		t.Fatalf("got text of %d bytes valid=%v, want the whole text as valid UTF-8", len(ev.Text), utf8.ValidString(ev.Text))
	}
}

// TestDecodeSlackSamples decodes each of Slack's published event samples.
func TestDecodeSlackSamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(samplesDir, "*.json"))
	if len(files) == 0 {
		t.Skip("../shared/slack-samples not present")
	}
	unknown := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := Decode(b)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if ev.Kind == bot.KindUnknown {
			unknown++
			t.Logf("%s: unknown type %q", filepath.Base(f), ev.Type)
		}
	}
	if unknown > 0 {
		t.Errorf("got %d samples of unknown type, want every published type classified", unknown)
	}
}

// BenchmarkDecode decodes a real-shaped message event (blocks, team
// fields, a client_msg_id) and a message_changed unfurl: every event is
// decoded twice, at receipt and when recorded.
//
//	go test -run=^$ -bench=Decode ./bot/slackio/
func BenchmarkDecode(b *testing.B) {
	msg := []byte(cb("Ev1", `{"client_msg_id":"0d9c5a7e-4b4f-4f6e-9d57-0e0f1c1a2b3c","type":"message",
		"text":"Has anyone rotated the <https://vault.example.com|vault> root token?","user":"U01ABCDEF",
		"ts":"1700000000.000100",
		"blocks":[{"type":"rich_text","block_id":"x1Y","elements":[{"type":"rich_text_section","elements":[{"type":"text",
		"text":"Has anyone rotated the "},{"type":"link","url":"https://vault.example.com","text":"vault"},{"type":"text",
		"text":" root token?"}]}]}],
		"team":"T01","channel":"C1","event_ts":"1700000000.000100","channel_type":"channel"}`))
	unfurl := []byte(oddShapes[9].payload)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := msg
		if i%2 == 1 {
			p = unfurl
		}
		if _, err := Decode(p); err != nil {
			b.Fatal(err)
		}
	}
}
