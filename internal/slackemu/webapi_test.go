package slackemu

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"
)

func TestPostMessageAndHistoryPaging(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	var posted []string
	for _, text := range []string{"one", "two", "three", "four", "five"} {
		ch, ts, err := api.PostMessage("CGEN", slack.MsgOptionText(text, false))
		if err != nil {
			t.Fatalf("PostMessage(%q): %v", text, err)
		}
		if ch != "CGEN" {
			t.Errorf("channel = %q, want CGEN", ch)
		}
		posted = append(posted, ts)
	}
	if posted[0] != "1700000000.000000" || posted[1] != "1700000000.000001" {
		t.Errorf("ts = %v, want strictly increasing from 1700000000.000000 under a fixed clock", posted)
	}

	var texts []string
	var pages int
	params := &slack.GetConversationHistoryParameters{ChannelID: "CGEN", Limit: 2}
	for {
		resp, err := api.GetConversationHistory(params)
		if err != nil {
			t.Fatalf("GetConversationHistory: %v", err)
		}
		pages++
		for _, m := range resp.Messages {
			texts = append(texts, m.Text)
			if m.BotID != "BPRAXIS" || m.User != "UPRAXIS" || m.SubType != "" {
				t.Errorf("bot message = bot_id %q user %q subtype %q, want BPRAXIS UPRAXIS and no subtype",
					m.BotID, m.User, m.SubType)
			}
		}
		if resp.HasMore != (resp.ResponseMetaData.NextCursor != "") {
			t.Errorf("has_more = %v with next_cursor %q", resp.HasMore, resp.ResponseMetaData.NextCursor)
		}
		if !resp.HasMore {
			break
		}
		params.Cursor = resp.ResponseMetaData.NextCursor
	}
	if want := []string{"five", "four", "three", "two", "one"}; !cmp.Equal(texts, want) || pages != 3 {
		t.Errorf("history = %v in %d pages, want %v in 3", texts, pages, want)
	}

	resp, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{
		ChannelID: "CGEN", Oldest: posted[1], Latest: posted[3], Inclusive: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(resp.Messages); got != 3 {
		t.Errorf("inclusive window returned %d messages, want 3", got)
	}
	if got := len(s.Posted()); got != 5 || s.Posted()[4].Text != "five" || s.Posted()[4].Method != "chat.postMessage" {
		t.Errorf("Posted() = %+v, want the 5 posts in order", s.Posted())
	}
	if got := s.Calls("chat.postMessage"); got != 5 {
		t.Errorf("Calls(chat.postMessage) = %d, want 5", got)
	}
}

func TestRepliesPaging(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	parent := s.UserMessage("CGEN", "UALICE", "question?")
	s.UserMessage("CGEN", "UBOB", "a1", InThread(parent))
	r2 := s.UserMessage("CGEN", "UALICE", "a2", InThread(parent))
	s.UserMessage("CGEN", "UBOB", "a3", InThread(r2)) // a reply's ts resolves to its parent
	_, _, err := api.PostMessage("CGEN", slack.MsgOptionText("bot answer", false), slack.MsgOptionTS(parent))
	if err != nil {
		t.Fatal(err)
	}

	var texts []string
	cursor := ""
	for {
		msgs, more, next, err := api.GetConversationReplies(&slack.GetConversationRepliesParameters{
			ChannelID: "CGEN", Timestamp: parent, Limit: 2, Cursor: cursor,
		})
		if err != nil {
			t.Fatalf("GetConversationReplies: %v", err)
		}
		for _, m := range msgs {
			texts = append(texts, m.Text)
		}
		if !more {
			break
		}
		cursor = next
	}
	if want := []string{"question?", "a1", "a2", "a3", "bot answer"}; !cmp.Equal(texts, want) {
		t.Errorf("replies = %v, want %v", texts, want)
	}

	hist, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "CGEN"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist.Messages) != 1 || hist.Messages[0].ReplyCount != 4 || hist.Messages[0].LatestReply == "" {
		t.Errorf("history = %+v, want only the parent with reply_count 4", hist.Messages)
	}
	unknown := &slack.GetConversationRepliesParameters{ChannelID: "CGEN", Timestamp: "1.000001"}
	if _, _, _, err := api.GetConversationReplies(unknown); err == nil || err.Error() != "thread_not_found" {
		t.Errorf("replies of unknown ts: err = %v, want thread_not_found", err)
	}
}

