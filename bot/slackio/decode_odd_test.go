package slackio

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
)

// appBackendDir is Slack's own interaction and slash command samples.
const appBackendDir = "../../../shared/slack-samples/app-backend"

// cb wraps an event in a real callback envelope, as Slack sends it.
func cb(id, event string) string {
	return `{"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"` + id +
		`","event_time":1700000100,"authorizations":[{"team_id":"T1","user_id":"UB","is_bot":true}],` +
		`"is_ext_shared_channel":false,"event_context":"4-x","event":` + event + `}`
}

// oddShapes are payloads of shapes real Slack sends that its documentation
// does not promise. Each decodes (want) or is skipped as unusable (err).
var oddShapes = []struct {
	name    string
	payload string
	want    bot.Event // the fields compared: Kind, Channel, User, TS, ThreadTS, EditedTS, Text, Files
	err     error
}{
	{"message_changed with a numeric channel_id", cb("Ev1", `{"type":"message","subtype":"message_changed","channel":"C1",
		"hidden":true,"channel_type":"channel","ts":"1700000100.000200","event_ts":"1700000100.000200",
		"message":{"type":"message","user":"U1","text":"fixed","ts":"1700000000.000100","channel_id":6147346546,
		"edited":{"user":"U1","ts":"1700000100.000000"},"source_team":"T1","user_team":"T1","client_msg_id":"c1"},
		"previous_message":{"type":"message","user":"U1","text":"fixd","ts":"1700000000.000100"}}`),
		bot.Event{Kind: bot.KindEdit, Channel: "C1", User: "U1", TS: "1700000000.000100",
			EditedTS: "1700000100.000000", Text: "fixed"}, nil},
	{"edited null", cb("Ev2", `{"type":"message","subtype":"message_changed","channel":"C1","event_ts":"1700000200.000300",
		"message":{"user":"U1","text":"t","ts":"1700000000.000100","edited":null}}`),
		bot.Event{Kind: bot.KindEdit, Channel: "C1", User: "U1", TS: "1700000000.000100",
			EditedTS: "1700000200.000300", Text: "t"}, nil},
	{"edited of a wrong type: the event's time stands in", cb("Ev3", `{"type":"message","subtype":"message_changed",
		"channel":"C1","event_ts":"1700000200.000300","message":{"user":"U1","text":"t","ts":"1700000000.000100",
		"edited":"yes"}}`),
		bot.Event{Kind: bot.KindEdit, Channel: "C1", User: "U1", TS: "1700000000.000100",
			EditedTS: "1700000200.000300", Text: "t"}, nil},
	{"files null", cb("Ev4", `{"type":"message","subtype":"file_share","channel":"C1","user":"U1","text":"the runbook",
		"ts":"1700000000.000100","files":null,"upload":false}`),
		bot.Event{Kind: bot.KindMessage, Channel: "C1", User: "U1", TS: "1700000000.000100", Text: "the runbook"}, nil},
	{"files of odd elements: the usable ones are taken", cb("Ev5", `{"type":"message","subtype":"file_share",
		"channel":"C1","user":"U1","text":"x","ts":"1700000000.000100",
		"files":[null,"F0",{"id":"F1","name":"a.pdf","title":"A","permalink":"https://x.slack.com/files/U1/F1/a.pdf",
		"size":1234,"is_external":false}]}`),
		bot.Event{Kind: bot.KindMessage, Channel: "C1", User: "U1", TS: "1700000000.000100", Text: "x",
			Files: []bot.File{{ID: "F1", Name: "a.pdf", Title: "A", URL: "https://x.slack.com/files/U1/F1/a.pdf"}}}, nil},
	{"files an object: the message is kept", cb("Ev6", `{"type":"message","channel":"C1","user":"U1","text":"x",
		"ts":"1700000000.000100","files":{"id":"F1"}}`),
		bot.Event{Kind: bot.KindMessage, Channel: "C1", User: "U1", TS: "1700000000.000100", Text: "x"}, nil},
	{"blocks of unknown types", cb("Ev7", `{"type":"message","channel":"C1","user":"U1","text":"hi",
		"ts":"1700000000.000100",
		"blocks":[{"type":"brand_new_block","block_id":7,"elements":[{"type":"rich_text_future","n":[1,2,{"x":null}]}]},
		{"type":"rich_text","elements":null}]}`),
		bot.Event{Kind: bot.KindMessage, Channel: "C1", User: "U1", TS: "1700000000.000100", Text: "hi"}, nil},
	{"user as an object (user_change)", cb("Ev8", `{"type":"user_change","user":{"id":"U9","team_id":"T1","name":"n",
		"deleted":false,"tz_offset":3600,"profile":{"status_expiration":0,"fields":null},"updated":1700000000},
		"cache_ts":1700000000,"event_ts":"1700000000.000400"}`),
		bot.Event{Kind: bot.KindMemberChange, User: "U9"}, nil},
	{"bot_profile", cb("Ev9", `{"type":"message","subtype":"bot_message","channel":"C1","bot_id":"B1","text":"deploy done",
		"ts":"1700000000.000100",
		"bot_profile":{"id":"B1","deleted":false,"name":"ci","updated":1690000000,"app_id":"A9",
		"icons":{"image_36":"https://x"},"team_id":"T1"}}`),
		bot.Event{Kind: bot.KindMessage, Channel: "C1", TS: "1700000000.000100", Text: "deploy done"}, nil},
	{"attachments with numbers (an unfurl)", cb("Ev10", `{"type":"message","subtype":"message_changed","channel":"C1",
		"event_ts":"1700000001.000500","message":{"user":"U1","text":"<https://go.dev>","ts":"1700000000.000100",
		"attachments":[{"id":1,"ts":1699999999,"from_url":"https://go.dev","original_url":"https://go.dev",
		"service_name":"go.dev","title":"Go","image_width":250,"image_bytes":4096,"video_html_width":12.5}]}}`),
		bot.Event{Kind: bot.KindEdit, Channel: "C1", User: "U1", TS: "1700000000.000100",
			EditedTS: "1700000001.000500", Text: "<https://go.dev>"}, nil},
	{"a numeric ts is taken as written", cb("Ev11", `{"type":"message","channel":"C1","user":"U1","text":"x",
		"ts":1700000000.000100,"thread_ts":null}`),
		bot.Event{Kind: bot.KindMessage, Channel: "C1", User: "U1", TS: "1700000000.000100", Text: "x"}, nil},
	{"event_time as a string, a float, or huge", `{"type":"event_callback","event_id":"Ev12","event_time":1e308,
		"event":{"type":"message","channel":"C1","user":"U1","text":"x","ts":"1700000000.000100"}}`,
		bot.Event{Kind: bot.KindMessage, Channel: "C1", User: "U1", TS: "1700000000.000100", Text: "x"}, nil},
	{"reaction with a null item_user and extra item fields", cb("Ev13", `{"type":"reaction_added","user":"U2",
		"reaction":"white_check_mark","item_user":null,"item":{"type":"message","channel":"C1","ts":"1700000000.000100",
		"extra":[1]},"event_ts":"1700000300.000100"}`),
		bot.Event{Kind: bot.KindReactionAdded, Channel: "C1", User: "U2", TS: "1700000000.000100"}, nil},
	{"message_changed whose message is null", cb("Ev14", `{"type":"message","subtype":"message_changed","channel":"C1",
		"ts":"1700000200.000300","message":null}`),
		bot.Event{Kind: bot.KindEdit, Channel: "C1", EditedTS: "1700000200.000300"}, nil},
	{"a pin with a numeric pinned_ts and an object created_by", cb("Ev15", `{"type":"pin_added","user":"U3",
		"channel_id":"C1","item":{"type":"message","created":1700000100,"created_by":{"id":"U3"},
		"message":{"type":"message","user":"U1","text":"Runbook","ts":"1700000000.000100","pinned_to":null}},
		"pinned_info":{"channel":"C1","pinned_by":"U3","pinned_ts":1700000100},"event_ts":"1700000100.000200"}`),
		bot.Event{Kind: bot.KindPin, Channel: "C1", User: "U3", TS: "1700000000.000100"}, nil},
	{"a text that is an array", cb("Ev16", `{"type":"message","channel":"C1","user":"U1","text":["a"],
		"ts":"1700000000.000100"}`), bot.Event{}, ErrUnusable},
	{"a ts that is an object", cb("Ev17", `{"type":"message","channel":"C1","user":"U1","text":"a","ts":{"s":1}}`),
		bot.Event{}, ErrUnusable},
	{"a reaction whose item is a string", cb("Ev18", `{"type":"reaction_added","user":"U2","reaction":"eyes",
		"item":"C1"}`), bot.Event{}, ErrUnusable},
	{"a message_changed whose message is a string", cb("Ev19", `{"type":"message","subtype":"message_changed",
		"channel":"C1","message":"oops"}`), bot.Event{}, ErrUnusable},
	{"an event type that is a number: an unknown type", cb("Ev20", `{"type":5,"channel":"C1"}`),
		bot.Event{Kind: bot.KindUnknown, Channel: "C1"}, nil},
	{"an event type that is an object", cb("Ev20", `{"type":{"t":"message"},"channel":"C1"}`), bot.Event{}, ErrUnusable},
	{"an envelope type that is an object", `{"type":{"t":"event_callback"},"event_id":"Ev21","event":{"type":"message"}}`,
		bot.Event{}, ErrMalformed},
	{"an event_id that is an object", `{"type":"event_callback","event_id":{"id":"Ev22"},"event":{"type":"message"}}`,
		bot.Event{}, ErrMalformed},
	{"an event that is an array", `{"type":"event_callback","event_id":"Ev23","event":[{"type":"message"}]}`,
		bot.Event{}, ErrMalformed},
}

