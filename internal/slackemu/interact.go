package slackemu

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// responseTarget is where the response to a command or an action goes.
type responseTarget struct {
	channel, user string
	messageTS     string    // the message an action came from, if any
	issued        time.Time // by Options.Now: the URL expires 30 minutes later
	uses          int       // posts accepted; Slack takes 5
}

// issueLocked returns a new trigger_id and response_url for user in t.
func (s *Server) issueLocked(t responseTarget) (triggerID, responseURL string) {
	triggerID = strings.ToLower(s.newID("trigger."))
	s.ws.triggers[triggerID] = t.user
	token := s.newID("R")
	t.issued = s.opts.Now()
	s.ws.targets[token] = t
	return triggerID, s.base + "/respond/" + token
}

// ResponseURL returns a response_url such as a command typed by user in
// channel carries, for tests that answer without running a transport.
func (s *Server) ResponseURL(user, channel string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, u := s.issueLocked(responseTarget{channel: channel, user: user})
	return u
}

// SlashCommand sends the configured slash command (Options.Command, default
// "/praxis") as typed by user in channel: a "slash_commands" envelope in Socket
// Mode, a signed form POST to CommandsURL in HTTP mode. The payload carries a
// trigger_id for views.open and a response_url served by the emulator. Like
// Slack, the emulator never retries a command.
func (s *Server) SlashCommand(user, channel, text string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.ws.convs[channel]
	if !ok {
		return fmt.Errorf("slackemu: SlashCommand: unknown channel %q", channel)
	}
	target := responseTarget{channel: channel, user: user}
	trigger, respURL := s.issueLocked(target)
	name := user
	if u, ok := s.ws.users[user]; ok {
		name = u.Name
	}
	form := url.Values{
		"token": {VerificationToken}, "team_id": {s.opts.TeamID}, "team_domain": {"emulator"},
		"channel_id": {channel}, "channel_name": {channelName(c)}, "user_id": {user},
		"user_name": {name}, "command": {s.opts.Command}, "text": {text},
		"api_app_id": {s.opts.AppID}, "is_enterprise_install": {"false"},
		"response_url": {respURL}, "trigger_id": {trigger},
	}
	payload := obj{}
	for k, v := range form {
		payload[k] = v[0]
	}
	payload["is_enterprise_install"] = false
	return s.submit(&delivery{kind: kindCommand, payload: rawJSON(payload), form: form, target: target})
}

// channelName is the name Slack gives a conversation in payloads.
func channelName(c *conv) string {
	if c.IsIM {
		return "directmessage"
	}
	return c.Name
}

// messageLocked finds message ts in channel for an interaction named what.
func (s *Server) messageLocked(what, channel, ts string) (*conv, *message, error) {
	c, ok := s.ws.convs[channel]
	if !ok {
		return nil, nil, fmt.Errorf("slackemu: %s: unknown channel %q", what, channel)
	}
	m := c.find(ts)
	if m == nil {
		return nil, nil, fmt.Errorf("slackemu: %s: no message %s in %s", what, ts, channel)
	}
	return c, m, nil
}

// actorLocked describes user as interaction payloads do.
func (s *Server) actorLocked(user string) obj {
	name := user
	if u, ok := s.ws.users[user]; ok {
		name = u.Name
	}
	return obj{"id": user, "username": name, "name": name, "team_id": s.opts.TeamID}
}

// BlockAction clicks the interactive element actionID of message ts in
// channel as user, with value, and delivers the block_actions payload
// ("interactive" envelope, or form POST to InteractiveURL). The element must
// exist in the message's blocks.
func (s *Server) BlockAction(user, channel, ts, actionID, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, err := s.messageLocked("BlockAction", channel, ts)
	if err != nil {
		return err
	}
	blockID, kind, found := findAction(m.blocks, actionID)
	if !found {
		return fmt.Errorf("slackemu: BlockAction: no element %q in message %s", actionID, ts)
	}
	target := responseTarget{channel: channel, user: user, messageTS: ts}
	trigger, respURL := s.issueLocked(target)
	actionTS, _ := s.nextTSLocked()
	payload := obj{
		"type": "block_actions", "token": VerificationToken, "api_app_id": s.opts.AppID,
		"user":       s.actorLocked(user),
		"team":       obj{"id": s.opts.TeamID, "domain": "emulator"},
		"container":  obj{"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": false},
		"channel":    obj{"id": channel, "name": channelName(c)},
		"message":    s.renderMessageLocked(c, m, false),
		"trigger_id": trigger, "response_url": respURL, "is_enterprise_install": false,
		"actions": []obj{{
			"action_id": actionID, "block_id": blockID, "type": kind,
			"value": value, "action_ts": actionTS,
		}},
	}
	return s.submit(&delivery{kind: kindInteractive, payload: rawJSON(payload), target: target})
}

