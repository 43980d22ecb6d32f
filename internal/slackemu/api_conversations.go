package slackemu

import (
	"maps"
	"slices"
	"strings"
)

func (s *Server) conversationsInfo(c *call) (obj, error) {
	cv, ok := s.ws.convs[c.arg("channel")]
	if !ok || !s.canSee(cv) {
		return nil, apiError("channel_not_found")
	}
	return obj{"channel": s.renderConvLocked(cv, c.flag("include_num_members"))}, nil
}

// conversationsList lists the conversations of the requested types that the
// bot can see, ordered by ID. Nothing is ever archived here, so
// exclude_archived is ignored.
func (s *Server) conversationsList(c *call) (obj, error) {
	types := c.arg("types")
	if types == "" {
		types = "public_channel"
	}
	want := map[string]bool{}
	for t := range strings.SplitSeq(types, ",") {
		want[strings.TrimSpace(t)] = true
	}
	var list []*conv
	for _, id := range slices.SortedFunc(maps.Keys(s.ws.convs), idCompare) {
		cv := s.ws.convs[id]
		typ := "public_channel"
		switch {
		case cv.IsIM:
			typ = "im"
		case cv.IsPrivate:
			typ = "private_channel"
		}
		if want[typ] && s.canSee(cv) {
			list = append(list, cv)
		}
	}
	limit, err := limitArg(c, 100)
	if err != nil {
		return nil, err
	}
	pg, next, err := page(list, func(cv *conv) string { return cv.ID }, idBefore, c.arg("cursor"), limit)
	if err != nil {
		return nil, err
	}
	out := make([]obj, len(pg))
	for i, cv := range pg {
		out[i] = s.renderConvLocked(cv, true)
	}
	return obj{"channels": out, "response_metadata": obj{"next_cursor": next}}, nil
}

func (s *Server) conversationsMembers(c *call) (obj, error) {
	cv, ok := s.ws.convs[c.arg("channel")]
	if !ok || !s.canSee(cv) {
		return nil, apiError("channel_not_found")
	}
	limit, err := limitArg(c, 100)
	if err != nil {
		return nil, err
	}
	members := slices.SortedFunc(slices.Values(cv.Members), idCompare)
	pg, next, err := page(members, func(m string) string { return m }, idBefore, c.arg("cursor"), limit)
	if err != nil {
		return nil, err
	}
	return obj{"members": slices.Clone(pg), "response_metadata": obj{"next_cursor": next}}, nil
}

// conversationsOpen opens the IM between the bot and one user. Group DMs
// (several users) are not emulated.
func (s *Server) conversationsOpen(c *call) (obj, error) {
	if id := c.arg("channel"); id != "" {
		cv, ok := s.ws.convs[id]
		if !ok || !cv.IsIM || !cv.has(s.opts.BotUserID) {
			return nil, apiError("channel_not_found")
		}
		return obj{"channel": s.renderConvLocked(cv, false), "no_op": true, "already_open": true}, nil
	}
	users := c.arg("users")
	if users == "" {
		return nil, apiError("users_list_not_supplied")
	}
	if strings.Contains(users, ",") {
		return nil, apiError("method_not_supported_for_channel_type")
	}
	u, ok := s.ws.users[users]
	if !ok {
		return nil, apiError("user_not_found")
	}
	if u.Deleted {
		return nil, apiError("user_disabled")
	}
	existed := s.findIMLocked(users) != nil
	cv := s.imLocked(users)
	return obj{"channel": s.renderConvLocked(cv, false), "no_op": existed, "already_open": existed}, nil
}

// conversationsJoin makes the bot join a public channel, with the
// member_joined_channel and channel_join events Slack sends.
func (s *Server) conversationsJoin(c *call) (obj, error) {
	cv, ok := s.ws.convs[c.arg("channel")]
	if !ok || !s.canSee(cv) {
		return nil, apiError("channel_not_found")
	}
	if cv.IsIM || cv.IsPrivate {
		return nil, apiError("method_not_supported_for_channel_type")
	}
	resp := obj{}
	if !s.joinLocked(cv, s.opts.BotUserID) {
		resp["warning"] = "already_in_channel"
		resp["response_metadata"] = obj{"warnings": []string{"already_in_channel"}}
	}
	resp["channel"] = s.renderConvLocked(cv, false)
	return resp, nil
}

// conversationsHistory returns the channel's top-level messages (thread
// broadcasts included), newest first.
func (s *Server) conversationsHistory(c *call) (obj, error) {
	cv, err := s.readableLocked(c.arg("channel"))
	if err != nil {
		return nil, err
	}
	r, err := rangeArgs(c)
	if err != nil {
		return nil, err
	}
	var list []*message
	for _, m := range slices.Backward(cv.msgs) {
		if m.topLevel() && r.contains(m.at) {
			list = append(list, m)
		}
	}
	return s.messagePage(c, cv, list, tsAfter)
}

// conversationsReplies returns a thread, parent first, then its replies
// oldest first. ts may name the parent or any reply.
func (s *Server) conversationsReplies(c *call) (obj, error) {
	cv, err := s.readableLocked(c.arg("channel"))
	if err != nil {
		return nil, err
	}
	r, err := rangeArgs(c)
	if err != nil {
		return nil, err
	}
	m := cv.find(c.arg("ts"))
	if m != nil && m.isReply() {
		m = cv.find(m.threadTS)
	}
	if m == nil {
		return nil, apiError("thread_not_found")
	}
	list := []*message{m}
	for _, reply := range cv.replies(m.ts) {
		if r.contains(reply.at) {
			list = append(list, reply)
		}
	}
	return s.messagePage(c, cv, list, idBefore)
}

// messagePage answers a history call with one page of list.
func (s *Server) messagePage(c *call, cv *conv, list []*message, before func(a, b string) bool) (obj, error) {
	limit, err := limitArg(c, 100)
	if err != nil {
		return nil, err
	}
	pg, next, err := page(list, func(m *message) string { return m.ts }, before, c.arg("cursor"), limit)
	if err != nil {
		return nil, err
	}
	withMeta := c.flag("include_all_metadata")
	out := make([]obj, len(pg))
	for i, m := range pg {
		out[i] = s.renderMessageLocked(cv, m, withMeta)
	}
	return obj{
		"messages": out, "has_more": next != "", "pin_count": 0,
		"response_metadata": obj{"next_cursor": next},
	}, nil
}