func TestUsers(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	u, err := api.GetUserInfo("UALICE")
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "alice" || u.RealName != "Alice Martin" || u.TZ != "Europe/Paris" || u.TZOffset != 3600 ||
		u.Locale != "fr-FR" {
		t.Errorf("users.info = %+v", u)
	}
	u, err = api.GetUserInfo("UALICE", slack.GetUserInfoOptionIncludeLocale(false))
	if err != nil || u.Locale != "" {
		t.Errorf("without include_locale: locale %q, err %v; want none", u.Locale, err)
	}
	if _, err := api.GetUserInfo("UNOBODY"); err == nil || err.Error() != "user_not_found" {
		t.Errorf("unknown user: err = %v, want user_not_found", err)
	}
	users, err := api.GetUsers(slack.GetUsersOptionLimit(1))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	if want := []string{"UBOB", "UALICE", "UPRAXIS"}; !cmp.Equal(ids, want) {
		t.Errorf("users.list with limit 1 = %v, want %v", ids, want)
	}
}

func TestConversationsOpenDM(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	ch, noOp, _, err := api.OpenConversation(&slack.OpenConversationParameters{Users: []string{"UALICE"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ch.ID, "D") || noOp || ch.User != "UALICE" || !ch.IsIM {
		t.Errorf("conversations.open = %+v (no_op %v), want a new IM with UALICE", ch, noOp)
	}
	withAlice := &slack.OpenConversationParameters{Users: []string{"UALICE"}}
	if again, noOp, _, _ := api.OpenConversation(withAlice); again.ID != ch.ID || !noOp {
		t.Errorf("second open = %s (no_op %v), want %s and no_op", again.ID, noOp, ch.ID)
	}
	if got := s.IMChannel("UALICE"); got != ch.ID {
		t.Errorf("IMChannel = %s, want %s", got, ch.ID)
	}
	posted, _, err := api.PostMessage("UALICE", slack.MsgOptionText("hello in private", false))
	if err != nil || posted != ch.ID {
		t.Errorf("posting to a user ID went to %q (err %v), want the IM %s", posted, err, ch.ID)
	}
	s.UserMessage(ch.ID, "UALICE", "hi bot")
	hist, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: ch.ID})
	if err != nil || len(hist.Messages) != 2 {
		t.Errorf("IM history = %+v, %v; want 2 messages", hist, err)
	}
	withNobody := &slack.OpenConversationParameters{Users: []string{"UNOBODY"}}
	if _, _, _, err := api.OpenConversation(withNobody); err == nil || err.Error() != "user_not_found" {
		t.Errorf("open with unknown user: err = %v, want user_not_found", err)
	}
}

func TestMetadataRoundTrip(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	md := slack.SlackMetadata{EventType: "praxis_digest", EventPayload: map[string]any{"week": "2024-W01"}}
	withMetadata := slack.MsgOptionMetadata(md)
	if _, _, err := api.PostMessage("CGEN", slack.MsgOptionText("digest", false), withMetadata); err != nil {
		t.Fatal(err)
	}
	for _, include := range []bool{true, false} {
		resp, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{
			ChannelID:          "CGEN",
			IncludeAllMetadata: include,
		})
		if err != nil {
			t.Fatal(err)
		}
		got := resp.Messages[0].Metadata
		if include && !cmp.Equal(got, md) {
			t.Errorf("with include_all_metadata: metadata = %+v, want %+v", got, md)
		}
		if !include && got.EventType != "" {
			t.Errorf("without include_all_metadata: metadata = %+v, want none", got)
		}
	}
	if p := s.Posted()[0]; !strings.Contains(string(p.Metadata), "praxis_digest") {
		t.Errorf("Posted metadata = %s", p.Metadata)
	}
	_, _, err := api.PostMessage("CGEN", slack.MsgOptionText("x", false),
		slack.UnsafeMsgOptionEndpoint(s.APIURL()+"chat.postMessage", func(v url.Values) { v.Set("metadata", "{") }))
	if err == nil || err.Error() != "invalid_metadata_format" {
		t.Errorf("bad metadata: err = %v, want invalid_metadata_format", err)
	}
}

