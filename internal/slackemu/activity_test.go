package slackemu

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

func TestActivityEvents(t *testing.T) {
	s := newEmu(t, Options{PingInterval: 50 * time.Millisecond})
	client := startSocketMode(t, s)
	var root, reply string
	tests := []struct {
		name  string
		act   func()
		check func(t *testing.T, data any)
	}{
		{"message", func() { root = s.UserMessage("CGEN", "UALICE", "root") }, func(t *testing.T, data any) {
			if m := data.(*slackevents.MessageEvent); m.Text != "root" || m.ClientMsgID == "" {
				t.Errorf("message = %+v", m)
			}
		}},
		{"thread broadcast", func() {
			reply = s.UserMessage("CGEN", "UBOB", "reply", InThread(root), Broadcast())
		}, func(t *testing.T, data any) {
			if m := data.(*slackevents.MessageEvent); m.SubType != "thread_broadcast" || m.ThreadTimeStamp != root {
				t.Errorf("broadcast = %+v", m)
			}
		}},
		{"file share", func() {
			s.UserMessage("CGEN", "UALICE", "see file", WithFile(File{Name: "notes.txt", Title: "Notes"}))
		}, func(t *testing.T, data any) {
			m := data.(*slackevents.MessageEvent)
			files := m.Message.Files
			if m.SubType != "file_share" || len(files) != 1 || files[0].Title != "Notes" ||
				!strings.HasPrefix(files[0].ID, "F") {
				t.Errorf("file share = %+v", m.Message)
			}
		}},
		{"edit", func() { s.EditMessage("CGEN", root, "UALICE", "root, edited") }, func(t *testing.T, data any) {
			m := data.(*slackevents.MessageEvent)
			if m.SubType != "message_changed" || m.Message.Text != "root, edited" || m.Message.Edited == nil ||
				m.PreviousMessage.Text != "root" {
				t.Errorf("message_changed = %+v / %+v", m.Message, m.PreviousMessage)
			}
		}},
		{"react", func() { s.React("CGEN", root, "UBOB", "tada") }, func(t *testing.T, data any) {
			r := data.(*slackevents.ReactionAddedEvent)
			if r.Reaction != "tada" || r.User != "UBOB" || r.ItemUser != "UALICE" ||
				r.Item.Timestamp != root || r.Item.Channel != "CGEN" {
				t.Errorf("reaction_added = %+v", r)
			}
		}},
		{"unreact", func() { s.Unreact("CGEN", root, "UBOB", "tada") }, func(t *testing.T, data any) {
			if r := data.(*slackevents.ReactionRemovedEvent); r.Reaction != "tada" {
				t.Errorf("reaction_removed = %+v", r)
			}
		}},
		{"delete", func() { s.DeleteMessage("CGEN", reply) }, func(t *testing.T, data any) {
			m := data.(*slackevents.MessageEvent)
			if m.SubType != "message_deleted" || m.DeletedTimeStamp != reply || m.PreviousMessage.Text != "reply" {
				t.Errorf("message_deleted = %+v", m)
			}
		}},
		{"leave", func() { s.Leave("CGEN", "UBOB") }, func(t *testing.T, data any) {
			if m := data.(*slackevents.MemberLeftChannelEvent); m.User != "UBOB" || m.ChannelType != "C" {
				t.Errorf("member_left_channel = %+v", m)
			}
		}},
		{"join", func() { s.Join("CGEN", "UBOB") }, func(t *testing.T, data any) {
			if m := data.(*slackevents.MemberJoinedChannelEvent); m.User != "UBOB" || m.Channel != "CGEN" {
				t.Errorf("member_joined_channel = %+v", m)
			}
		}},
		{"join message", func() {}, func(t *testing.T, data any) {
			if m := data.(*slackevents.MessageEvent); m.SubType != "channel_join" || m.User != "UBOB" {
				t.Errorf("channel_join = %+v", m)
			}
		}},
		{"rename", func() { s.RenameChannel("CGEN", "town-square") }, func(t *testing.T, data any) {
			if r := data.(*slackevents.ChannelRenameEvent); r.Channel.Name != "town-square" || r.Channel.ID != "CGEN" {
				t.Errorf("channel_rename = %+v", r)
			}
		}},
		{"app home", func() { s.OpenAppHome("UALICE") }, func(t *testing.T, data any) {
			h := data.(*slackevents.AppHomeOpenedEvent)
			if h.User != "UALICE" || h.Tab != "home" || !strings.HasPrefix(h.Channel, "D") {
				t.Errorf("app_home_opened = %+v", h)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.act()
			req, ev := eventsAPI(t, client)
			client.Ack(*req)
			tt.check(t, ev.InnerEvent.Data)
		})
	}
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}

	// The history reflects the activity.
	hist, err := s.Client().GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "CGEN"})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, m := range hist.Messages {
		texts = append(texts, m.Text)
	}
	if got, want := strings.Join(texts, "|"), "<@UBOB> has joined the channel|see file|root, edited"; got != want {
		t.Errorf("history = %s, want %s", got, want)
	}
}

func TestDeliverRawSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "slack-samples", "events")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no samples in %s", dir)
	}
	s := newEmu(t, Options{PingInterval: 50 * time.Millisecond})
	client := startSocketMode(t, s)
	for _, name := range []string{"AppMentionPayload.json", "ReactionAddedPayload.json", "MessagePayload.json"} {
		payload, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeliverRaw(payload); err != nil {
			t.Fatal(err)
		}
		req, _ := eventsAPI(t, client)
		var want bytes.Buffer
		if err := json.Compact(&want, payload); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(req.Payload, want.Bytes()) { // Socket Mode frames are compact JSON
			t.Errorf("%s was not delivered as is", name)
		}
		client.Ack(*req)
	}
	if err := s.DeliverRaw([]byte("[1]")); err == nil {
		t.Error("DeliverRaw accepted a JSON array")
	}
}

func TestSlashCommandAndResponses(t *testing.T) {
	s := newEmu(t, Options{PingInterval: 50 * time.Millisecond})
	client := startSocketMode(t, s)
	if err := s.SlashCommand("UALICE", "CGEN", "digest now"); err != nil {
		t.Fatal(err)
	}
	e := nextEvent(t, client, socketmode.EventTypeSlashCommand)
	cmd := e.Data.(slack.SlashCommand)
	if cmd.Command != "/praxis" || cmd.Text != "digest now" || cmd.UserID != "UALICE" || cmd.UserName != "alice" ||
		cmd.ChannelID != "CGEN" || cmd.TriggerID == "" || !strings.HasPrefix(cmd.ResponseURL, s.URL()) {
		t.Errorf("command = %+v", cmd)
	}
	if !e.Request.AcceptsResponsePayload {
		t.Error("slash_commands envelope does not accept a response payload")
	}
	client.Ack(*e.Request, map[string]any{"text": "Working on it"})
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	answer := `{"response_type":"in_channel","text":"Digest posted"}`
	resp, err := http.Post(cmd.ResponseURL, "application/json", strings.NewReader(answer))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	req, ev := eventsAPI(t, client) // the in_channel response is a bot message
	client.Ack(*req)
	if m := ev.InnerEvent.Data.(*slackevents.MessageEvent); m.Text != "Digest posted" || m.BotID != "BPRAXIS" {
		t.Errorf("in_channel response event = %+v", m)
	}
	posted := s.Posted()
	if len(posted) != 2 {
		t.Fatalf("Posted = %+v, want the ack and the response", posted)
	}
	if p := posted[0]; p.Method != "ack" || p.Text != "Working on it" || !p.Ephemeral ||
		p.User != "UALICE" || p.Channel != "CGEN" {
		t.Errorf("ack Posted = %+v", p)
	}
	if p := posted[1]; p.Method != "response_url" || p.Ephemeral || p.TS == "" {
		t.Errorf("response_url Posted = %+v", p)
	}
}

func TestBlockAction(t *testing.T) {
	s := newEmu(t, Options{PingInterval: 50 * time.Millisecond})
	client := startSocketMode(t, s)
	label := slack.NewTextBlockObject("plain_text", "Approve", false, false)
	button := slack.NewButtonBlockElement("approve", "yes", label)
	_, ts, err := client.PostMessage("CGEN", slack.MsgOptionText("Approve?", false),
		slack.MsgOptionBlocks(slack.NewActionBlock("decision", button)))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := eventsAPI(t, client) // the bot's own message
	client.Ack(*req)
	if err := s.BlockAction("UBOB", "CGEN", ts, "missing", ""); err == nil {
		t.Error("BlockAction on a missing element succeeded")
	}
	if err := s.BlockAction("UBOB", "CGEN", ts, "approve", "yes"); err != nil {
		t.Fatal(err)
	}
	e := nextEvent(t, client, socketmode.EventTypeInteractive)
	cb := e.Data.(slack.InteractionCallback)
	if cb.Type != slack.InteractionTypeBlockActions || cb.User.ID != "UBOB" || cb.Message.Timestamp != ts ||
		len(cb.ActionCallback.BlockActions) != 1 {
		t.Fatalf("callback = %+v", cb)
	}
	a := cb.ActionCallback.BlockActions[0]
	if a.ActionID != "approve" || a.BlockID != "decision" || a.Value != "yes" || a.Type != "button" {
		t.Errorf("action = %+v", a)
	}
	client.Ack(*e.Request)
	replace := `{"replace_original":true,"text":"Approved by <@UBOB>"}`
	resp, err := http.Post(cb.ResponseURL, "application/json", strings.NewReader(replace))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	req, ev := eventsAPI(t, client)
	client.Ack(*req)
	m := ev.InnerEvent.Data.(*slackevents.MessageEvent)
	if m.SubType != "message_changed" || m.Message.Text != "Approved by <@UBOB>" {
		t.Errorf("replace_original event = %+v", m)
	}
}
