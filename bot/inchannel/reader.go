package inchannel

import (
	"slices"
	"strings"
	"time"

	"praxis/bot/question"
	"praxis/store"
)

// How a question's replies are read among the messages that follow it.
const (
	Window  = 30 * time.Minute // messages by others this soon after a question answer it…
	Mention = 2 * time.Hour    // …and messages addressing the asker this soon
	Max     = 4                // replies read at most per question
)

// Replies returns, for each question among a channel's top-level messages
// (oldest first) that collect accepts, the messages read as its replies.
func Replies(top []store.ChannelMessage, collect func(store.ChannelMessage) bool) map[string][]store.ChannelMessage {
	out := map[string][]store.ChannelMessage{}
	r := Reader[struct{}]{Emit: func(_ struct{}, q store.ChannelMessage, rs []store.ChannelMessage) {
		if len(rs) > 0 {
			out[q.TS] = rs
		}
	}}
	for _, m := range top {
		r.Add(&m, struct{}{}, collect(m))
	}
	r.Flush()
	return out
}

// maxPending bounds the messages a Reader holds back behind a question
// still collecting replies: past it, the oldest question is taken as
// answered by what it has (only a flood of messages no reply counts among,
// bots', within two hours, gets there).
const maxPending = 10000

// Reader reads a channel's top-level messages in order, finds the
// replies of its questions as they come, and hands each message on (in
// order, with its replies when it is a question) once nothing later can
// change them: a channel of millions of messages costs a window of a few
// hours of it, not the channel.
type Reader[T any] struct {
	pending []*item[T] // in order
	open    []*item[T] // the questions still collecting replies
	// Emit receives each message, with its replies when it is a question.
	Emit func(v T, m store.ChannelMessage, replies []store.ChannelMessage)
}

type item[T any] struct {
	v       T
	m       *store.ChannelMessage // nil: not a top-level message (handed on in its place)
	open    bool
	replies []store.ChannelMessage
}

// Add reads the next message m (nil for an item that only keeps its place
// in the order); collect says whether m, if a question, collects replies.
func (r *Reader[T]) Add(m *store.ChannelMessage, v T, collect bool) {
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
	it := &item[T]{v: v, m: m}
	if m != nil && collect && !m.IsBot && !m.Deleted && m.UserID != "" {
		if it.open, _ = question.Detect(m.Text); it.open {
			r.open = append(r.open, it)
		}
	}
	r.pending = append(r.pending, it)
	if len(r.pending) > maxPending {
		r.pending[0].open = false
		r.open = slices.DeleteFunc(r.open, func(q *item[T]) bool { return !q.open })
	}
	r.handOn()
}

// offer reads m, a later top-level message, as a reply to the question and
// reports whether the question still collects replies.
func (q *item[T]) offer(m store.ChannelMessage) bool {
	gap := m.PostedAt.Sub(q.m.PostedAt)
	switch {
	case gap > Mention || len(q.replies) == Max:
		return false
	case m.UserID == q.m.UserID:
		ok, _ := question.Detect(m.Text)
		return !ok // the asker moved on to another question
	case replies(q.m.PostedAt, q.m.UserID, m):
		q.replies = append(q.replies, m)
	}
	return len(q.replies) < Max
}

// replies reports whether m, a later top-level message by someone other
// than the asker, replies to a question asked at by asker: a person's
// message (not a join or a topic change) this soon after it, or this soon
// and addressing the asker.
func replies(at time.Time, asker string, m store.ChannelMessage) bool {
	said := m.Subtype == "" || m.Subtype == "thread_broadcast" || m.Subtype == "file_share"
	if !said || m.IsBot || m.Deleted || m.UserID == "" || m.UserID == asker {
		return false
	}
	gap := m.PostedAt.Sub(at)
	return gap >= 0 && (gap <= Window || gap <= Mention && strings.Contains(m.Text, "<@"+asker))
}

// handOn hands on the messages no longer held back.
func (r *Reader[T]) handOn() {
	n := 0
	for n < len(r.pending) && !r.pending[n].open {
		it := r.pending[n]
		var m store.ChannelMessage
		if it.m != nil {
			m = *it.m
		}
		r.Emit(it.v, m, it.replies)
		n++
	}
	clear(r.pending[:n])
	r.pending = r.pending[n:]
}

// Flush hands on everything held back: the channel is read.
func (r *Reader[T]) Flush() {
	for _, it := range r.pending {
		it.open = false
	}
	r.open = r.open[:0]
	r.handOn()
}
