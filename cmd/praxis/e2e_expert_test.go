package main

import (
	"strings"
	"testing"
	"time"

	"praxis/internal/slackemu"
	"praxis/internal/testkit"
)

// Expert finding end to end: history arrives live, then a member asks who
// knows (slash command, @mention, the message shortcut), gets an ephemeral
// answer naming who answered, and clicks "Ask them in a thread".
func TestE2EFindAnExpert(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	w.start(t)
	q := w.emu.UserMessage("C01", "U01", "How do we rotate the vault tokens of the CI runners?")
	a := w.emu.UserMessage("C01", "U02", "vault token rotation is a cron job: `vault token renew` with the CI role",
		slackemu.InThread(q))
	w.emu.React("C01", a, "U01", "white_check_mark")
	w.settled(t)

	newPosts := func(before int) []slackemu.Posted {
		var out []slackemu.Posted
		for _, p := range w.emu.Posted()[before:] {
			if p.Method == "chat.postMessage" || p.Method == "chat.postEphemeral" || p.Method == "response_url" {
				out = append(out, p)
			}
		}
		return out
	}
	waitPost := func(before int, what string) slackemu.Posted {
		t.Helper()
		var got slackemu.Posted
		testkit.WaitFor(t, 15*time.Second, what, func() bool {
			ps := newPosts(before)
			if len(ps) > 0 {
				got = ps[0]
			}
			return len(ps) > 0
		})
		return got
	}

	before := len(w.emu.Posted())
	if err := w.emu.SlashCommand("U03", "C01", "expert vault token rotation"); err != nil {
		t.Fatal(err)
	}
	ans := waitPost(before, "the expert answer")
	toChloe := ans.Ephemeral && ans.User == "U03"
	if !toChloe || !strings.Contains(ans.Text, "<@U02>") || strings.Contains(ans.Text, "<@U01>") {
		t.Fatalf("got %+v, want an ephemeral answer to chloé naming bob (the answerer), not alice (the asker)", ans)
	}
	if !strings.Contains(ans.Text, "qui s'y connaît") && !strings.Contains(ans.Text, "Qui s'y connaît") {
		t.Fatalf("got %q, want it in French (chloé's locale)", ans.Text)
	}

	before = len(w.emu.Posted())
	if err := w.emu.EphemeralAction("U03", ans, "expert_invite"); err != nil {
		t.Fatal(err)
	}
	// The invitation in the channel, and chloé told it is done: both, before
	// the next step reads what is posted after them.
	var invite slackemu.Posted
	testkit.WaitFor(t, 15*time.Second, "the invitation in the channel and its confirmation", func() bool {
		told := false
		for _, p := range newPosts(before) {
			if !p.Ephemeral && p.Channel == "C01" {
				invite = p
			}
			told = told || p.Ephemeral && p.User == "U03"
		}
		return told && invite.Method != ""
	})
	if !strings.Contains(invite.Text, "<@U03>") || !strings.Contains(invite.Text, "<@U02>") {
		t.Fatalf("got %q, want chloé's question put to bob", invite.Text)
	}

	// The shortcut on a message, and a plain-words @mention.
	m := w.emu.UserMessage("C01", "U03", "our vault tokens expire during long CI jobs")
	w.settled(t)
	before = len(w.emu.Posted())
	if err := w.emu.MessageShortcut("U01", "C01", m, "find_expert"); err != nil {
		t.Fatal(err)
	}
	if p := waitPost(before, "the shortcut's answer"); !p.Ephemeral || p.User != "U01" ||
		!strings.Contains(p.Text, "<@U02>") {
		t.Fatalf("got %+v, want an ephemeral answer to alice naming bob", p)
	}
	before = len(w.emu.Posted())
	w.emu.UserMessage("C01", "U03", "<@UPRAXIS> who knows about vault tokens?")
	if p := waitPost(before, "the mention's answer"); !p.Ephemeral || p.User != "U03" ||
		!strings.Contains(p.Text, "<@U02>") {
		t.Fatalf("got %+v, want an ephemeral answer to chloé naming bob", p)
	}
	if n := rawCount(t, w.db, `SELECT count(*) FROM expert_queries`); n != 3 {
		t.Fatalf("got %d expert queries recorded, want 3", n)
	}
	if n := rawCount(t, w.db, `SELECT count(*) FROM expert_pings WHERE member_id = 'U02' AND kind = 'invited'`); n != 1 {
		t.Fatalf("got %d pings for bob, want 1", n)
	}
	if n := rawCount(t, w.db, `SELECT count(*) FROM questions WHERE resolution = 'accepted'`); n != 1 {
		t.Fatalf("got %d resolved questions, want alice's", n)
	}
	metrics := httpBody(t, "http://"+w.admin+"/metrics")
	wants := []string{
		`praxis_expert_queries_total{source="command"} 1`,
		`praxis_expert_queries_total{source="shortcut"} 1`,
		`praxis_expert_queries_total{source="mention"} 1`,
		"praxis_expert_rank_seconds_count 3",
		"praxis_expert_index_threads",
	}
	for _, want := range wants {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
