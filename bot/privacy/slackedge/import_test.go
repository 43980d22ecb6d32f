package slackedge

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/history"
)

// writeExport writes a small Slack export: alice asks, bob answers in the
// thread and alice thanks him with ✅ and a link. Some of alice's words
// and names are hers only (see aliceBytes).
func writeExport(t *testing.T) string {
	t.Helper()
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	type M = map[string]any
	files := map[string]string{
		"users.json": js([]M{
			{"id": "U01", "name": "alice", "real_name": "Alice Martin", "tz": "Europe/London", "locale": "en-US",
				"profile": M{"display_name": "Alicewonder"}},
			{"id": "U02", "name": "bob", "real_name": "Bob Durand", "tz": "Europe/Paris"},
		}),
		"channels.json": js([]M{{"id": "C01", "name": "security", "created": 1452837318, "members": []string{"U01", "U02"}}}),
		"security/2025-03-03.json": js([]M{
			{
				"type":        "message",
				"user":        "U01",
				"text":        "how do we rotate the Zebrakms keys? <https://wiki.example.com/kms|Keyrotationbook>",
				"ts":          ts(0),
				"thread_ts":   ts(0),
				"reply_count": 1,
			},
			{
				"type":           "message",
				"user":           "U02",
				"text":           "with the quokka runbook",
				"ts":             ts(1),
				"thread_ts":      ts(0),
				"parent_user_id": "U01",
				"reactions":      []M{{"name": "white_check_mark", "users": []string{"U01"}, "count": 1}},
			},
		}),
	}
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func importExport(t *testing.T, w *world, dir string) {
	t.Helper()
	e, err := history.OpenExport(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	// "#security" resolved against the export, as praxis import does.
	resolved, missing := e.ResolveChannels([]string{"#security"})
	if len(missing) > 0 {
		t.Fatalf("got %v missing from the export", missing)
	}
	guild := bot.Community{Name: "Security guild", Language: "en", Loc: time.UTC,
		Channels: []bot.Channel{resolved["#security"]}}
	opts := history.Options{Communities: []bot.Community{guild}}
	if _, err := history.Import(context.Background(), w.st, e, opts); err != nil {
		t.Fatal(err)
	}
}

// Forgotten stays forgotten: importing the export again, and live events
// carrying alice's old messages (an edit, a redelivery), bring back
// neither her words nor her identity.
func TestForgottenAcrossReimportAndLiveEvents(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, 0)
	dir := writeExport(t)
	importExport(t, w, dir)
	s, err := w.st.PrivacySummary(ctx, "U01")
	if err != nil || s.MessagesWithText != 1 || s.Reactions != 1 || s.Resources != 1 || s.Channels != 1 {
		t.Fatalf("got %+v, %v after the import", s, err)
	}
	id := w.command(t, "U01", "C01", "forget")
	_, m := w.out(t, "reply:"+id)
	w.click(t, "U01", "C01", ActionForget, confirmValue(t, m))
	before, err := w.st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	importExport(t, w, dir)
	w.feed(t,
		fmt.Sprintf(`{"type":"event_callback","event_id":"EvE","event":{"type":"message","subtype":"message_changed",`+
			`"channel":"C01","ts":%q,"message":{"user":"U01","text":"zebrakms edited","ts":%q,"edited":{"user":"U01",`+
			`"ts":%q}}}}`,
			ts(30), ts(0), ts(30)),
		fmt.Sprintf(`{"type":"event_callback","event_id":"EvR","event":{"type":"message","channel":"C01","user":"U01",`+
			`"text":"how do we rotate the zebrakms keys?","ts":%q}}`, ts(0)),
	)
	s, err = w.st.PrivacySummary(ctx, "U01")
	if err != nil {
		t.Fatal(err)
	}
	if s.Forgotten.IsZero() || s.Profile || s.Messages != 0 || s.Reactions != 0 || s.Resources != 0 || s.Channels != 0 {
		t.Errorf("got %+v: alice came back", s)
	}
	msg, err := w.st.MessageByTS(ctx, "C01", ts(0))
	if err != nil || msg.Text != "" || msg.UserID != "" {
		t.Errorf("got %+v, %v; want alice's question as an anonymous row without text", msg, err)
	}
	if hits, _ := w.st.Search(ctx, "zebrakms", 5); len(hits) != 0 {
		t.Errorf("the index finds alice's words again: %+v", hits)
	}
	if hits, _ := w.st.Search(ctx, "quokka", 5); len(hits) != 1 {
		t.Errorf("got %d hits for bob's words, want his answer", len(hits))
	}
	after, err := w.st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Messages != before.Messages || after.Messages != 2 || after.Members != before.Members {
		t.Errorf("got %+v, then %+v; want the same counts (both messages counted, no member added)", before, after)
	}
	if err := w.st.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
}
