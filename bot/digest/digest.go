// Package digest is personal digests' model and computation: what happened
// in a member's communities since their last digest that is worth their
// time, and who gets which digest when. Its Slack edge, bot/digest/slackedge,
// sends them by DM at each member's local hour through the outbox, renders
// them in Block Kit with their buttons and answers `/praxis digest`; this
// package writes no transaction, posts nothing and knows no Slack type.
//
// A digest is built in two steps so that ten thousand of them cost little
// more than one. Reader.Window reads a window's activity once, for every
// channel (the threads active in it with their participants, replies,
// reactions and accepted answer; the open questions and who could answer
// them; the new resources; the newcomers; each member's own week), and keeps
// the best candidates of each channel. Snapshot.For then picks, in Go, a
// member's items among their channels' candidates: never their own posts, a
// channel they muted or an item an earlier digest carried; threads on their
// declared skills first; at most their community's max_items. A digest with
// nothing to show is not sent. The Planner says whose digest is due in an
// hour, over which window, and previews a member's next one.
//
// Summaries are extractive: a thread's first message, trimmed, and the
// first sentence of its accepted answer. They need no model. With a
// Summarizer (a language model), the threads a digest shows are summarised
// by it instead, once per thread and language, a few at a time; any error
// keeps the extractive summary for that thread.
package digest

import (
	"context"
	"log/slog"
	"maps"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/bot/ritual"
	"praxis/store"
)

// Item kinds.
const (
	KindThread   = "thread"
	KindQuestion = "question"
	KindResource = "resource"
	KindNewcomer = "newcomer"
)

// Item is one thing a digest shows, with the link to its message.
type Item struct {
	Key       string // unique per member across digests: thread:C…:ts, question:C…:ts, resource:id, newcomer:C…:U…
	Kind      string
	ChannelID string
	Channel   string // name, without #
	TS        string
	Link      string // permalink to the message
	User      string // author, asker, sharer or newcomer
	// Summary, Answer and Title are Slack text, quoted from what members
	// wrote (bot.Quote): shown as they are.
	Summary   string // extractive (the first message, cut), or the model's for a thread
	Answer    string // a thread's accepted answer, first sentence
	URL       string // a resource's, as stored
	Title     string // a resource's link, labelled with its title
	Replies   int
	People    int
	Reactions int
	Accepted  bool
	At        time.Time // last activity
	score     float64
}

// Week is a member's own week in their communities.
type Week struct {
	Messages  int // messages and replies they posted
	Reactions int // reactions others gave to their messages
	Accepted  int // their answers ticked ✅ by the asker
	Thanks    int // thank-yous addressed to them
}

// Digest is one member's digest for a window.
type Digest struct {
	Member    string
	Lang      string
	From, To  time.Time
	Threads   []Item
	Questions []Item
	Resources []Item
	Newcomers []Item
	Week      Week
	// Upcoming are the rituals of the member's channels before the next
	// digest, shown at their local time (Loc). They alone do not make a
	// digest worth sending.
	Upcoming []ritual.Session
	Loc      *time.Location
}

// Items returns every item, in the order shown.
func (d Digest) Items() []Item {
	var out []Item
	for _, s := range [][]Item{d.Questions, d.Threads, d.Resources, d.Newcomers} {
		out = append(out, s...)
	}
	return out
}

// Empty reports whether the digest has nothing to show (their own week
// alone is not worth a message).
func (d Digest) Empty() bool { return len(d.Items()) == 0 }

// Keys returns the items' keys, recorded once the digest is enqueued.
func (d Digest) Keys() []string {
	var out []string
	for _, it := range d.Items() {
		out = append(out, it.Key)
	}
	return out
}

// Options tune a Reader.
type Options struct {
	// Directory is the communities: their digest settings, and their
	// rituals for the "coming up" section. A channel of none gets the
	// directory's fallback settings.
	Directory *bot.Directory // required
	// Experts finds who could answer the open questions; nil: no
	// questions section.
	Experts *expert.Engine
	// Summarizer writes the threads' summaries; nil: extractive ones.
	Summarizer Summarizer
	TeamURL    string // the workspace's URL, for permalinks ("": Slack's generic one)
}

// Reader reads windows of the store into Snapshots and builds digests from
// them: the one reading of the store digests make, whoever asks (the hourly
// job, a preview, the demo).
type Reader struct {
	st   *store.Store
	opts Options
	log  *slog.Logger
}

// NewReader returns a Reader of st.
func NewReader(st *store.Store, d bot.Deps, opts Options) *Reader {
	d = d.For("digest")
	return &Reader{st: st, opts: opts, log: d.Log}
}

// HomeCommunity is the community whose settings a member in channels
// follows: the first configured one they are a member of, else the
// fallback's settings (and false when they are in no channel). The
// planner, the selection and the edge's answers all read it here.
func HomeCommunity(dir *bot.Directory, channels map[string]bool) (bot.Community, bool) {
	if c, ok := dir.First(maps.Keys(channels)); ok {
		return c, true
	}
	return dir.Fallback(), len(channels) > 0
}

// Build builds one member's digest for [from, to), without sending it.
func (r *Reader) Build(ctx context.Context, member string, from, to time.Time) (Digest, error) {
	snap, err := r.Window(ctx, from, to)
	if err != nil {
		return Digest{}, err
	}
	return snap.Digests(ctx, []string{member})[0], nil
}

// BuildAll builds every member's digest for [from, to) and calls fn with
// each one that is not empty.
func (r *Reader) BuildAll(ctx context.Context, from, to time.Time, fn func(Digest) error) error {
	snap, err := r.Window(ctx, from, to)
	if err != nil {
		return err
	}
	for _, d := range snap.Digests(ctx, snap.memberIDs) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Empty() {
			if err := fn(d); err != nil {
				return err
			}
		}
	}
	return nil
}
