package slackemu

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// maxTextLen is the longest text chat.postMessage accepts.
const maxTextLen = 40000

// maxCharts is how many data_visualization blocks Slack takes in one
// message: it answered invalid_blocks to three.
const maxCharts = 2

// postTargetLocked resolves the channel argument of chat.postMessage: a
// conversation ID, a user ID (their IM with the bot) or a channel name. The
// bot must be a member.
func (s *Server) postTargetLocked(id string) (*conv, error) {
	if _, isUser := s.ws.users[id]; isUser && id != s.opts.BotUserID {
		return s.imLocked(id), nil
	}
	c, ok := s.ws.convs[id]
	if !ok {
		name := strings.TrimPrefix(id, "#")
		for _, cand := range s.ws.convs {
			if !cand.IsIM && cand.Name == name {
				c, ok = cand, true
				break
			}
		}
	}
	if !ok || !s.canSee(c) {
		return nil, apiError("channel_not_found")
	}
	if !c.has(s.opts.BotUserID) {
		return nil, apiError("not_in_channel")
	}
	return c, nil
}

// readableLocked returns the conversation id if the bot may read its
// messages.
func (s *Server) readableLocked(id string) (*conv, error) {
	c, ok := s.ws.convs[id]
	if !ok || !s.canSee(c) {
		return nil, apiError("channel_not_found")
	}
	if !c.has(s.opts.BotUserID) {
		return nil, apiError("not_in_channel")
	}
	return c, nil
}

// content validates the text, blocks and metadata of a message.
func content(text, blocks, metadata string, requireText bool) error {
	if utf8.RuneCountInString(text) > maxTextLen {
		return apiError("msg_too_long")
	}
	if blocks != "" {
		var list []struct {
			Type string `json:"type"`
		}
		if json.Unmarshal([]byte(blocks), &list) != nil || len(list) > 50 {
			return apiError("invalid_blocks")
		}
		charts := 0
		for _, b := range list {
			if b.Type == "data_visualization" {
				charts++
			}
		}
		if charts > maxCharts {
			return apiError("invalid_blocks")
		}
	}
	if requireText && text == "" && blocks == "" {
		return apiError("no_text")
	}
	if metadata != "" {
		var md struct {
			EventType    string         `json:"event_type"`
			EventPayload map[string]any `json:"event_payload"`
		}
		if json.Unmarshal([]byte(metadata), &md) != nil || md.EventType == "" {
			return apiError("invalid_metadata_format")
		}
	}
	return nil
}

// threadRootLocked resolves a thread_ts to the thread's parent.
func (s *Server) threadRootLocked(c *conv, ts string) string {
	m := c.find(ts)
	switch {
	case m == nil:
		s.opts.Logf("slackemu: thread_ts %s matches no message in %s", ts, c.ID)
	case m.isReply():
		return m.threadTS
	}
	return ts
}

func (s *Server) chatPostMessage(c *call) (obj, error) {
	cv, err := s.postTargetLocked(c.arg("channel"))
	if err != nil {
		return nil, err
	}
	text, blocks, metadata := c.arg("text"), c.arg("blocks"), c.arg("metadata")
	if err := content(text, blocks, metadata, true); err != nil {
		return nil, err
	}
	m := s.postBotLocked(cv, text, blocks, metadata, c.arg("thread_ts"), c.flag("reply_broadcast"))
	s.record(Posted{
		Method: c.method, Channel: cv.ID, User: s.opts.BotUserID, Text: text, ThreadTS: m.threadTS,
		TS: m.ts, Blocks: cloneRaw(blocks), Metadata: cloneRaw(metadata),
	})
	return obj{"channel": cv.ID, "ts": m.ts, "message": s.renderMessageLocked(cv, m, true)}, nil
}

// postBotLocked stores a message from the bot and delivers its event.
func (s *Server) postBotLocked(cv *conv, text, blocks, metadata, threadTS string, broadcast bool) *message {
	m := &message{
		user: s.opts.BotUserID, botID: s.opts.BotID, text: text,
		blocks: cloneRaw(blocks), metadata: cloneRaw(metadata),
	}
	if threadTS != "" {
		m.threadTS = s.threadRootLocked(cv, threadTS)
		if broadcast {
			m.subtype = "thread_broadcast"
		}
	}
	m.ts, m.at = s.nextTSLocked()
	cv.add(m)
	s.publishMessageLocked(cv, m)
	return m
}

