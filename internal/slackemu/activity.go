package slackemu

import (
	"fmt"
	"slices"
)

// MsgOpt adjusts a message posted by UserMessage.
type MsgOpt func(*msgOptions)

type msgOptions struct {
	threadTS  string
	broadcast bool
	files     []File
}

// InThread posts the message as a reply in the thread of threadTS (the
// parent's ts; a reply's ts is resolved to its parent).
func InThread(threadTS string) MsgOpt { return func(o *msgOptions) { o.threadTS = threadTS } }

// Broadcast also sends a thread reply to the channel (subtype
// thread_broadcast). It requires InThread.
func Broadcast() MsgOpt { return func(o *msgOptions) { o.broadcast = true } }

// WithFile attaches f to the message (subtype file_share, files array).
func WithFile(f File) MsgOpt { return func(o *msgOptions) { o.files = append(o.files, f) } }

// UserMessage posts text as user in channel: the message goes into the history
// and the message event (plus app_mention when the bot is mentioned) is
// delivered. Links and mentions are plain Slack markup in text, such as
// "<https://example.com|title>" or "<@UPRAXIS>". It returns the message ts.
func (s *Server) UserMessage(channel, user, text string, opt ...MsgOpt) string {
	var o msgOptions
	for _, f := range opt {
		f(&o)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.mustConvLocked("UserMessage", channel)
	m := &message{user: user, text: text}
	m.ts, m.at = s.nextTSLocked()
	m.clientMsgID = fmt.Sprintf("00000000-0000-4000-9000-%012x", m.at)
	if o.threadTS != "" {
		_, parent := s.mustMessageLocked("UserMessage", channel, o.threadTS)
		m.threadTS = parent.ts
		if parent.isReply() {
			m.threadTS = parent.threadTS
		}
	}
	if o.broadcast {
		if m.threadTS == "" {
			panic("slackemu: UserMessage: Broadcast requires InThread")
		}
		m.subtype = "thread_broadcast"
	}
	if len(o.files) > 0 {
		if m.subtype == "" {
			m.subtype = "file_share"
		}
		for _, f := range o.files {
			if f.ID == "" {
				f.ID = s.newID("F")
			}
			if f.URL == "" {
				f.URL = s.base + "/files/" + f.ID + "/" + f.Name
			}
			m.files = append(m.files, f)
		}
	}
	c.add(m)
	s.publishMessageLocked(c, m)
	return m.ts
}

// EditMessage changes the text of message ts as user, and delivers the
// message_changed event with the new message (its edited field set) and the
// previous one.
func (s *Server) EditMessage(channel, ts, user, newText string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m := s.mustMessageLocked("EditMessage", channel, ts)
	prev := s.renderMessageLocked(c, m, false)
	editTS, _ := s.nextTSLocked()
	m.text = newText
	m.edited = &edit{user: user, ts: editTS}
	s.publishChangedLocked(c, m, prev, editTS)
}

// publishChangedLocked delivers the message_changed event for m.
func (s *Server) publishChangedLocked(c *conv, m *message, prev obj, eventTS string) {
	msg := s.renderMessageLocked(c, m, false)
	s.publishLocked(c, obj{
		"type": "message", "subtype": "message_changed", "hidden": true,
		"channel": c.ID, "channel_type": c.kind(), "message": msg,
		"previous_message": prev, "event_ts": eventTS, "ts": eventTS,
	})
}

// DeleteMessage deletes message ts and delivers the message_deleted event. A
// thread parent with replies stays as a tombstone, as in Slack.
func (s *Server) DeleteMessage(channel, ts string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m := s.mustMessageLocked("DeleteMessage", channel, ts)
	s.deleteLocked(c, m)
}

// deleteLocked deletes m from c and delivers the message_deleted event.
func (s *Server) deleteLocked(c *conv, m *message) {
	prev := s.renderMessageLocked(c, m, false)
	eventTS, _ := s.nextTSLocked()
	if !m.isReply() && len(c.replies(m.ts)) > 0 {
		*m = message{ts: m.ts, at: m.at, threadTS: m.ts, user: "USLACKBOT",
			subtype: "tombstone", text: "This message was deleted."}
	} else {
		c.remove(m)
	}
	s.publishLocked(c, obj{
		"type": "message", "subtype": "message_deleted", "hidden": true,
		"channel": c.ID, "channel_type": c.kind(), "deleted_ts": prev["ts"],
		"previous_message": prev, "event_ts": eventTS, "ts": eventTS,
	})
}

// React adds the reaction name (an emoji name without colons) of user to
// message ts and delivers reaction_added. Reacting twice is a no-op.
func (s *Server) React(channel, ts, user, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m := s.mustMessageLocked("React", channel, ts)
	if !m.addReaction(name, user) {
		s.opts.Logf("slackemu: React: %s already reacted %s on %s", user, name, ts)
		return
	}
	s.publishReactionLocked(c, m, "reaction_added", user, name)
}

// Unreact removes the reaction name of user from message ts and delivers
// reaction_removed. Removing a missing reaction is a no-op.
func (s *Server) Unreact(channel, ts, user, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m := s.mustMessageLocked("Unreact", channel, ts)
	if !m.removeReaction(name, user) {
		s.opts.Logf("slackemu: Unreact: %s has no %s on %s", user, name, ts)
		return
	}
	s.publishReactionLocked(c, m, "reaction_removed", user, name)
}

func (s *Server) publishReactionLocked(c *conv, m *message, typ, user, name string) {
	eventTS, _ := s.nextTSLocked()
	s.publishLocked(c, obj{
		"type": typ, "user": user, "reaction": name, "item_user": m.user,
		"item":     obj{"type": "message", "channel": c.ID, "ts": m.ts},
		"event_ts": eventTS,
	})
}

// addReaction records user's reaction and reports whether it is new.
func (m *message) addReaction(name, user string) bool {
	for i := range m.reactions {
		r := &m.reactions[i]
		if r.name == name {
			if slices.Contains(r.users, user) {
				return false
			}
			r.users = append(r.users, user)
			return true
		}
	}
	m.reactions = append(m.reactions, reaction{name: name, users: []string{user}})
	return true
}

// removeReaction drops user's reaction and reports whether there was one.
func (m *message) removeReaction(name, user string) bool {
	for i := range m.reactions {
		r := &m.reactions[i]
		if r.name == name && slices.Contains(r.users, user) {
			r.users = slices.DeleteFunc(r.users, func(u string) bool { return u == user })
			if len(r.users) == 0 {
				m.reactions = slices.Delete(m.reactions, i, i+1)
			}
			return true
		}
	}
	return false
}
