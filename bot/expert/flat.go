package expert

import (
	"slices"
	"strings"
	"time"

	"praxis/bot/question"
	"praxis/store"
)

// Channels from before Slack had threads (exports up to 2017), and some
// small communities still, answer in the channel itself: a question, then
// "@alice: run X" a minute later. In a channel where threads are rare, the
// messages that follow a question closely, or address its asker, are read as
// its replies.
const (
	flatShare   = 0.05             // a channel with fewer thread replies than this share of messages is flat
	flatWindow  = 30 * time.Minute // messages by others this soon after a question answer it…
	flatMention = 2 * time.Hour    // …and messages addressing the asker this soon
	flatMax     = 4                // replies read at most per question
)

// isFlat reports whether a channel answers in the channel rather than in
// threads.
func isFlat(messages, replies int) bool {
	return messages >= 5 && float64(replies) < flatShare*float64(messages)
}

// flatReplies returns, for each question among a flat channel's top-level
// messages (oldest first), the messages read as its replies.
func flatReplies(top []store.ChannelMessage) map[string][]store.ChannelMessage {
	out := map[string][]store.ChannelMessage{}
	r := flatReader[struct{}]{emit: func(_ struct{}, q store.ChannelMessage, rs []store.ChannelMessage) {
		if len(rs) > 0 {
			out[q.TS] = rs
		}
	}}
	for _, m := range top {
		r.add(&m, struct{}{}, true)
	}
	r.flush()
	return out
}

// flatPending bounds the messages a flatReader holds back behind a question
// still collecting replies: past it, the oldest question is taken as
// answered by what it has (only a flood of messages no reply counts among,
// bots', within two hours, gets there).
const flatPending = 10000

// flatReader reads a flat channel's top-level messages in order, finds the
// replies of its questions as they come, and hands each message on (in
// order, with its replies when it is a question) once nothing later can
// change them: a channel of millions of messages costs a window of a few
// hours of it, not the channel.
type flatReader[T any] struct {
	pending []*flatItem[T] // in order
	open    []*flatItem[T] // the questions still collecting replies
	emit    func(v T, m store.ChannelMessage, replies []store.ChannelMessage)
}

type flatItem[T any] struct {
	v       T
	m       *store.ChannelMessage // nil: not a top-level message (handed on in its place)
	open    bool
	replies []store.ChannelMessage
}

// add reads the next message m (nil for an item that only keeps its place
// in the order); collect says whether m, if a question, collects replies.
func (r *flatReader[T]) add(m *store.ChannelMessage, v T, collect bool) {
	if m != nil {
		open := r.open[:0]
		for _, q := range r.open {
			if q.open = q.offer(*m); q.open {
				open = append(open, q)
			}
		}
		clear(r.open[len(open):])
		r.open = open
	}
	it := &flatItem[T]{v: v, m: m}
	if m != nil && collect && !m.IsBot && !m.Deleted && m.UserID != "" {
		if it.open, _ = question.Detect(m.Text); it.open {
			r.open = append(r.open, it)
		}
	}
	r.pending = append(r.pending, it)
	if len(r.pending) > flatPending {
		r.pending[0].open = false
		r.open = slices.DeleteFunc(r.open, func(q *flatItem[T]) bool { return !q.open })
	}
	r.handOn()
}

// offer reads m, a later top-level message, as a reply to the question and
// reports whether the question still collects replies.
func (q *flatItem[T]) offer(m store.ChannelMessage) bool {
	gap := m.PostedAt.Sub(q.m.PostedAt)
	switch {
	case gap > flatMention || len(q.replies) == flatMax:
		return false
	case m.UserID == q.m.UserID:
		ok, _ := question.Detect(m.Text)
		return !ok // the asker moved on to another question
	case m.IsBot || m.Deleted || m.UserID == "":
	case gap <= flatWindow || strings.Contains(m.Text, "<@"+q.m.UserID):
		q.replies = append(q.replies, m)
	}
	return len(q.replies) < flatMax
}

// handOn hands on the messages no longer held back.
func (r *flatReader[T]) handOn() {
	n := 0
	for n < len(r.pending) && !r.pending[n].open {
		it := r.pending[n]
		var m store.ChannelMessage
		if it.m != nil {
			m = *it.m
		}
		r.emit(it.v, m, it.replies)
		n++
	}
	clear(r.pending[:n])
	r.pending = r.pending[n:]
}

// flush hands on everything held back: the channel is read.
func (r *flatReader[T]) flush() {
	for _, it := range r.pending {
		it.open = false
	}
	r.open = r.open[:0]
	r.handOn()
}