func (s *Server) chatPostEphemeral(c *call) (obj, error) {
	cv, err := s.postTargetLocked(c.arg("channel"))
	if err != nil {
		return nil, err
	}
	user, text, blocks := c.arg("user"), c.arg("text"), c.arg("blocks")
	if _, ok := s.ws.users[user]; !ok {
		return nil, apiError("user_not_found")
	}
	if !cv.has(user) {
		return nil, apiError("user_not_in_channel")
	}
	if err := content(text, blocks, "", true); err != nil {
		return nil, err
	}
	ts, _ := s.nextTSLocked()
	s.record(Posted{
		Method: c.method, Channel: cv.ID, User: user, Text: text, ThreadTS: c.arg("thread_ts"),
		TS: ts, Blocks: cloneRaw(blocks), Ephemeral: true,
	})
	return obj{"message_ts": ts}, nil
}

func (s *Server) chatUpdate(c *call) (obj, error) {
	cv, err := s.readableLocked(c.arg("channel"))
	if err != nil {
		return nil, err
	}
	m := cv.find(c.arg("ts"))
	if m == nil {
		return nil, apiError("message_not_found")
	}
	if m.botID != s.opts.BotID {
		return nil, apiError("cant_update_message")
	}
	text, blocks, metadata := c.arg("text"), c.arg("blocks"), c.arg("metadata")
	if err := content(text, blocks, metadata, false); err != nil {
		return nil, err
	}
	prev := s.renderMessageLocked(cv, m, false)
	editTS, _ := s.nextTSLocked()
	if _, ok := c.args["text"]; ok {
		m.text = text
	}
	if _, ok := c.args["blocks"]; ok {
		m.blocks = cloneRaw(blocks)
	}
	if metadata != "" {
		m.metadata = cloneRaw(metadata)
	}
	m.edited = &edit{user: s.opts.BotUserID, ts: editTS}
	s.publishChangedLocked(cv, m, prev, editTS)
	s.record(Posted{
		Method: c.method, Channel: cv.ID, User: s.opts.BotUserID, Text: m.text, ThreadTS: threadOf(m),
		TS: m.ts, Blocks: cloneRaw(string(m.blocks)), Metadata: cloneRaw(string(m.metadata)),
	})
	return obj{"channel": cv.ID, "ts": m.ts, "text": m.text, "message": s.renderMessageLocked(cv, m, true)}, nil
}

// threadOf returns the thread a reply belongs to, "" for top-level messages.
func threadOf(m *message) string {
	if m.isReply() {
		return m.threadTS
	}
	return ""
}

func (s *Server) chatGetPermalink(c *call) (obj, error) {
	cv, ok := s.ws.convs[c.arg("channel")]
	if !ok || !s.canSee(cv) {
		return nil, apiError("channel_not_found")
	}
	m := cv.find(c.arg("message_ts"))
	if m == nil {
		return nil, apiError("message_not_found")
	}
	link := permalinkBase + "/archives/" + cv.ID + "/p" + strings.ReplaceAll(m.ts, ".", "")
	if m.isReply() {
		link += "?thread_ts=" + m.threadTS + "&cid=" + cv.ID
	}
	return obj{"channel": cv.ID, "permalink": link}, nil
}

func (s *Server) reactionsAdd(c *call) (obj, error) {
	channel, ts, name := c.arg("channel"), c.arg("timestamp"), c.arg("name")
	if channel == "" || ts == "" {
		return nil, apiError("no_item_specified")
	}
	if name = strings.Trim(name, ":"); name == "" {
		return nil, apiError("invalid_name")
	}
	cv, ok := s.ws.convs[channel]
	if !ok || !s.canSee(cv) {
		return nil, apiError("channel_not_found")
	}
	m := cv.find(ts)
	if m == nil {
		return nil, apiError("message_not_found")
	}
	if !m.addReaction(name, s.opts.BotUserID) {
		return nil, apiError("already_reacted")
	}
	s.publishReactionLocked(cv, m, "reaction_added", s.opts.BotUserID, name)
	s.record(Posted{
		Method:   c.method,
		Channel:  cv.ID,
		User:     s.opts.BotUserID,
		Text:     name,
		ThreadTS: threadOf(m),
		TS:       m.ts,
	})
	return obj{}, nil
}
