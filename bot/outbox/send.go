package outbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"praxis/bot/blockkit"
	"praxis/store"
)

// call sends one message with slack-go and returns where it landed.
func (p *Poster) call(ctx context.Context, row store.OutRow) (channel, ts string, err error) {
	var m Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
		return "", "", fmt.Errorf("%w: bad payload: %v", errPermanent, err)
	}
	if err := p.fit(row, &m); err != nil {
		return "", "", err
	}
	switch row.Method {
	case UploadFile:
		return p.upload(ctx, row, m)
	case Respond:
		return p.respond(ctx, row, m)
	case PublishView:
		view, err := homeView(m.View)
		if err != nil {
			return "", "", err
		}
		_, err = p.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: m.User, View: view})
		return "", "", err
	}
	opts, err := msgOptions(m, row.Key)
	if err != nil {
		return "", "", err
	}
	switch row.Method {
	case PostMessage:
		return p.api.PostMessageContext(ctx, row.ChannelID, opts...)
	case PostEphemeral:
		ts, err := p.api.PostEphemeralContext(ctx, row.ChannelID, m.User, opts...)
		return row.ChannelID, ts, err
	case UpdateMessage:
		ch, ts, _, err := p.api.UpdateMessageContext(ctx, row.ChannelID, m.TS, opts...)
		return ch, ts, err
	}
	return "", "", fmt.Errorf("%w: unknown method %q", errPermanent, row.Method)
}

// fit brings m within the limits Slack documents just before it leaves
// (blockkit), so that it is degraded rather than refused; what had to give
// is logged, without any of the text.
func (p *Poster) fit(row store.OutRow, m *Message) error {
	var notes []string
	if text, cut := blockkit.FitText(m.Text); cut {
		m.Text, notes = text, append(notes, "text cut")
	}
	var err error
	var more []string
	if len(m.Blocks) > 0 {
		m.Blocks, more, err = blockkit.FitBlocks(m.Blocks, blockkit.InMessage)
		notes = append(notes, more...)
	}
	if err == nil && len(m.View) > 0 {
		m.View, more, err = blockkit.FitView(m.View)
		notes = append(notes, more...)
	}
	if err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	if len(notes) > 0 {
		p.m.OutboxDegraded.Inc()
		p.log.Warn("payload degraded to fit Slack's limits", "key", row.Key, "method", row.Method, "changes", notes)
	}
	return nil
}

// rawBlocks turns stored blocks into slack-go blocks that marshal back to
// the very JSON they came from: a round trip through slack-go's own types
// would drop what they do not model (new block types, new fields).
func rawBlocks(raw json.RawMessage) ([]slack.Block, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("%w: bad blocks: %v", errPermanent, err)
	}
	out := make([]slack.Block, 0, len(list))
	for _, b := range list {
		block, err := slack.BlockFromJSON(string(b))
		if err != nil {
			return nil, fmt.Errorf("%w: bad block: %v", errPermanent, err)
		}
		out = append(out, block)
	}
	return out, nil
}

// homeView is a stored Home tab view, its blocks kept as stored.
func homeView(raw json.RawMessage) (slack.HomeTabViewRequest, error) {
	var v struct {
		Type            slack.ViewType  `json:"type"`
		Blocks          json.RawMessage `json:"blocks"`
		PrivateMetadata string          `json:"private_metadata"`
		CallbackID      string          `json:"callback_id"`
		ExternalID      string          `json:"external_id"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return slack.HomeTabViewRequest{}, fmt.Errorf("%w: bad view: %v", errPermanent, err)
	}
	blocks, err := rawBlocks(v.Blocks)
	if err != nil {
		return slack.HomeTabViewRequest{}, err
	}
	return slack.HomeTabViewRequest{Type: v.Type, Blocks: slack.Blocks{BlockSet: blocks},
		PrivateMetadata: v.PrivateMetadata, CallbackID: v.CallbackID, ExternalID: v.ExternalID}, nil
}

// upload sends a file into a channel, or a user's DM (opened first).
func (p *Poster) upload(ctx context.Context, row store.OutRow, m Message) (channel, ts string, err error) {
	if m.File == nil || len(m.File.Data) == 0 || m.File.Name == "" {
		return "", "", fmt.Errorf("%w: no file to upload", errPermanent)
	}
	channel = row.ChannelID
	if strings.HasPrefix(channel, "U") || strings.HasPrefix(channel, "W") {
		ch, _, _, err := p.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{
			Users:    []string{channel},
			ReturnIM: true,
		})
		if err != nil {
			return "", "", err
		}
		channel = ch.ID
	}
	f, err := p.api.UploadFileContext(ctx, slack.UploadFileParameters{
		Channel:         channel,
		Filename:        m.File.Name,
		Title:           m.File.Title,
		AltTxt:          m.File.AltText,
		FileSize:        len(m.File.Data),
		Reader:          bytes.NewReader(m.File.Data),
		InitialComment:  m.Text,
		ThreadTimestamp: m.ThreadTS,
	})
	if err != nil {
		return "", "", err
	}
	return channel, f.ID, nil
}

func msgOptions(m Message, key string) ([]slack.MsgOption, error) {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: metadataType, EventPayload: map[string]any{"key": key}})}
	if len(m.Blocks) > 0 {
		blocks, err := rawBlocks(m.Blocks)
		if err != nil {
			return nil, err
		}
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	if m.ThreadTS != "" {
		opts = append(opts, slack.MsgOptionTS(m.ThreadTS))
		if m.Broadcast {
			opts = append(opts, slack.MsgOptionBroadcast())
		}
	}
	return opts, nil
}
