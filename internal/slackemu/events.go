package slackemu

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// VerificationToken is the deprecated verification token carried by every
// envelope ("token"). Bots should check signatures instead.
const VerificationToken = "emulator-verification-token"

// publishLocked wraps inner in an event_callback envelope and queues it for
// delivery, unless the app is not subscribed to its type or the bot cannot
// see the conversation it happened in (c may be nil for workspace events).
// It returns the envelope, or nil when the event was filtered out.
func (s *Server) publishLocked(c *conv, inner obj) json.RawMessage {
	typ, _ := inner["type"].(string)
	if len(s.opts.Subscriptions) > 0 && !slices.Contains(s.opts.Subscriptions, typ) {
		return nil
	}
	if c != nil && !c.has(s.opts.BotUserID) {
		s.opts.Logf("slackemu: %s in %s not delivered: the bot is not a member", typ, c.ID)
		return nil
	}
	env := s.eventCallback(inner)
	s.disp.submit(&delivery{kind: kindEvents, payload: env})
	return env
}

// eventCallback builds the Events API envelope around an inner event.
func (s *Server) eventCallback(inner obj) json.RawMessage {
	return rawJSON(obj{
		"token":      VerificationToken,
		"team_id":    s.opts.TeamID,
		"api_app_id": s.opts.AppID,
		"event":      inner,
		"type":       "event_callback",
		"event_id":   s.newID("Ev"),
		"event_time": s.opts.Now().Unix(),
		"authorizations": []obj{{
			"enterprise_id": nil, "team_id": s.opts.TeamID, "user_id": s.opts.BotUserID,
			"is_bot": true, "is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
		"event_context":         "4-" + strings.ToLower(s.newID("ctx")),
	})
}

// messageEventLocked renders m as the inner event of a new message.
func (s *Server) messageEventLocked(c *conv, m *message) obj {
	ev := s.renderMessageLocked(c, m, true)
	ev["channel"] = c.ID
	ev["channel_type"] = c.kind()
	ev["event_ts"] = m.ts
	return ev
}

// publishMessageLocked delivers the message event for m and, when m mentions
// the bot outside an IM, the app_mention event Slack sends alongside.
func (s *Server) publishMessageLocked(c *conv, m *message) {
	s.publishLocked(c, s.messageEventLocked(c, m))
	if c.IsIM || m.botID != "" || !strings.Contains(m.text, "<@"+s.opts.BotUserID+">") {
		return
	}
	mention := obj{
		"type": "app_mention", "user": m.user, "text": m.text, "ts": m.ts,
		"channel": c.ID, "event_ts": m.ts, "team": s.opts.TeamID,
	}
	if m.clientMsgID != "" {
		mention["client_msg_id"] = m.clientMsgID
	}
	if m.isReply() {
		mention["thread_ts"] = m.threadTS
	}
	s.publishLocked(c, mention)
}

// DeliverRaw delivers payload, an Events API envelope such as a file of the
// Slack samples, exactly as given. It bypasses Subscriptions and membership.
func (s *Server) DeliverRaw(payload []byte) error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(payload, &probe); err != nil {
		return errors.New("slackemu: DeliverRaw: payload is not a JSON object")
	}
	return s.submit(&delivery{kind: kindEvents, payload: json.RawMessage(slices.Clone(payload))})
}

// OpenAppHome delivers the app_home_opened event of user opening the bot's
// Home tab.
func (s *Server) OpenAppHome(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ts, _ := s.nextTSLocked()
	im := s.imLocked(user)
	ev := obj{"type": "app_home_opened", "user": user, "channel": im.ID, "tab": "home", "event_ts": ts}
	if hash, ok := s.ws.homes[user]; ok {
		ev["view"] = obj{"id": "V" + user, "type": "home", "hash": hash}
	}
	s.publishLocked(nil, ev)
}

// submit queues a delivery unless the server is closed.
func (s *Server) submit(d *delivery) error {
	if s.ctx.Err() != nil {
		return ErrClosed
	}
	s.disp.submit(d)
	return nil
}
