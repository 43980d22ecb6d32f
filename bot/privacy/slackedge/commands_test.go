package slackedge

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/bot/outbox"
)

func TestCatalog(t *testing.T) {
	if p := catalog.Problems(); len(p) != 0 {
		t.Fatalf("catalog problems: %v", p)
	}
}

// history: alice and bob each post, and react to the other.
func (w *world) history(t *testing.T) {
	t.Helper()
	w.message(t, "U01", "C01", ts(0), "how do we rotate the zebrakms keys?")
	w.message(t, "U02", "C01", ts(1), "with the quokka runbook")
	w.react(t, "U01", "C01", ts(1), "U02")
	w.react(t, "U02", "C01", ts(0), "U01")
}

func TestPrivacySummaryInTheMembersLanguage(t *testing.T) {
	w := newWorld(t, 8760*time.Hour)
	w.history(t)
	id := w.command(t, "U01", "C01", "privacy")
	row, m := w.out(t, "reply:"+id)
	if row.Method != outbox.PostEphemeral || m.User != "U01" {
		t.Fatalf("got %s to %s for %s, want an ephemeral answer to the caller", row.Method, row.ChannelID, m.User)
	}
	for _, want := range []string{"What Praxis stores about you", "Messages in community channels: 1, with their text: 1",
		"Reactions given: 1", "Recording: on", "erased after 365 days"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("got %q, want %q in it", m.Text, want)
		}
	}
	id = w.command(t, "U02", "C01", "confidentialité")
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "Ce que Praxis conserve") ||
		!strings.Contains(m.Text, "dont 1 avec leur texte") {
		t.Errorf("got %q, want bob's summary in French (his locale)", m.Text)
	}
	// No profile: the community's language.
	id = w.command(t, "U09", "C02", "privacy")
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "Aucun profil") ||
		!strings.Contains(m.Text, "Messages dans les canaux des communautés : 0") {
		t.Errorf("got %q, want an empty summary in French (the Data guild's language)", m.Text)
	}
}

func TestExportSendsTheCallersOwnData(t *testing.T) {
	w := newWorld(t, 0)
	w.history(t)
	id := w.command(t, "U01", "C01", "export")
	row, m := w.out(t, "export:"+id)
	if row.Method != outbox.UploadFile || row.ChannelID != "U01" || m.File == nil {
		t.Fatalf("got %s to %s (file %v), want an upload to alice's DM", row.Method, row.ChannelID, m.File != nil)
	}
	var d struct {
		Member string                      `json:"member"`
		Data   map[string][]map[string]any `json:"data"`
	}
	if err := json.Unmarshal(m.File.Data, &d); err != nil {
		t.Fatal(err)
	}
	messages := d.Data["messages"]
	if d.Member != "U01" || len(messages) != 1 || messages[0]["text"] != "how do we rotate the zebrakms keys?" ||
		len(d.Data["reactions"]) != 1 || d.Data["profile"][0]["real_name"] != "Alice Martin" {
		t.Errorf("got %s", m.File.Data)
	}
	if strings.Contains(string(m.File.Data), "quokka") {
		t.Errorf("alice's export holds bob's words: %s", m.File.Data)
	}
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "JSON") {
		t.Errorf("got reply %q, want it to say the file is on its way", m.Text)
	}
}

// A member can never read or erase another member's data through the bot:
// naming someone else is refused, and nothing is sent or erased.
func TestNobodyActsOnAnotherMember(t *testing.T) {
	w := newWorld(t, 0)
	w.history(t)
	others := []string{
		"export U02", "export <@U02>", "export <@U02|bob>", "privacy U02",
		"forget <@U02>", "pause U02", "exporter moi U02",
	}
	for _, text := range others {
		id := w.command(t, "U01", "C01", text)
		w.noOut(t, "export:"+id)
		_, m := w.out(t, "reply:"+id)
		if !strings.Contains(m.Text, "only see, export or erase your own data") || len(m.Blocks) > 0 {
			t.Errorf("%q: got %q, want a refusal without buttons", text, m.Text)
		}
	}
	// Oneself named is oneself.
	id := w.command(t, "U01", "C01", "export <@U01>")
	if row, _ := w.out(t, "export:"+id); row.ChannelID != "U01" {
		t.Errorf("got the export sent to %s", row.ChannelID)
	}
	p, err := w.st.Privacy(context.Background(), "U02")
	if err != nil || !p.Paused.IsZero() || !p.Forgotten.IsZero() {
		t.Errorf("got %+v, %v: bob was paused or forgotten by alice", p, err)
	}
}

// confirmValue is the value of the confirmation's "Forget me" button.
func confirmValue(t *testing.T, m outbox.Message) string {
	t.Helper()
	var blocks []struct {
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.ActionID == ActionForget {
				return e.Value
			}
		}
	}
	t.Fatalf("no %s button in %s", ActionForget, m.Blocks)
	return ""
}

