// Package inchannel reads the answers a community gives in the channel
// itself rather than in threads: channels from before Slack had threads
// (exports up to 2017), small communities, and channels that changed their
// habits. A question, then "@alice: run X" a minute later: when the messages
// before a question show that its channel answers in the channel, the
// messages that follow it closely, or address its asker, are its replies.
//
// The rule is read per channel and per period, at each question: a channel
// that used threads years ago and answers in the channel now, or that
// mixes both, is read as it is at the time of the question. The live
// router of unanswered questions (from what is recorded, so the order
// events arrive in does not matter), the import (bot/history) and expert
// finding read it here.
package inchannel

import (
	"container/heap"
	"time"

	"praxis/store"
)

// The period a question is judged by: the Recent messages of its channel
// before it. A channel answers in the channel when fewer than Share of them
// are thread replies: where threads are the norm, each question's thread
// holds one reply or more, half the messages or more; a channel that
// answers half its questions in threads and half in the channel is under.
const (
	Recent = 100
	Share  = 0.5
	// minMessages: fewer messages before a question say nothing of the
	// channel's habits (a channel just created, or Praxis just arrived
	// without its history): its questions wait for a thread reply.
	minMessages = 5
)

// Answers reports whether a channel whose Recent messages before a question
// hold messages messages, replies of them thread replies, answers in the
// channel.
func Answers(messages, replies int) bool {
	return messages >= minMessages && float64(replies) < Share*float64(messages)
}

// Shape follows a channel's messages and tells, at each question, whether
// the channel answered in the channel in the Recent messages before it.
// Messages are added in any order as long as every message posted before a
// question is added before At is asked about it, and At is asked in time
// order: reading threads in the order they start (store.ScanThreads) or
// messages in the order they are posted does that. It holds the Recent
// messages and the replies added ahead of their time.
type Shape struct {
	ahead   later  // added, not yet passed by At
	recent  []bool // the latest Recent messages passed, oldest first: is it a reply
	replies int    // replies among recent
}

// Add records a message posted at at; reply says whether it is a thread
// reply.
func (s *Shape) Add(at time.Time, reply bool) {
	heap.Push(&s.ahead, posted{at, reply})
}

// At reports whether the channel answers in the channel at a question
// posted at at: by the Recent messages posted before at.
func (s *Shape) At(at time.Time) bool {
	for len(s.ahead) > 0 && s.ahead[0].at.Before(at) {
		p := heap.Pop(&s.ahead).(posted)
		s.recent = append(s.recent, p.reply)
		if p.reply {
			s.replies++
		}
		if len(s.recent) > Recent {
			if s.recent[0] {
				s.replies--
			}
			s.recent = s.recent[1:]
		}
	}
	return Answers(len(s.recent), s.replies)
}

// AddThread adds a thread of a channel read in the order threads start
// (store.ScanThreads) and reports whether its parent, if it has no thread
// reply, is to collect its replies in the channel.
func AddThread(s *Shape, t store.ChannelThread) bool {
	for _, m := range t.Replies {
		s.Add(m.PostedAt, true)
	}
	if n := len(t.Replies); n > 0 {
		for range t.Dropped { // past what was read: counted at the last reply read
			s.Add(t.Replies[n-1].PostedAt, true)
		}
	}
	if t.Parent == nil {
		return false
	}
	s.Add(t.Parent.PostedAt, false)
	return len(t.Replies) == 0 && t.Dropped == 0 && s.At(t.Parent.PostedAt)
}

type posted struct {
	at    time.Time
	reply bool
}

// later is a min-heap of messages by time.
type later []posted

func (h later) Len() int           { return len(h) }
func (h later) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h later) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *later) Push(x any)        { *h = append(*h, x.(posted)) }
func (h *later) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
