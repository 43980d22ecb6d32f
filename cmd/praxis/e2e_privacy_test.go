package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/internal/dbbytes"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
	"praxis/store"
)

// Members' privacy end to end, through run() against the emulator: alice
// sees what is stored about her (in French, her locale), gets it as a file
// in her DM, cannot get bob's, pauses and resumes, and is forgotten once
// she confirms (and only by her own click).
func TestE2EPrivacy(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	w.start(t)
	w.emu.UserMessage("C01", "U01", "zebrakms keys rotate every 90 days")
	w.emu.UserMessage("C01", "U02", "the quokka runbook says so")
	w.settled(t)

	// waitPosted waits for something the bot shows after index before.
	waitPosted := func(before int, what string, match func(p slackemu.Posted) bool) slackemu.Posted {
		t.Helper()
		var got slackemu.Posted
		testkit.WaitFor(t, 15*time.Second, what, func() bool {
			for _, p := range w.emu.Posted()[before:] {
				if match(p) {
					got = p
					return true
				}
			}
			return false
		})
		return got
	}
	// toAlice matches what alice alone sees, saying what: the bot's
	// answers to two commands may arrive in either order.
	toAlice := func(what string) func(p slackemu.Posted) bool {
		return func(p slackemu.Posted) bool { return p.Ephemeral && p.User == "U01" && strings.Contains(p.Text, what) }
	}

	before := len(w.emu.Posted())
	if err := w.emu.SlashCommand("U01", "C01", "confidentialité"); err != nil {
		t.Fatal(err)
	}
	p := waitPosted(before, "alice's summary", toAlice("Ce que Praxis conserve"))
	if !strings.Contains(p.Text, "dont 1 avec leur texte") {
		t.Fatalf("got %q, want alice's summary in French", p.Text)
	}

	before = len(w.emu.Posted())
	if err := w.emu.SlashCommand("U01", "C01", "export"); err != nil {
		t.Fatal(err)
	}
	upload := waitPosted(before, "the export in alice's DM", func(p slackemu.Posted) bool {
		return p.Method == "files.completeUploadExternal" && p.Channel == w.emu.IMChannel("U01")
	})
	waitPosted(before, "the export announced", toAlice("fichier JSON"))
	if len(upload.Files) != 1 {
		t.Fatalf("got %+v, want one file", upload)
	}
	content, ok := w.emu.FileContent(upload.Files[0].ID)
	var d struct {
		Member string                      `json:"member"`
		Data   map[string][]map[string]any `json:"data"`
	}
	if !ok || json.Unmarshal(content, &d) != nil || d.Member != "U01" || len(d.Data["messages"]) != 1 ||
		!strings.Contains(string(content), "zebrakms") || strings.Contains(string(content), "quokka") {
		t.Fatalf("got %s, want alice's own data only", content)
	}

	before = len(w.emu.Posted())
	if err := w.emu.SlashCommand("U01", "C01", "export <@U02>"); err != nil {
		t.Fatal(err)
	}
	waitPosted(before, "the refusal", toAlice("vos propres données"))
	w.settled(t)
	for _, p := range w.emu.Posted()[before:] {
		if p.Method == "files.completeUploadExternal" {
			t.Fatalf("a file was uploaded for someone else's export: %+v", p)
		}
	}

	// Paused: her message is counted without its text.
	before = len(w.emu.Posted())
	if err := w.emu.SlashCommand("U01", "C01", "pause"); err != nil {
		t.Fatal(err)
	}
	waitPosted(before, "the pause confirmed", toAlice("En pause"))
	paused := w.emu.UserMessage("C01", "U01", "secret zebrakms plans")
	w.settled(t)
	withoutText := `SELECT count(*) FROM messages WHERE ts = ? AND user_id = 'U01' AND text = ''`
	if n := rawCount(t, w.db, withoutText, paused); n != 1 {
		t.Fatalf("got %d, want alice's paused message recorded without text", n)
	}
	before = len(w.emu.Posted())
	if err := w.emu.SlashCommand("U01", "C01", "reprendre"); err != nil {
		t.Fatal(err)
	}
	waitPosted(before, "the resume confirmed", toAlice("enregistre de nouveau"))

	// Forget: the warning; bob's forged click does nothing; alice's does.
	before = len(w.emu.Posted())
	if err := w.emu.SlashCommand("U01", "C01", "oublier"); err != nil {
		t.Fatal(err)
	}
	warning := waitPosted(before, "the warning", func(p slackemu.Posted) bool {
		return toAlice("M'oublier")(p) && len(p.Blocks) > 0
	})
	value := buttonValue(t, warning.Blocks, "privacy_forget_confirm")
	before = len(w.emu.Posted())
	forged := fmt.Sprintf(`{"type":"block_actions","user":{"id":"U02","name":"bob"},"channel":{"id":"C01"},`+
		`"trigger_id":"Tforged",`+
		`"container":{"type":"message","message_ts":%q,"channel_id":"C01","is_ephemeral":true},`+
		`"actions":[{"action_id":"privacy_forget_confirm","block_id":"privacy_forget","type":"button",`+
		`"value":%q,"action_ts":"1.1"}]}`, warning.TS, value)
	if err := w.emu.DeliverInteractive([]byte(forged)); err != nil {
		t.Fatal(err)
	}
	waitPosted(before, "bob told the button is not his", func(p slackemu.Posted) bool {
		return p.Ephemeral && p.User == "U02" && strings.Contains(p.Text, "belongs to the member")
	})
	w.settled(t)
	if n := rawCount(t, w.db, `SELECT count(*) FROM forgotten_members`); n != 0 {
		t.Fatalf("bob's click forgot %d members", n)
	}
	before = len(w.emu.Posted())
	if err := w.emu.EphemeralAction("U01", warning, "privacy_forget_confirm"); err != nil {
		t.Fatal(err)
	}
	waitPosted(before, "the erasure confirmed", toAlice("Praxis a effacé"))
	w.settled(t)
	for q, want := range map[string]int{
		`SELECT count(*) FROM messages WHERE user_id = 'U01'`:                          0,
		`SELECT count(*) FROM messages WHERE text LIKE '%zebrakms%'`:                   0,
		`SELECT count(*) FROM messages WHERE user_id = '' AND erased = 1`:              2,
		`SELECT count(*) FROM members WHERE id = 'U01'`:                                0,
		`SELECT count(*) FROM messages WHERE user_id = 'U02' AND text LIKE '%quokka%'`: 1,
	} {
		if got := rawCount(t, w.db, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
	// Nor are her words (or the index's term for them, "zebrakm") and her
	// name in the database's bytes, once the store's scrubber ran.
	gone := func(when string) {
		t.Helper()
		if store.IsPostgres(w.db) { // what PostgreSQL's files keep: docs/postgres.md, "Erasure down to the bytes"
			return
		}
		var found []string
		testkit.WaitFor(t, 15*time.Second, "alice's bytes erased "+when, func() bool {
			found, _ = dbbytes.Holding(w.db, "zebrakm", "Alice Martin")
			return len(found) == 0
		})
	}
	gone("after forget")
	// She posts again: counted, anonymously.
	again := w.emu.UserMessage("C01", "U01", "zebrakms once more")
	w.settled(t)
	if n := rawCount(t, w.db, `SELECT count(*) FROM messages WHERE ts = ? AND user_id = '' AND text = ''`, again); n != 1 {
		t.Errorf("got %d, want alice's new message anonymous and without text", n)
	}
	gone("after she posted again")
}

// buttonValue returns the value of button action in Block Kit blocks.
func buttonValue(t *testing.T, blocks json.RawMessage, action string) string {
	t.Helper()
	var bs []struct {
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(blocks, &bs); err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		for _, e := range b.Elements {
			if e.ActionID == action {
				return e.Value
			}
		}
	}
	t.Fatalf("no %s in %s", action, blocks)
	return ""
}