// findAction looks for the element with actionID in blocks, at the places
// Slack allows interactive elements: an actions or input block's elements,
// a section's accessory.
func findAction(blocks json.RawMessage, actionID string) (blockID, kind string, found bool) {
	blockID, kind, _, found = findActionValue(blocks, actionID)
	return blockID, kind, found
}

// findActionValue is findAction, also returning the element's value.
func findActionValue(blocks json.RawMessage, actionID string) (blockID, kind, value string, found bool) {
	type element struct {
		ActionID string `json:"action_id"`
		Type     string `json:"type"`
		Value    string `json:"value"`
	}
	var list []struct {
		BlockID   string    `json:"block_id"`
		Elements  []element `json:"elements"`
		Element   *element  `json:"element"`
		Accessory *element  `json:"accessory"`
	}
	if json.Unmarshal(blocks, &list) != nil {
		return "", "", "", false
	}
	for _, b := range list {
		candidates := b.Elements
		for _, e := range []*element{b.Element, b.Accessory} {
			if e != nil {
				candidates = append(candidates, *e)
			}
		}
		for _, e := range candidates {
			if e.ActionID == actionID {
				return b.BlockID, e.Type, e.Value, true
			}
		}
	}
	return "", "", "", false
}

// DeliverInteractive delivers payload, an interaction such as the
// view_submission sample, as is ("interactive" envelope, or form POST to
// InteractiveURL).
func (s *Server) DeliverInteractive(payload []byte) error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(payload, &probe); err != nil {
		return errors.New("slackemu: DeliverInteractive: payload is not a JSON object")
	}
	return s.submit(&delivery{kind: kindInteractive, payload: append(json.RawMessage(nil), payload...)})
}

// MessageShortcut runs a message shortcut (callbackID, e.g. "find_expert")
// on a message, as a member picks it from the message's menu: a
// message_action payload with the message.
func (s *Server) MessageShortcut(user, channel, ts, callbackID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, err := s.messageLocked("MessageShortcut", channel, ts)
	if err != nil {
		return err
	}
	target := responseTarget{channel: channel, user: user, messageTS: ts}
	trigger, respURL := s.issueLocked(target)
	actionTS, _ := s.nextTSLocked()
	payload := obj{
		"type": "message_action", "token": VerificationToken, "callback_id": callbackID, "action_ts": actionTS,
		"user":    s.actorLocked(user),
		"team":    obj{"id": s.opts.TeamID, "domain": "emulator"},
		"channel": obj{"id": channel, "name": channelName(c)},
		"message": s.renderMessageLocked(c, m, false), "message_ts": ts,
		"trigger_id": trigger, "response_url": respURL,
	}
	return s.submit(&delivery{kind: kindInteractive, payload: rawJSON(payload), target: target})
}

// EphemeralAction clicks a button of an ephemeral message the bot showed
// user (see Posted): Slack's block_actions then has a container marked
// ephemeral and no message object.
func (s *Server) EphemeralAction(user string, p Posted, actionID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !p.Ephemeral || p.User != user {
		return fmt.Errorf("slackemu: EphemeralAction: not an ephemeral message shown to %s", user)
	}
	c, ok := s.ws.convs[p.Channel]
	if !ok {
		return fmt.Errorf("slackemu: EphemeralAction: unknown channel %q", p.Channel)
	}
	blockID, kind, value, found := findActionValue(p.Blocks, actionID)
	if !found {
		return fmt.Errorf("slackemu: EphemeralAction: no element %q in the message", actionID)
	}
	target := responseTarget{channel: p.Channel, user: user}
	trigger, respURL := s.issueLocked(target)
	actionTS, _ := s.nextTSLocked()
	payload := obj{
		"type": "block_actions", "token": VerificationToken, "api_app_id": s.opts.AppID,
		"user":       s.actorLocked(user),
		"team":       obj{"id": s.opts.TeamID, "domain": "emulator"},
		"container":  obj{"type": "message", "message_ts": p.TS, "channel_id": p.Channel, "is_ephemeral": true},
		"channel":    obj{"id": p.Channel, "name": channelName(c)},
		"trigger_id": trigger, "response_url": respURL,
		"actions": []obj{{
			"action_id": actionID, "block_id": blockID, "type": kind, "value": value, "action_ts": actionTS,
		}},
	}
	return s.submit(&delivery{kind: kindInteractive, payload: rawJSON(payload), target: target})
}
