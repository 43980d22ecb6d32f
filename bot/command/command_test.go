package command

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/internal/quotetest"
	"praxis/internal/testkit"
	"praxis/store"
)

// What a member typed is repeated as text, never as Slack markup: an
// unknown command "<!channel>" in an @mention does not make Praxis
// broadcast to the channel.
func TestUnknownCommandEchoedEscaped(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := New(st, testkit.Directory(map[string]string{"C1": "sec"}))
	ev := bot.Event{ID: "Ev1", Kind: bot.KindMention, Channel: "C1", User: "U1", TS: "1.000100", Text: "<@UPRAXIS> <!channel> <https://evil.example|click>"}
	step, err := r.Prepare(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Batch(ctx, func(tx *store.Tx) error { return step.Run(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	row, err := st.OutboxByKey(ctx, "reply:Ev1")
	if err != nil {
		t.Fatal(err)
	}
	var m outbox.Message
	json.Unmarshal([]byte(row.Payload), &m)
	if strings.Contains(m.Text, "<!channel>") || !strings.Contains(m.Text, "&lt;!channel&gt;") {
		t.Fatalf("got %q, want the unknown word shown escaped", m.Text)
	}
}

// A community's configured name is text in the status reply.
func TestStatusEscapesTheCommunityName(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := New(st, testkit.Directory(map[string]string{"C1": quotetest.Community}))
	text, err := r.answer(ctx, bot.Event{Channel: "C1"}, "en", "status")
	if err != nil || !strings.HasPrefix(text, "*"+quotetest.Escaped+"*") {
		t.Fatalf("got %q, %v; want the name escaped", text, err)
	}
}
