package command

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/internal/quotetest"
	"praxis/internal/testkit"
	"praxis/store"
)

// answer runs ev through a Responder of dir's communities with no route
// but its own, and returns the text of its reply.
func answer(t *testing.T, dir *bot.Directory, ev bot.Event) string {
	t.Helper()
	ctx := context.Background()
	st := testkit.Store(t, nil)
	r, err := New(st, dir)
	if err != nil {
		t.Fatal(err)
	}
	step, err := r.Prepare(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Do(t, st, func(tx *store.Tx) error { return step.Run(ctx, tx) })
	row, err := st.OutboxByKey(ctx, "reply:"+ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	var m outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
		t.Fatal(err)
	}
	return m.Text
}

// What a member typed is repeated as text, never as Slack markup: an
// unknown command "<!channel>" in an @mention does not make Praxis
// broadcast to the channel.
func TestUnknownCommandEchoedEscaped(t *testing.T) {
	ev := bot.Event{ID: "Ev1", Kind: bot.KindMention, Channel: "C1", User: "U1", TS: "1.000100",
		Text: "<@UPRAXIS> <!channel> <https://evil.example|click>"}
	text := answer(t, testkit.Directory(map[string]string{"C1": "sec"}), ev)
	if strings.Contains(text, "<!channel>") || !strings.Contains(text, "&lt;!channel&gt;") {
		t.Fatalf("got %q, want the unknown word shown escaped", text)
	}
}

// A community's configured name is text in the status reply.
func TestStatusEscapesTheCommunityName(t *testing.T) {
	ev := bot.Event{ID: "Ev1", Kind: bot.KindCommand, Channel: "C1", User: "U1",
		Command: bot.Command{Name: "/praxis", Text: "status"}}
	text := answer(t, testkit.Directory(map[string]string{"C1": quotetest.Community}), ev)
	if !strings.HasPrefix(text, "*"+quotetest.Escaped+"*") {
		t.Fatalf("got %q; want the name escaped", text)
	}
}
