package slackemu

import (
	"encoding/json"
	"fmt"
	"slices"
)

// HomeAction uses the interactive element actionID of the Home view last
// published for user (views.publish), as the member does on the bot's Home
// tab, and delivers the block_actions payload: its container is the view,
// and there is no message and no response_url. For a button, value "" means
// the button's own value; for a select (static_select, radio_buttons,
// overflow), value must be one of its options and is sent as
// selected_option.
func (s *Server) HomeAction(user, actionID, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	blocks, ok := s.homeBlocks(user)
	if !ok {
		return fmt.Errorf("slackemu: HomeAction: no Home published for %s", user)
	}
	el, blockID, found := findHomeElement(blocks, actionID)
	if !found {
		return fmt.Errorf("slackemu: HomeAction: no element %q in the Home of %s", actionID, user)
	}
	actionTS, _ := s.nextTSLocked()
	action := obj{"action_id": actionID, "block_id": blockID, "type": el.Type, "action_ts": actionTS}
	switch el.Type {
	case "button":
		if value == "" {
			value = el.Value
		}
		action["value"] = value
	case "static_select", "radio_buttons", "overflow":
		i := slices.IndexFunc(el.Options, func(o homeOption) bool { return o.Value == value })
		if i < 0 {
			return fmt.Errorf("slackemu: HomeAction: %q is not an option of %q", value, actionID)
		}
		action["selected_option"] = obj{"text": el.Options[i].Text, "value": value}
	default:
		return fmt.Errorf("slackemu: HomeAction: elements of type %q are not emulated", el.Type)
	}
	trigger, _ := s.issueLocked(responseTarget{user: user})
	view := obj{
		"id":      "V" + user,
		"type":    "home",
		"hash":    s.ws.homes[user],
		"team_id": s.opts.TeamID,
		"app_id":  s.opts.AppID,
		"bot_id":  s.opts.BotID,
		"blocks":  blocks,
		"state":   obj{"values": obj{}},
	}
	payload := obj{
		"type": "block_actions", "token": VerificationToken, "api_app_id": s.opts.AppID,
		"user":      s.actorLocked(user),
		"team":      obj{"id": s.opts.TeamID, "domain": "emulator"},
		"container": obj{"type": "view", "view_id": "V" + user},
		"view":      view, "trigger_id": trigger, "is_enterprise_install": false,
		"actions": []obj{action},
	}
	return s.submit(&delivery{kind: kindInteractive, payload: rawJSON(payload), target: responseTarget{user: user}})
}

// homeBlocks returns the blocks of the Home view last published for user.
func (s *Server) homeBlocks(user string) (json.RawMessage, bool) {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	for i := len(s.rec.posted) - 1; i >= 0; i-- {
		if p := s.rec.posted[i]; p.Method == "views.publish" && p.User == user {
			return p.Blocks, true
		}
	}
	return nil, false
}

type homeOption struct {
	Text  json.RawMessage `json:"text"`
	Value string          `json:"value"`
}

type homeElement struct {
	ActionID string       `json:"action_id"`
	Type     string       `json:"type"`
	Value    string       `json:"value"`
	Options  []homeOption `json:"options"`
}

// findHomeElement finds actionID where Slack allows interactive elements:
// an actions or input block's elements, a section's accessory.
func findHomeElement(blocks json.RawMessage, actionID string) (homeElement, string, bool) {
	var list []struct {
		BlockID   string        `json:"block_id"`
		Elements  []homeElement `json:"elements"`
		Element   *homeElement  `json:"element"`
		Accessory *homeElement  `json:"accessory"`
	}
	if json.Unmarshal(blocks, &list) != nil {
		return homeElement{}, "", false
	}
	for _, b := range list {
		candidates := b.Elements
		for _, e := range []*homeElement{b.Element, b.Accessory} {
			if e != nil {
				candidates = append(candidates, *e)
			}
		}
		for _, e := range candidates {
			if e.ActionID == actionID {
				return e, b.BlockID, true
			}
		}
	}
	return homeElement{}, "", false
}
