package main

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"praxis/docs/realdata/internal/exporttest"
	"praxis/docs/realdata/slackexport"
)

const question = "1616000000.000100"

// A channel's history page (a question whose reply_count is out of date,
// a reply also sent to the channel, a bot's message) and the question's
// thread as conversations.replies returned it.
var history = map[string]string{
	"channels.json": `["C1"]`,
	"names.json":    `{"C1": "helpdesk", "C2": "other"}`,
	"users/U1.json": `{"id": "U1", "name": "alice", "real_name": "Alice A", "tz": "Europe/Paris",
		 "profile": {"real_name": "Alice A", "display_name": "alice"}}`,
	"users/U2.json":  `{"id": "U2", "name": "bob", "real_name": "Bob B", "profile": {"real_name": "Bob B"}}`,
	"users/B01.json": `{"id": "B01", "name": "github", "app_id": "A1"}`,
	"messages/C1/0.json": `{"cursor": "", "messages": [
		{"type": "message", "subtype": "bot_message", "bot_id": "B01", "text": "new release", "ts": "1616000900.000900"},
		{"type": "message", "subtype": "thread_broadcast", "user": "U2", "text": "use Pkg.add", "ts": "1616000200.000200",
		 "thread_ts": "1616000000.000100", "reactions": [{"name": "+1", "users": ["U1"], "count": 1}]},
		{"type": "message", "user": "U1", "text": "How do I install a package?", "ts": "1616000000.000100",
		 "thread_ts": "1616000000.000100", "reply_count": 5, "reply_users": ["U2"], "blocks": [{"type": "rich_text"}],
		 "edited": {"user": "U1", "ts": "1616000050.000000"}}
	]}`,
	"threads/C1/1616000000.000100.json": `[
		{"type": "message", "user": "U1", "text": "How do I install a package?", "ts": "1616000000.000100",
		 "thread_ts": "1616000000.000100", "reply_count": 5},
		{"type": "message", "user": "U2", "text": "] add Foo", "ts": "1616000100.000150", "thread_ts": "1616000000.000100",
		 "parent_user_id": "U1"},
		{"type": "message", "user": "U2", "text": "use Pkg.add", "ts": "1616000200.000200", "thread_ts": "1616000000.000100",
		 "parent_user_id": "U1"},
		{"type": "message", "user": "U3", "text": "thanks both", "ts": "1616000300.000300", "thread_ts": "1616000000.000100",
		 "parent_user_id": "U1"}
	]`,
}

func TestConvertedRepliesAreInTheirThread(t *testing.T) {
	src := exporttest.WriteFiles(t, history)
	out := filepath.Join(t.TempDir(), "export")
	if err := run([]string{src, out}, io.Discard); err != nil {
		t.Fatal(err)
	}
	st, sum := exporttest.Import(t, out)
	if sum.Channels != 1 || sum.Members != 3 || sum.Replies != 3 || sum.BotMessages != 1 || sum.Reactions != 1 {
		t.Errorf("got %d channels, %d members, %d replies, %d bot messages, %d reactions; want 1, 3 (U3 by id), 3, 1, 1",
			sum.Channels, sum.Members, sum.Replies, sum.BotMessages, sum.Reactions)
	}
	got := exporttest.ReadThread(t, st, "C1", question)
	want := exporttest.Thread{
		{TS: question, ThreadTS: question, User: "U1"},
		{TS: "1616000100.000150", ThreadTS: question, User: "U2"},
		{TS: "1616000200.000200", ThreadTS: question, User: "U2", Subtype: "thread_broadcast"},
		{TS: "1616000300.000300", ThreadTS: question, User: "U3"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("thread as imported (-want +got):\n%s", diff)
	}
	var day []slackexport.Message
	if err := readJSON(filepath.Join(out, "helpdesk", "2021-03-17.json"), &day); err != nil {
		t.Fatal(err)
	}
	p := day[0]
	if p.TS != question || p.ReplyCount != 3 || !cmp.Equal(p.ReplyUsers, []string{"U2", "U3"}) || p.Edited == nil {
		t.Errorf("got parent %+v, want reply_count 3 (not the history's stale 5), reply_users U2, U3, edited kept", p)
	}
}
