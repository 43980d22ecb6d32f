package slackio

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/store"
)

// Message is a message read back from Slack's history, decoded into the
// events that record it (the message, then its reactions), with what tells
// whether its thread moved.
type Message struct {
	Events      []bot.Event
	TS          string
	ThreadTS    string
	ReplyCount  int
	LatestReply string
}

// History reads one page of a channel's history after oldest
// (conversations.history), newest first, and returns the next cursor ("" at
// the end).
func (d *Directory) History(ctx context.Context, channel, oldest, cursor string, limit int) ([]Message, string, error) {
	r, err := d.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
		ChannelID: channel, Oldest: oldest, Cursor: cursor, Limit: limit})
	if err != nil {
		return nil, "", fmt.Errorf("conversations.history %s: %w", channel, err)
	}
	next := ""
	if r.HasMore {
		next = r.ResponseMetaData.NextCursor
	}
	return convert(channel, r.Messages), next, nil
}

// Replies reads one page of a thread after oldest (conversations.replies);
// the parent comes first.
func (d *Directory) Replies(ctx context.Context, channel, threadTS, oldest, cursor string,
	limit int) ([]Message, string, error) {
	msgs, more, next, err := d.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
		ChannelID: channel,
		Timestamp: threadTS,
		Oldest:    oldest,
		Cursor:    cursor,
		Limit:     limit,
	})
	if err != nil {
		return nil, "", fmt.Errorf("conversations.replies %s/%s: %w", channel, threadTS, err)
	}
	if !more {
		next = ""
	}
	return convert(channel, msgs), next, nil
}

func convert(channel string, msgs []slack.Message) []Message {
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		at, _ := store.ParseTS(m.Timestamp)
		pm := bot.PastMessage{
			Channel:  channel,
			User:     m.User,
			BotID:    m.BotID,
			TS:       m.Timestamp,
			ThreadTS: m.ThreadTimestamp,
			Subtype:  m.SubType,
			Text:     m.Text,
			PinnedTo: m.PinnedTo,
		}
		if m.Edited != nil {
			pm.EditedTS = m.Edited.Timestamp
		}
		for _, f := range m.Files {
			pm.Files = append(pm.Files, bot.NewFile(f.ID, f.Name, f.Title, f.Permalink, f.URLPrivate))
		}
		for _, r := range m.Reactions {
			pm.Reactions = append(pm.Reactions, bot.PastReaction{Name: r.Name, Users: r.Users})
		}
		events := pm.Events(at)
		out = append(out, Message{Events: events, TS: m.Timestamp, ThreadTS: m.ThreadTimestamp,
			ReplyCount: m.ReplyCount, LatestReply: m.LatestReply})
	}
	return out
}

// RetryAfter tells whether err is Slack asking to slow down, and for how
// long.
func RetryAfter(err error) (time.Duration, bool) {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return rl.RetryAfter, true
	}
	return 0, false
}
