package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"praxis/docs/realdata/internal/exporttest"
	"praxis/docs/realdata/slackexport"
)

// A question asked at 06:00 in Tokyo (21:00 UTC the day before), answered
// in its thread, one answer also sent to the channel; a join the evening
// before; a bot's message; a private channel.
var slackLog = map[string]string{
	"slack-log.yaml": `workspaceName: example
timeZone: Asia/Tokyo
saveRepliesBefore: "5w"
targetChannels:
  C1: questions
  G1: staff
templatePaths:
  indexPage: templates/index.mustache.html
`,
	"docs/json/.users.json":  `{"U1": "alice", "U2": "bob", "U3": ""}`,
	"docs/json/.groups.json": `{"G1": "staff"}`,
	"docs/json/C1/1.json": `[
		{"text": "<@U2> has joined the channel", "type": "message", "ts": "1611240000.000050", "user": "U2"},
		{"text": "How do I get the build path with cabal?", "type": "message", "ts": "1611262800.000100", "user": "U1"},
		{"text": "good morning", "type": "message", "ts": "1611262900.000200", "user": "U2"},
		{"text": "try cabal-plan", "type": "message", "ts": "1611263000.000300", "user": "U2"},
		{"text": "", "type": "message", "ts": "1611263500.000500", "user": ""}
	]`,
	"docs/json/C1/1/1611262800.000100.json": `[
		{"text": "How do I get the build path with cabal?", "type": "message", "ts": "1611262800.000100", "user": "U1"},
		{"text": "cabal list-bin?", "type": "message", "ts": "1611262950.000250", "user": "U3"},
		{"text": "try cabal-plan", "type": "message", "ts": "1611263000.000300", "user": "U2"},
		{"text": "thanks!", "type": "message", "ts": "1611263100.000400", "user": "U1"}
	]`,
	"docs/json/G1/1.json": `[{"text": "staff only", "type": "message", "ts": "1611262800.000900", "user": "U1"}]`,
}

const question = "1611262800.000100"

func TestConvertedRepliesAreInTheirThread(t *testing.T) {
	src := exporttest.WriteFiles(t, slackLog)
	out := filepath.Join(t.TempDir(), "export")
	if err := run([]string{src, out}, io.Discard); err != nil {
		t.Fatal(err)
	}
	st, sum := exporttest.Import(t, out)
	if sum.Channels != 1 || sum.Replies != 3 || sum.Joins != 1 || sum.BotMessages != 1 {
		t.Errorf("got %d channels, %d replies, %d joins, %d bot messages; want 1 (the private one is not imported), 3, 1, 1",
			sum.Channels, sum.Replies, sum.Joins, sum.BotMessages)
	}
	got := exporttest.ReadThread(t, st, "C1", question)
	want := exporttest.Thread{
		{TS: question, ThreadTS: question, User: "U1"},
		{TS: "1611262950.000250", ThreadTS: question, User: "U3"},
		{TS: "1611263000.000300", ThreadTS: question, User: "U2", Subtype: "thread_broadcast"},
		{TS: "1611263100.000400", ThreadTS: question, User: "U1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("thread as imported (-want +got):\n%s", diff)
	}
}

func TestExportLooksLikeSlacks(t *testing.T) {
	src := exporttest.WriteFiles(t, slackLog)
	out := filepath.Join(t.TempDir(), "export")
	if err := run([]string{src, out}, io.Discard); err != nil {
		t.Fatal(err)
	}
	t.Run("day files in the workspace's zone", func(t *testing.T) {
		days, _ := filepath.Glob(filepath.Join(out, "questions", "*.json"))
		for i := range days {
			days[i] = filepath.Base(days[i])
		}
		if want := []string{"2021-01-21.json", "2021-01-22.json"}; !cmp.Equal(days, want) {
			t.Errorf("got day files %q, want %q (the question is on the 22nd in Tokyo, the 21st in UTC)", days, want)
		}
	})
	t.Run("thread fields", func(t *testing.T) {
		var day []slackexport.Message
		mustRead(t, filepath.Join(out, "questions", "2021-01-22.json"), &day)
		byTS := map[string]slackexport.Message{}
		for _, m := range day {
			byTS[m.TS] = m
		}
		p := byTS[question]
		if p.ThreadTS != question || p.ReplyCount != 3 || p.ReplyUsersCount != 3 || p.LatestReply != "1611263100.000400" {
			t.Errorf("got parent thread_ts %q, reply_count %d, reply_users_count %d, latest_reply %q; "+
				"want %q, 3, 3, 1611263100.000400",
				p.ThreadTS, p.ReplyCount, p.ReplyUsersCount, p.LatestReply, question)
		}
		if want := []string{"U3", "U2", "U1"}; !cmp.Equal(p.ReplyUsers, want) {
			t.Errorf("got reply_users %q, want %q", p.ReplyUsers, want)
		}
		if r := byTS["1611262950.000250"]; r.ParentUserID != "U1" {
			t.Errorf("got a reply's parent_user_id %q, want U1", r.ParentUserID)
		}
		if m := byTS["1611262900.000200"]; m.ThreadTS != "" || m.ReplyCount != 0 {
			t.Errorf("got a message without replies with thread_ts %q and reply_count %d, want none", m.ThreadTS, m.ReplyCount)
		}
	})
	t.Run("lists", func(t *testing.T) {
		var users []slackexport.User
		mustRead(t, filepath.Join(out, "users.json"), &users)
		names := map[string]string{}
		for _, u := range users {
			names[u.ID] = u.Name
		}
		if want := map[string]string{"U1": "alice", "U2": "bob", "U3": "U3"}; !cmp.Equal(names, want) {
			t.Errorf("got users %v, want %v (a member without a name is named by id)", names, want)
		}
		var channels, groups []struct {
			ID, Name string
			Members  []string
		}
		mustRead(t, filepath.Join(out, "channels.json"), &channels)
		mustRead(t, filepath.Join(out, "groups.json"), &groups)
		if len(channels) != 1 || channels[0].Name != "questions" ||
			!cmp.Equal(channels[0].Members, []string{"U2", "U1", "U3"}) {
			t.Errorf("got channels.json %+v, want questions with U2, U1, U3 (whoever joined or posted)", channels)
		}
		if len(groups) != 1 || groups[0].Name != "staff" {
			t.Errorf("got groups.json %+v, want staff", groups)
		}
	})
	if _, err := os.Stat(filepath.Join(out, "staff", "2021-01-22.json")); err != nil {
		t.Errorf("the private channel's day file: %v", err)
	}
}

func TestSystemSubtype(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"<@U1> has joined the channel", "channel_join"},
		{"<@U1|alice> has left the channel", "channel_leave"},
		{"<@U1> set the channel topic: Haskell questions", "channel_topic"},
		{"<@U1> set the channel purpose: ask anything", "channel_purpose"},
		{"<@U1> pinned a message to this channel.", "pinned_item"},
		{"<@U2> has joined the channel", ""}, // someone else's join, quoted
		{"<@U1> has joined the channel, welcome", ""},
		{"has joined the channel", ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := systemSubtype("U1", tc.text); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func mustRead(t *testing.T, path string, v any) {
	t.Helper()
	if err := readJSON(path, v); err != nil {
		t.Fatal(err)
	}
}