func TestForgetAfterConfirmationOnly(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, 0)
	w.history(t)
	id := w.command(t, "U01", "C01", "forget")
	_, m := w.out(t, "reply:"+id)
	value := confirmValue(t, m)
	if !strings.HasPrefix(value, "U01|") || !strings.Contains(m.Text, "cannot be undone") {
		t.Fatalf("got %q with value %q, want the warning and a button for alice", m.Text, value)
	}
	stillThere := func(member string) {
		t.Helper()
		if s, err := w.st.PrivacySummary(ctx, member); err != nil || s.MessagesWithText != 1 || !s.Forgotten.IsZero() {
			t.Fatalf("got %+v, %v: %s's data is no longer there", s, err, member)
		}
	}
	stillThere("U01")

	// Bob clicks alice's button; alice clicks a button forged for bob; an
	// old confirmation; cancel: nothing is erased.
	for _, c := range []struct{ user, action, value, want string }{
		{"U02", ActionForget, value, "est réservé à la personne"},
		{"U01", ActionForget, "U02|" + strings.TrimPrefix(value, "U01|"), "belongs to the member"},
		{"U01", ActionForget, fmt.Sprintf("U01|%d", start.Add(-2*time.Hour).Unix()), "too old"},
		{"U01", ActionForget, "U01|soon", "too old"},
		{"U01", ActionCancel, "U01", "Nothing was erased"},
	} {
		id := w.click(t, c.user, "C01", c.action, c.value)
		if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, c.want) {
			t.Errorf("%+v: got %q", c, m.Text)
		}
		stillThere("U01")
		stillThere("U02")
	}

	id = w.click(t, "U01", "C01", ActionForget, value)
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "Praxis has erased") {
		t.Errorf("got %q, want the erasure confirmed", m.Text)
	}
	s, err := w.st.PrivacySummary(ctx, "U01")
	if err != nil || s.Forgotten.IsZero() || s.Messages != 0 || s.Reactions != 0 || s.Profile {
		t.Fatalf("got %+v, %v; want alice forgotten", s, err)
	}
	stillThere("U02")
	if hits, _ := w.st.Search(ctx, "zebrakms", 5); len(hits) != 0 {
		t.Errorf("the index still finds alice's words: %+v", hits)
	}
	// The store told its followers (expert finding) once the erasure was
	// committed, with no word from the handler.
	if n := w.told(); n != 1 {
		t.Errorf("got %d commits told as erasing a member, want 1", n)
	}
	// The same button again: idempotent.
	id = w.click(t, "U01", "C01", ActionForget, value)
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "already forgotten") {
		t.Errorf("got %q, want 'already'", m.Text)
	}
	if n := w.told(); n != 1 {
		t.Errorf("got %d commits told as erasing a member: the second confirmation forgot again", n)
	}
	// What alice posts and reacts later is only counted, anonymously.
	w.message(t, "U01", "C01", ts(10), "zebrakms again")
	w.react(t, "U01", "C01", ts(1), "U02")
	if s, _ := w.st.PrivacySummary(ctx, "U01"); s.Messages != 0 || s.Reactions != 0 {
		t.Errorf("got %+v after alice posted again", s)
	}
	if m, err := w.st.MessageByTS(ctx, "C01", ts(10)); err != nil || m.Text != "" || m.UserID != "" {
		t.Errorf("got %+v, %v; want an anonymous row without text", m, err)
	}
}

func TestPauseThenResume(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, 0)
	w.history(t)
	w.set(start.Add(5 * time.Minute))
	id := w.command(t, "U01", "C01", "pause")
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "Paused") {
		t.Errorf("got %q", m.Text)
	}
	w.message(t, "U01", "C01", ts(6), "secret zebrakms plans")
	w.react(t, "U01", "C01", ts(1), "U02")
	msg, err := w.st.MessageByTS(ctx, "C01", ts(6))
	if err != nil || msg.Text != "" || msg.UserID != "U01" {
		t.Fatalf("got %+v, %v; want alice's message counted without text", msg, err)
	}
	id = w.command(t, "U01", "C01", "privacy")
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "paused since 2025-03-03") ||
		!strings.Contains(m.Text, "Messages in community channels: 2, with their text: 1") {
		t.Errorf("got %q, want the pause and both messages counted", m.Text)
	}
	id = w.command(t, "U01", "C01", "pause")
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "already paused") {
		t.Errorf("got %q", m.Text)
	}
	w.set(start.Add(8 * time.Minute))
	id = w.command(t, "U01", "C01", "resume")
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "records your messages' text again") {
		t.Errorf("got %q", m.Text)
	}
	w.message(t, "U01", "C01", ts(9), "public zebrakms plans")
	if msg, _ := w.st.MessageByTS(ctx, "C01", ts(9)); msg.Text != "public zebrakms plans" {
		t.Errorf("got %q after resuming", msg.Text)
	}
	id = w.command(t, "U02", "C01", "reprendre")
	if _, m := w.out(t, "reply:"+id); !strings.Contains(m.Text, "n'était pas en pause") {
		t.Errorf("got %q, want bob told in French he was not paused", m.Text)
	}
}

// A DM to Praxis is answered in the DM; an @mention in a channel is
// answered privately, never in the thread.
func TestRepliesArePrivate(t *testing.T) {
	w := newWorld(t, 0)
	w.feed(t, `{"type":"event_callback","event_id":"EvM","event":{"type":"app_mention","channel":"C01","user":"U01",`+
		`"text":"<@UPRAXIS> privacy","ts":"1741000000.000100"}}`)
	row, m := w.out(t, "reply:EvM")
	if row.Method != outbox.PostEphemeral || m.User != "U01" || m.ThreadTS != "" {
		t.Errorf("got %s in %s (user %q, thread %q), want an ephemeral answer", row.Method, row.ChannelID, m.User, m.ThreadTS)
	}
	w.feed(t, `{"type":"event_callback","event_id":"EvD","event":{"type":"message","channel":"D01","channel_type":"im",`+
		`"user":"U01","text":"export","ts":"1741000000.000200"}}`)
	if row, _ := w.out(t, "export:EvD"); row.ChannelID != "U01" {
		t.Errorf("got the export to %s", row.ChannelID)
	}
	w.noOut(t, "reply:EvD") // the file comes into the DM itself
}
