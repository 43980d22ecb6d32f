package expert

import (
	"strings"
	"time"

	"praxis/bot/question"
	"praxis/store"
)

// Channels from before Slack had threads (exports up to 2017), and some
// small communities still, answer in the channel itself: a question, then
// "@alice: run X" a minute later. In a channel where threads are rare, the
// messages that follow a question closely, or address its asker, are read as
// its replies.
const (
	flatShare   = 0.05             // a channel with fewer thread replies than this share of messages is flat
	flatWindow  = 30 * time.Minute // messages by others this soon after a question answer it…
	flatMention = 2 * time.Hour    // …and messages addressing the asker this soon
	flatMax     = 4                // replies read at most per question
)

// isFlat reports whether a channel answers in the channel rather than in
// threads.
func isFlat(messages, replies int) bool {
	return messages >= 5 && float64(replies) < flatShare*float64(messages)
}

// flatReplies returns, for each question among a flat channel's top-level
// messages (oldest first), the messages read as its replies.
func flatReplies(top []store.ChannelMessage) map[string][]store.ChannelMessage {
	out := map[string][]store.ChannelMessage{}
	for i, q := range top {
		if q.IsBot || q.Deleted || q.UserID == "" {
			continue
		}
		if ok, _ := question.Detect(q.Text); !ok {
			continue
		}
		mention := "<@" + q.UserID
		for _, m := range top[i+1:] {
			gap := m.PostedAt.Sub(q.PostedAt)
			if gap > flatMention || len(out[q.TS]) == flatMax {
				break
			}
			if m.UserID == q.UserID {
				if ok, _ := question.Detect(m.Text); ok {
					break // the asker moved on to another question
				}
				continue
			}
			if m.IsBot || m.Deleted || m.UserID == "" {
				continue
			}
			if gap <= flatWindow || strings.Contains(m.Text, mention) {
				out[q.TS] = append(out[q.TS], m)
			}
		}
	}
	return out
}
