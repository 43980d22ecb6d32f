package slackemu

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// User is a workspace member, as users.info describes it.
type User struct {
	ID, Name, RealName, DisplayName, TZ, Locale string
	TZOffset                                    int
	IsBot, Deleted                              bool
	StatusText, StatusEmoji                     string
	// Fields are the profile's custom fields, label → value: only
	// users.profile.get gives them (keyed by an id, labelled with
	// include_labels), as Slack does.
	Fields map[string]string
}

// Channel is a conversation. IsIM marks a direct message between the bot and
// the one other member; Members lists user IDs, and the bot only sees what
// happens in a channel when its BotUserID is among them.
type Channel struct {
	ID, Name        string
	IsPrivate, IsIM bool
	Members         []string
	Topic, Purpose  string
}

// File is a file shared in a message. An empty ID is filled in; an empty URL
// points at the emulator.
type File struct {
	ID, Name, Title, URL string
}

// workspace is the emulator's state. The Server's mu guards it.
type workspace struct {
	users    map[string]*User
	convs    map[string]*conv
	lastTS   int64                     // last message ts, in microseconds
	triggers map[string]string         // trigger_id -> user
	targets  map[string]responseTarget // response_url token -> target
	uploads  map[string]*upload        // file ID -> upload
	tickets  map[string]bool           // unused Socket Mode tickets
	homes    map[string]string         // user -> hash of the published home view
}

func newWorkspace(o Options) workspace {
	w := workspace{
		users:    map[string]*User{},
		convs:    map[string]*conv{},
		triggers: map[string]string{},
		targets:  map[string]responseTarget{},
		uploads:  map[string]*upload{},
		tickets:  map[string]bool{},
		homes:    map[string]string{},
	}
	w.users[o.BotUserID] = &User{ID: o.BotUserID, Name: o.BotName, RealName: o.BotName, IsBot: true}
	return w
}

// conv is a conversation and its messages, in ts order.
type conv struct {
	Channel
	created       int64
	previousNames []string
	msgs          []*message
	byTS          map[string]*message   // index of msgs
	threads       map[string][]*message // thread ts → its replies, oldest first
}

// add appends a message and indexes it.
func (c *conv) add(m *message) {
	c.msgs = append(c.msgs, m)
	if c.byTS == nil {
		c.byTS, c.threads = map[string]*message{}, map[string][]*message{}
	}
	c.byTS[m.ts] = m
	if m.threadTS != "" && m.threadTS != m.ts {
		c.threads[m.threadTS] = append(c.threads[m.threadTS], m)
	}
}

func (c *conv) has(user string) bool { return slices.Contains(c.Members, user) }

// kind is the channel_type of message events.
func (c *conv) kind() string {
	switch {
	case c.IsIM:
		return "im"
	case c.IsPrivate:
		return "group"
	}
	return "channel"
}

// find returns the message with timestamp ts, or nil.
func (c *conv) find(ts string) *message {
	return c.byTS[ts]
}

// remove deletes m from the conversation.
func (c *conv) remove(m *message) {
	is := func(x *message) bool { return x == m }
	c.msgs = slices.DeleteFunc(c.msgs, is)
	delete(c.byTS, m.ts)
	if m.threadTS != "" {
		c.threads[m.threadTS] = slices.DeleteFunc(c.threads[m.threadTS], is)
	}
}

// replies returns the replies to the thread rooted at ts, oldest first.
func (c *conv) replies(ts string) []*message {
	return c.threads[ts]
}

// message is a stored message.
type message struct {
	ts, threadTS     string
	at               int64 // ts in microseconds
	user, botID      string
	text, subtype    string
	clientMsgID      string
	blocks, metadata json.RawMessage
	files            []File
	edited           *edit
	reactions        []reaction
}

type edit struct{ user, ts string }

type reaction struct {
	name  string
	users []string
}

// topLevel reports whether m shows in the channel history.
func (m *message) topLevel() bool {
	return m.threadTS == "" || m.threadTS == m.ts || m.subtype == "thread_broadcast"
}

// isReply reports whether m belongs to another message's thread.
func (m *message) isReply() bool { return m.threadTS != "" && m.threadTS != m.ts }

// AddUser adds u to the workspace, replacing any user with the same ID.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.users[u.ID] = &u
}

// AddChannel adds c to the workspace. Adding an existing ID updates its
// description and keeps its history. An IM gets the bot as a member.
func (s *Server) AddChannel(c Channel) {
	c.Members = slices.Clone(c.Members)
	if c.IsIM && !slices.Contains(c.Members, s.opts.BotUserID) {
		c.Members = append(c.Members, s.opts.BotUserID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.ws.convs[c.ID]; ok {
		old.Channel = c
		return
	}
	s.ws.convs[c.ID] = &conv{Channel: c, created: s.opts.Now().Unix()}
}

// IMChannel returns the ID of the direct message between the bot and user,
// creating it if needed, as conversations.open does.
func (s *Server) IMChannel(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.imLocked(user).ID
}

// findIMLocked returns the IM between the bot and user, or nil.
func (s *Server) findIMLocked(user string) *conv {
	for _, id := range slices.SortedFunc(maps.Keys(s.ws.convs), idCompare) {
		if c := s.ws.convs[id]; c.IsIM && c.has(s.opts.BotUserID) && s.imUser(c) == user {
			return c
		}
	}
	return nil
}

// imLocked returns the IM between the bot and user, creating it. A new IM's
// ID is "D" and the user ID without its "U" ("UALICE" gets "DALICE").
func (s *Server) imLocked(user string) *conv {
	if c := s.findIMLocked(user); c != nil {
		return c
	}
	id := "D" + strings.TrimLeft(user, "UW")
	if _, taken := s.ws.convs[id]; taken || id == "D" {
		id = s.newID("D")
	}
	c := &conv{
		Channel: Channel{ID: id, IsIM: true, Members: []string{user, s.opts.BotUserID}},
		created: s.opts.Now().Unix(),
	}
	s.ws.convs[id] = c
	return c
}

// imUser returns the member of an IM who is not the bot.
func (s *Server) imUser(c *conv) string {
	for _, m := range c.Members {
		if m != s.opts.BotUserID {
			return m
		}
	}
	return s.opts.BotUserID
}

// mustConvLocked returns the conversation id or panics: activity methods are
// only given channels the scenario created.
func (s *Server) mustConvLocked(op, id string) *conv {
	c, ok := s.ws.convs[id]
	if !ok {
		panic(fmt.Sprintf("slackemu: %s: unknown channel %q", op, id))
	}
	return c
}

// mustMessageLocked returns the message ts in channel id or panics.
func (s *Server) mustMessageLocked(op, id, ts string) (*conv, *message) {
	c := s.mustConvLocked(op, id)
	m := c.find(ts)
	if m == nil {
		panic(fmt.Sprintf("slackemu: %s: no message %s in %s", op, ts, id))
	}
	return c, m
}

// canSee reports whether the bot can read c: public channels always (for
// listing), other conversations only as a member.
func (s *Server) canSee(c *conv) bool {
	return (!c.IsPrivate && !c.IsIM) || c.has(s.opts.BotUserID)
}

// nextTSLocked returns a new message timestamp from the clock, strictly
// greater than every earlier one even when the clock does not move.
func (s *Server) nextTSLocked() (string, int64) {
	at := max(s.opts.Now().UnixMicro(), s.ws.lastTS+1)
	s.ws.lastTS = at
	return formatTS(at), at
}
