package slackemu

import (
	"cmp"
	"fmt"
	"slices"
)

// Past is a message posted before the scenario begins, as a workspace's
// history holds it: its own ts, the thread it replies in, and for a bot's
// message its bot id.
type Past struct {
	TS, ThreadTS, User, BotID, Subtype, Text string
}

// AddHistory adds past messages to a channel's history, in any order,
// without delivering any event: what a bot installed today can read back
// of the months before. Messages posted afterwards get later ts. A reply's
// parent must be added first; a ts taken twice panics.
func (s *Server) AddHistory(channel string, msgs ...Past) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.mustConvLocked("AddHistory", channel)
	for _, p := range msgs {
		at, err := parseTS(p.TS)
		if err != nil || c.find(p.TS) != nil {
			panic(fmt.Sprintf("slackemu: AddHistory: bad or taken ts %q in %s", p.TS, channel))
		}
		m := &message{ts: p.TS, at: at, user: p.User, botID: p.BotID, subtype: p.Subtype, text: p.Text}
		if p.ThreadTS != "" && p.ThreadTS != p.TS {
			s.mustMessageLocked("AddHistory", channel, p.ThreadTS)
			m.threadTS = p.ThreadTS
		}
		c.insert(m)
		s.ws.lastTS = max(s.ws.lastTS, at)
	}
}

// insert adds m in its place by ts, in the history and in its thread.
func (c *conv) insert(m *message) {
	byTS := func(a, b *message) int { return cmp.Compare(a.at, b.at) }
	if c.byTS == nil {
		c.byTS, c.threads = map[string]*message{}, map[string][]*message{}
	}
	i, _ := slices.BinarySearchFunc(c.msgs, m, byTS)
	c.msgs = slices.Insert(c.msgs, i, m)
	c.byTS[m.ts] = m
	if m.isReply() {
		t := c.threads[m.threadTS]
		j, _ := slices.BinarySearchFunc(t, m, byTS)
		c.threads[m.threadTS] = slices.Insert(t, j, m)
	}
}
