package slackemu

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/slack-go/slack"
)

// TestAddHistoryKeepsTsOrder: past messages added in any order are
// served in ts order, replies in their thread, no event is delivered, and
// a message posted afterwards comes after them all.
func TestAddHistoryKeepsTsOrder(t *testing.T) {
	s := newEmu(t, Options{})
	s.AddHistory("CGEN",
		Past{TS: "1600000300.000000", User: "UBOB", Text: "third"},
		Past{TS: "1600000100.000000", User: "UALICE", Text: "first?"},
		Past{TS: "1600000250.000000", ThreadTS: "1600000100.000000", User: "UBOB", Text: "second reply"},
		Past{TS: "1600000200.000000", ThreadTS: "1600000100.000000", User: "UBOB", Text: "first reply"},
	)
	later := s.UserMessage("CGEN", "UALICE", "now")
	ctx := context.Background()
	api := s.Client()
	h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "CGEN"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range h.Messages {
		got = append(got, m.Text)
	}
	if want := []string{"now", "third", "first?"}; !slices.Equal(got, want) || h.Messages[0].Timestamp != later {
		t.Errorf("history: got %q, want %q newest first", got, want)
	}
	replies, _, _, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
		ChannelID: "CGEN", Timestamp: "1600000100.000000"})
	if err != nil || len(replies) != 3 || replies[1].Text != "first reply" || replies[2].Text != "second reply" {
		t.Errorf("replies: got %+v, %v", replies, err)
	}
	if later <= "1600000300.000000" {
		t.Errorf("a message posted afterwards got ts %s, before the history", later)
	}
}

// TestMissingScope: with Options.Scopes, a call that needs another scope
// answers missing_scope with what it needed and what the token has, as
// Slack does; the scope depends on the conversation's type.
func TestMissingScope(t *testing.T) {
	s := newEmu(t, Options{Scopes: []string{"channels:read", "groups:history"}})
	ctx := context.Background()
	if _, _, err := s.Client().GetConversationsContext(ctx, &slack.GetConversationsParameters{}); err != nil {
		t.Fatalf("conversations.list with channels:read: %v", err)
	}
	_, err := s.Client().GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "CGEN"})
	var e slack.SlackErrorResponse
	if !errors.As(err, &e) || e.Err != "missing_scope" || e.Needed != "channels:history" ||
		e.Provided != "channels:read,groups:history" {
		t.Errorf("got %#v, want missing_scope needing channels:history", err)
	}
}
