package slackedge

import (
	"context"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/internal/testkit"
	"praxis/store"
)

// The "Find an expert" shortcut on a forgotten member's message ranks on its
// words but keeps none of them in the query log (the raw event is withheld:
// see store TestWithheldEventLeavesNoPayload).
func TestShortcutKeepsNoneOfAForgottenMembersWords(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.QA("C1", "alice", "How do we rotate the kubernetes certificates?", true, "bob", "kubeadm certs renew, yearly.")
	ts := w.Post("C1", "carol", "", "my kubernetes certificates expired, and my manager is angry")
	if _, err := w.St.Forget(ctx, "UCAROL"); err != nil {
		t.Fatal(err)
	}
	e := engine(w)
	dir := testkit.Directory(map[string]string{"C1": "Platform"})
	resp, err := command.New(w.St, dir, NewAsker(e, w.St, dir, "", 3).Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte(`{"message":{"text":"my manager is angry"}}`)
	shortcut := store.InboxItem{EventID: "Sc1", Source: "test", Payload: payload}
	if _, err := w.St.PutInbox(ctx, []store.InboxItem{shortcut}); err != nil {
		t.Fatal(err)
	}
	rows, _ := w.St.PendingInbox(ctx, 0, 1)
	ev := bot.Event{
		ID:      "Sc1",
		Kind:    bot.KindAction,
		User:    "UALICE",
		Channel: "C1",
		TS:      ts,
		Text:    "my kubernetes certificates expired, and my manager is angry",
		Command: bot.Command{Name: ShortcutFindExpert},
	}
	step, err := resp.Prepare(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.St.Process(ctx, rows[0].ID, func(tx *store.Tx) error { return step.Run(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	row, err := w.St.OutboxByKey(ctx, "reply:Sc1")
	if err != nil || !strings.Contains(row.Payload, "UBOB") {
		t.Fatalf("got %+v, %v; want bob suggested, ranked on the message's words", row, err)
	}
	q, err := w.St.ExpertQueryByID(ctx, 1)
	if err != nil || q.Text != "" {
		t.Fatalf("got %+v, %v; want the query logged without carol's words", q, err)
	}
}