func TestFaultInjection(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	s.SetFaults(Faults{RateLimitEvery: 0.5, RetryAfter: 1500 * time.Millisecond, Methods: []string{"chat.postMessage"}})
	var outcomes []string
	for range 4 {
		_, _, err := api.PostMessage("CGEN", slack.MsgOptionText("x", false))
		var rl *slack.RateLimitedError
		switch {
		case err == nil:
			outcomes = append(outcomes, "ok")
		case errors.As(err, &rl):
			outcomes = append(outcomes, "429 "+rl.RetryAfter.String())
		default:
			outcomes = append(outcomes, err.Error())
		}
	}
	if want := []string{"ok", "429 2s", "ok", "429 2s"}; !cmp.Equal(outcomes, want) {
		t.Errorf("outcomes = %v, want %v", outcomes, want)
	}
	if _, err := api.AuthTest(); err != nil {
		t.Errorf("auth.test is outside Methods, err = %v", err)
	}
	if got := s.Calls("chat.postMessage"); got != 4 || len(s.Posted()) != 2 {
		t.Errorf("Calls = %d, Posted = %d; want 4 calls and 2 posts", got, len(s.Posted()))
	}

	s.SetFaults(Faults{ServerErrorEvery: 1})
	_, err := api.GetUserInfo("UALICE")
	var sc slack.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != http.StatusInternalServerError {
		t.Errorf("with ServerErrorEvery 1: err = %v, want status 500", err)
	}
	if _, err := api.AuthTest(); err != nil {
		t.Errorf("auth.test is exempt by default, err = %v", err)
	}

	s.SetFaults(Faults{Delay: 30 * time.Millisecond})
	start := time.Now()
	if _, err := api.GetUserInfo("UALICE"); err != nil || time.Since(start) < 30*time.Millisecond {
		t.Errorf("with Delay: err %v after %v, want success after 30ms", err, time.Since(start))
	}
}

func TestMembershipRules(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	_, _, err := api.PostMessage("COUT", slack.MsgOptionText("x", false))
	if err == nil || err.Error() != "not_in_channel" {
		t.Errorf("post outside: err = %v, want not_in_channel", err)
	}
	outside := &slack.GetConversationHistoryParameters{ChannelID: "COUT"}
	if _, err := api.GetConversationHistory(outside); err == nil || err.Error() != "not_in_channel" {
		t.Errorf("history outside: err = %v, want not_in_channel", err)
	}
	secret := &slack.GetConversationInfoInput{ChannelID: "GSECRET"}
	if _, err := api.GetConversationInfo(secret); err == nil || err.Error() != "channel_not_found" {
		t.Errorf("info on a private channel without the bot: err = %v, want channel_not_found", err)
	}
	if _, _, _, err := api.JoinConversation("COUT"); err != nil {
		t.Fatalf("join: %v", err)
	}
	if _, _, err := api.PostMessage("COUT", slack.MsgOptionText("now inside", false)); err != nil {
		t.Errorf("post after join: %v", err)
	}
	hist, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "COUT"})
	if err != nil || len(hist.Messages) != 2 || hist.Messages[1].SubType != "channel_join" {
		t.Errorf("history after join = %+v, %v; want the post and the channel_join", hist, err)
	}

	chans, _, err := api.GetConversations(&slack.GetConversationsParameters{
		Types: []string{"public_channel", "private_channel", "im"},
		Limit: 1,
	})
	if err != nil || len(chans) != 1 || chans[0].ID != "CGEN" {
		t.Errorf("first page = %+v, %v; want CGEN", chans, err)
	}
	channels := slack.GetConversationsOptionTypes([]string{"public_channel", "private_channel"})
	all, err := api.GetAllConversations(channels, slack.GetConversationsOptionLimit(1))
	var ids []string
	for _, c := range all {
		ids = append(ids, c.ID)
	}
	if want := []string{"CGEN", "COUT"}; err != nil || !cmp.Equal(ids, want) {
		t.Errorf("all conversations = %v, %v; want %v (no private channel without the bot)", ids, err, want)
	}
	info, err := api.GetConversationInfo(&slack.GetConversationInfoInput{ChannelID: "CGEN", IncludeNumMembers: true})
	if err != nil || info.Name != "general" || info.NumMembers != 3 || !info.IsMember || info.Topic.Value != "all" {
		t.Errorf("conversations.info = %+v, %v", info, err)
	}
	members, _, err := api.GetUsersInConversation(&slack.GetUsersInConversationParameters{ChannelID: "CGEN"})
	if want := []string{"UBOB", "UALICE", "UPRAXIS"}; err != nil || !cmp.Equal(members, want) {
		t.Errorf("members = %v, %v; want %v", members, err, want)
	}
}
