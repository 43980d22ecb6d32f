package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/store"
)

// settleInDoubt decides, for each message a previous run left "sending",
// whether Slack got it: chat.postMessage messages carry their key in message
// metadata, so the channel's history (or the thread) tells. Found: recorded
// as sent, never posted again. Not found: sent again. Updates and Home views
// are idempotent and simply retried. Ephemeral messages and answers through
// a response_url cannot be looked up afterwards; they are parked rather than
// risk showing them twice.
func (p *Poster) settleInDoubt(ctx context.Context) error {
	p.doubt, p.lastSettle = false, p.now()
	rows, err := p.st.InDoubtOutbox(ctx, p.opts.ReplicaTTL)
	if err != nil {
		p.doubt = true
		return err
	}
	for _, row := range rows {
		if err := p.settle(ctx, row); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// Leave it in doubt: Run checks again after its next idle wait.
			p.log.Warn("message still in doubt; will check again", "key", row.Key, "err", err)
			p.doubt = true
		}
	}
	return nil
}

func (p *Poster) settle(ctx context.Context, row store.OutRow) error {
	switch row.Method {
	case PostMessage:
		channel, ts, found, err := p.find(ctx, row)
		if err != nil {
			if classify(err) != permanent {
				return err // Slack could not say: look again later
			}
			// Slack will never say (Praxis left the channel, the thread is
			// gone, a scope is missing): parked rather than risk a double.
			p.m.OutboxDead.Inc()
			return p.st.MarkDead(ctx, row.ID, fmt.Sprintf("in doubt, and Slack cannot be asked: %v", err))
		}
		if found {
			p.log.Info("in-doubt message was delivered; not sending again", "key", row.Key, "ts", ts)
			p.m.OutboxSent.Inc()
			return p.st.MarkSent(ctx, row.ID, channel, ts)
		}
		if row.Attempts >= p.opts.MaxAttempts {
			p.m.OutboxDead.Inc()
			return p.st.MarkDead(ctx, row.ID, fmt.Sprintf("not delivered after %d attempts", row.Attempts))
		}
		p.log.Info("in-doubt message was not delivered; sending it", "key", row.Key)
		return p.st.MarkRetry(ctx, row.ID, p.now().Add(p.backoff(row.Attempts)), "in doubt, not delivered")
	case UpdateMessage, PublishView:
		return p.st.MarkRetry(ctx, row.ID, p.now().Add(p.backoff(row.Attempts)), "in doubt, idempotent")
	case UploadFile:
		p.m.OutboxDead.Inc()
		return p.st.MarkDead(ctx, row.ID, "in doubt; a file upload cannot be checked, so it is not resent")
	case Respond:
		p.m.OutboxDead.Inc()
		return p.st.MarkDead(ctx, row.ID, "in doubt after a crash; "+
			"a response_url answer cannot be checked, so it is not resent")
	default:
		p.m.OutboxDead.Inc()
		return p.st.MarkDead(ctx, row.ID, "in doubt after a crash; "+
			"an ephemeral message cannot be checked, so it is not resent")
	}
}

// find looks for the message with the row's key among what was posted since
// the attempt started.
func (p *Poster) find(ctx context.Context, row store.OutRow) (channel, ts string, found bool, err error) {
	cctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	channel = row.ChannelID
	if strings.HasPrefix(channel, "U") || strings.HasPrefix(channel, "W") {
		ch, _, _, err := p.api.OpenConversationContext(cctx, &slack.OpenConversationParameters{
			Users:    []string{channel},
			ReturnIM: true,
		})
		if err != nil {
			return "", "", false, fmt.Errorf("open dm: %w", err)
		}
		channel = ch.ID
	}
	var m Message
	_ = json.Unmarshal([]byte(row.Payload), &m) // only ThreadTS is needed; a bad payload looks top-level
	oldest := fmt.Sprintf("%d.000000", row.SendingSince.Add(-5*time.Second).Unix())
	cursor := ""
	for page := 0; page < 20; page++ {
		var msgs []slack.Message
		var more bool
		if m.ThreadTS != "" {
			msgs, more, cursor, err = p.api.GetConversationRepliesContext(cctx, &slack.GetConversationRepliesParameters{
				ChannelID:          channel,
				Timestamp:          m.ThreadTS,
				Oldest:             oldest,
				Cursor:             cursor,
				Limit:              200,
				IncludeAllMetadata: true,
			})
		} else {
			var h *slack.GetConversationHistoryResponse
			h, err = p.api.GetConversationHistoryContext(cctx, &slack.GetConversationHistoryParameters{
				ChannelID:          channel,
				Oldest:             oldest,
				Cursor:             cursor,
				Limit:              200,
				IncludeAllMetadata: true,
			})
			if h != nil {
				msgs, more, cursor = h.Messages, h.HasMore, h.ResponseMetaData.NextCursor
			}
		}
		if err != nil {
			return "", "", false, fmt.Errorf("look for %s: %w", row.Key, err)
		}
		for _, msg := range msgs {
			if msg.Metadata.EventType == metadataType && fmt.Sprint(msg.Metadata.EventPayload["key"]) == row.Key {
				return channel, msg.Timestamp, true, nil
			}
		}
		if !more || cursor == "" {
			break
		}
	}
	return channel, "", false, nil
}
