package slackemu

import (
	"slices"
	"strings"
)

// missingScopeLocked returns the scope a call needs that the bot token
// lacks, "" when it has them all (Options.Scopes nil: every scope).
func (s *Server) missingScopeLocked(c *call) string {
	if s.opts.Scopes == nil {
		return ""
	}
	for _, need := range s.neededLocked(c) {
		if !slices.Contains(s.opts.Scopes, need) {
			return need
		}
	}
	return ""
}

// neededLocked lists the scopes a call needs, as Slack's documentation of
// each method gives them: by conversation type for the conversations
// methods. Methods not listed need none here.
func (s *Server) neededLocked(c *call) []string {
	switch c.method {
	case "users.list", "users.info":
		return []string{"users:read"}
	case "users.profile.get":
		return []string{"users.profile:read"}
	case "chat.postMessage", "chat.postEphemeral", "chat.update":
		return []string{"chat:write"}
	case "conversations.list":
		types := c.arg("types")
		if types == "" {
			types = "public_channel"
		}
		var out []string
		for t := range strings.SplitSeq(types, ",") {
			out = append(out, scopePrefix(strings.TrimSpace(t))+":read")
		}
		return out
	case "conversations.history", "conversations.replies", "conversations.members", "conversations.info":
		cv, ok := s.ws.convs[c.arg("channel")]
		if !ok {
			return nil
		}
		typ := "public_channel"
		switch {
		case cv.IsIM:
			typ = "im"
		case cv.IsPrivate:
			typ = "private_channel"
		}
		if c.method == "conversations.history" || c.method == "conversations.replies" {
			return []string{scopePrefix(typ) + ":history"}
		}
		return []string{scopePrefix(typ) + ":read"}
	}
	return nil
}

// scopePrefix is the scopes' name for a conversation type.
func scopePrefix(typ string) string {
	switch typ {
	case "private_channel":
		return "groups"
	case "im", "mpim":
		return typ
	}
	return "channels"
}