// TestDecodeOddShapes: a field Praxis does not read never rejects an event;
// one it reads is taken when it can be (a number for a string), and the
// event is skipped as unusable otherwise. Only a broken envelope is
// malformed (HTTP 400).
func TestDecodeOddShapes(t *testing.T) {
	for _, tc := range oddShapes {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode([]byte(tc.payload))
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("got %+v, %v; want %v", got, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			w := tc.want
			if got.Kind != w.Kind || got.Channel != w.Channel || got.User != w.User ||
				got.TS != w.TS || got.ThreadTS != w.ThreadTS || got.EditedTS != w.EditedTS ||
				got.Text != w.Text || !reflect.DeepEqual(got.Files, w.Files) {
				t.Fatalf("got %+v\nwant %+v", got, w)
			}
		})
	}
}

// FuzzDecode: whatever the bytes, Decode does not panic; an event it
// returns has an id and a kind and only valid UTF-8; it fails only as
// malformed or unusable, and malformed only when the envelope itself is
// broken; a field it does not know, of any shape, changes nothing.
func FuzzDecode(f *testing.F) {
	for _, dir := range []string{samplesDir, appBackendDir} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, tc := range oddShapes {
		f.Add([]byte(tc.payload))
	}
	f.Add([]byte(`{"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel":"C1","user":"U1",
		"text":"<https://x|y>","ts":"1.2"}}`))
	f.Add(NormalizeCommand(map[string]string{"command": "/praxis", "text": "status", "user_id": "U1", "trigger_id": "T1"}))
	f.Add([]byte(`{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"a","value":"v"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ev, err := Decode(b)
		if err != nil {
			checkFailure(t, b, err)
			return
		}
		if ev.ID == "" || ev.Kind == "" {
			t.Fatalf("decoded event without id or kind: %+v", ev)
		}
		texts := []string{ev.Text, ev.Channel, ev.User, ev.TS, ev.ThreadTS, ev.Name, ev.Command.Text, ev.Command.Value}
		for _, s := range texts {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 escaped the decoder: %+v", ev)
			}
		}
		checkUnknownFieldIgnored(t, b, ev)
		checkOddValues(t, b)
	})
}

// oddValues are the shapes real Slack puts where its documentation says
// otherwise: null, numbers (one too big for any integer), an empty array
// where an object is, an object where a string is.
var oddValues = []string{`null`, `6147346546`, `1e308`, `[]`, `{}`, `""`, `[{"id":1}]`, `true`}

// checkOddValues gives one field of the event (chosen by the input) each
// odd shape in turn: the event decodes, or is skipped as unusable; never
// malformed (a 400), since its envelope is sound.
func checkOddValues(t *testing.T, b []byte) {
	var env map[string]json.RawMessage
	var event map[string]json.RawMessage
	if json.Unmarshal(b, &env) != nil || json.Unmarshal(env["event"], &event) != nil || len(event) == 0 {
		return
	}
	keys := make([]string, 0, len(event))
	for k := range event {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	key := keys[len(b)%len(keys)]
	for _, v := range oddValues {
		event[key] = json.RawMessage(v)
		env["event"], _ = json.Marshal(event)
		b2, err := json.Marshal(env)
		if err != nil {
			return
		}
		if _, err := Decode(b2); errors.Is(err, ErrMalformed) {
			t.Fatalf("event.%s = %s made a sound envelope malformed: %v", key, v, err)
		}
	}
}

// checkFailure: an error is ErrMalformed or ErrUnusable, and ErrMalformed
// only when the envelope's own essentials are broken.
func checkFailure(t *testing.T, b []byte, err error) {
	if errors.Is(err, ErrUnusable) {
		return
	}
	if !errors.Is(err, ErrMalformed) {
		t.Fatalf("got %v, want ErrMalformed or ErrUnusable", err)
	}
	var env map[string]json.RawMessage
	if json.Unmarshal(b, &env) != nil || env == nil {
		return
	}
	var typ, id string
	okType := json.Unmarshal(env["type"], &typ) == nil && typ == "event_callback"
	_, hasID := env["event_id"]
	okID := !hasID || json.Unmarshal(env["event_id"], &id) == nil
	var event map[string]json.RawMessage
	okEvent := json.Unmarshal(env["event"], &event) == nil && event != nil
	if okType && okID && okEvent {
		t.Fatalf("got %v for a sound envelope, want the event decoded or skipped as unusable", err)
	}
}

// checkUnknownFieldIgnored adds a field Praxis does not know, of an odd
// shape, to the event and to the message inside it: the event decodes the
// same.
func checkUnknownFieldIgnored(t *testing.T, b []byte, want bot.Event) {
	var env map[string]json.RawMessage
	var event map[string]json.RawMessage
	if json.Unmarshal(b, &env) != nil || json.Unmarshal(env["event"], &event) != nil || event == nil {
		return
	}
	odd := json.RawMessage(`{"n":[6147346546,null,{"x":true}],"s":"\u00e9"}`)
	event["zz_praxis_unknown"] = odd
	var msg map[string]json.RawMessage
	if json.Unmarshal(event["message"], &msg) == nil && msg != nil {
		msg["zz_praxis_unknown"] = odd
		event["message"], _ = json.Marshal(msg)
	}
	env["event"], _ = json.Marshal(event)
	b2, err := json.Marshal(env)
	if err != nil {
		return
	}
	got, err := Decode(b2)
	if err != nil {
		t.Fatalf("an unknown field made the event fail: %v\n%s", err, b2)
	}
	if strings.Contains(want.ID, ":") { // derived from the bytes, which changed
		got.ID = want.ID
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("an unknown field changed the event:\ngot  %+v\nwant %+v", got, want)
	}
}

// Over HTTP, the odd shapes are acknowledged (200): stored when usable,
// skipped and counted when a field they need is unusable; only a broken
// envelope gets 400. A real message_changed with a numeric channel_id got
// 400 (and was dropped after Slack's retries).
func TestHTTPAcknowledgesOddShapes(t *testing.T) {
	r := newHTTPRig(t)
	want := map[error]int{nil: http.StatusOK, ErrUnusable: http.StatusOK, ErrMalformed: http.StatusBadRequest}
	unusable := 0
	for _, tc := range oddShapes {
		if code := r.post(t, "/slack/events", []byte(tc.payload), time.Now(), false); code != want[tc.err] {
			t.Errorf("%s: got %d, want %d", tc.name, code, want[tc.err])
		}
		if tc.err == ErrUnusable {
			unusable++
		}
	}
	if n := testutil.ToFloat64(r.m.EventsUnusable); n != float64(unusable) {
		t.Errorf("got %v events counted unusable, want %d", n, unusable)
	}
	rows, err := r.st.PendingInbox(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, row := range rows {
		stored[row.EventID] = true
	}
	if !stored["Ev1"] || stored["Ev16"] {
		t.Errorf("got stored %v, want the numeric channel_id's edit (Ev1) and not the array text (Ev16)", stored)
	}
}
