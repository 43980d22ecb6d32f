package slackemu

import (
	"slices"
	"strings"
)

// Join adds user to channel: it delivers member_joined_channel and posts the
// channel_join message ("<@U> has joined the channel") with its event. When
// user is the bot, these are the first events it gets from the channel.
// Joining twice is a no-op.
func (s *Server) Join(channel, user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.joinLocked(s.mustConvLocked("Join", channel), user)
}

// joinLocked adds user to c and reports whether they were not a member.
func (s *Server) joinLocked(c *conv, user string) bool {
	if c.has(user) {
		return false
	}
	c.Members = append(slices.Clip(c.Members), user)
	eventTS, _ := s.nextTSLocked()
	s.publishLocked(c, obj{
		"type": "member_joined_channel", "user": user, "channel": c.ID,
		"channel_type": memberChannelType(c), "team": s.opts.TeamID, "event_ts": eventTS,
	})
	m := &message{user: user, subtype: "channel_join", text: "<@" + user + "> has joined the channel"}
	m.ts, m.at = s.nextTSLocked()
	c.add(m)
	s.publishLocked(c, s.messageEventLocked(c, m))
	return true
}

// Leave removes user from channel and delivers member_left_channel (to the
// bot too when it is the one leaving). Leaving twice is a no-op.
func (s *Server) Leave(channel, user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.mustConvLocked("Leave", channel)
	if !c.has(user) {
		return
	}
	eventTS, _ := s.nextTSLocked()
	ev := obj{
		"type": "member_left_channel", "user": user, "channel": c.ID,
		"channel_type": memberChannelType(c), "team": s.opts.TeamID, "event_ts": eventTS,
	}
	s.publishLocked(c, ev) // before leaving, so a departing bot still gets it
	c.Members = slices.DeleteFunc(slices.Clone(c.Members), func(m string) bool { return m == user })
}

// RenameChannel renames channel and delivers channel_rename (group_rename for
// a private channel, as Slack does). Every bot is told about public channels.
func (s *Server) RenameChannel(channel, newName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.mustConvLocked("RenameChannel", channel)
	if c.Name != "" {
		c.previousNames = append(c.previousNames, c.Name)
	}
	c.Name = newName
	eventTS, _ := s.nextTSLocked()
	typ, scope := "channel_rename", (*conv)(nil)
	if c.IsPrivate {
		typ, scope = "group_rename", c
	}
	s.publishLocked(scope, obj{
		"type": typ, "event_ts": eventTS,
		"channel": obj{
			"id": c.ID, "name": newName, "name_normalized": strings.ToLower(newName),
			"created": c.created, "is_channel": !c.IsPrivate, "is_mpim": false,
		},
	})
}

// memberChannelType is the channel_type of membership events: "C" for public
// channels, "G" for private ones.
func memberChannelType(c *conv) string {
	if c.IsPrivate {
		return "G"
	}
	return "C"
}
