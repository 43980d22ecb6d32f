package expert

import (
	"context"
	"math"
	"praxis/bot/inchannel"
	"slices"
	"strings"
	"time"

	"praxis/bot/question"
	"praxis/store"
	"praxis/store/terms"
)

// acceptNames are the reactions that mark an accepted answer when the asker
// adds them, as asked of the store.
var acceptNames = question.AcceptNames

// index is the in-memory evidence expert finding ranks from: one document
// per thread (a top-level message and its replies) of the mapped channels,
// with who asked, who answered and how the answer was received, and an
// inverted index of the documents' terms for BM25.
//
// Documents are never modified in place: a thread that changes gets a new
// document and the old one is marked dead (its postings are skipped), so
// that queries can run while the index is read-locked and updates are cheap.
type index struct {
	docs     []doc
	postings map[string][]posting
	live     int // documents not dead
	retired  int // documents retired since the postings were last compacted
	// dead counts, by term, the postings of retired documents known to be
	// there (see put): a term's document frequency is what its postings
	// hold less these, so that a thread changed live weighs as on a load.
	dead     map[string]int32
	totalLen int64 // sum of live documents' lengths
	byKey    map[threadKey]int32
	chanDocs [][]int32         // by channel: its documents, by the time their thread started
	started  map[int32][]int32 // by member: the documents of the threads they started
	answered map[int32][]int32 // by member: the documents of the threads they answered

	members  []string
	memberID map[string]int32
	channels []channel
	chanIdx  map[string]int32

	decay float64 // expertise fades by exp(-decay·seconds) (Options.HalfLife)
	// newest is the latest instant the index knows of (a thread's start or
	// an answer, unix seconds): the history's end (see gather).
	newest int64
}

type threadKey struct {
	ch int32
	ts string
}

type channel struct {
	id, name  string
	community int32
	private   bool // shown only to its members (Query.Viewer)
	// reactions received by member in the channel
	reactions map[int32]int
}

type doc struct {
	ch       int32
	ts       string
	asker    int32 // -1: unknown (the parent is not recorded)
	at       int64 // unix seconds of the parent
	question bool  // the parent reads as a question
	resolved bool
	length   int32
	answers  []answer
	dead     bool
}

// answer is one member's part in a thread they did not start.
type answer struct {
	who         int32
	replies     int32
	first, last int64
	accepted    bool // the asker ticked one of their replies
	thanked     bool // the asker thanked them
}

type posting struct {
	doc int32
	tf  int32
}

func newIndex(halfLife time.Duration) *index {
	return &index{
		postings: map[string][]posting{},
		dead:     map[string]int32{},
		byKey:    map[threadKey]int32{},
		memberID: map[string]int32{},
		chanIdx:  map[string]int32{},
		started:  map[int32][]int32{},
		answered: map[int32][]int32{},
		decay:    math.Ln2 / math.Max(halfLife.Seconds(), 1),
	}
}

func (ix *index) member(id string) int32 {
	if id == "" {
		return -1
	}
	if i, ok := ix.memberID[id]; ok {
		return i
	}
	i := int32(len(ix.members))
	ix.members = append(ix.members, id)
	ix.memberID[id] = i
	return i
}

// addChannel registers a mapped channel of a community.
func (ix *index) addChannel(id, name string, community int32) int32 {
	if i, ok := ix.chanIdx[id]; ok {
		return i
	}
	i := int32(len(ix.channels))
	ix.channels = append(ix.channels, channel{id: id, name: name, community: community, reactions: map[int32]int{}})
	ix.chanDocs = append(ix.chanDocs, nil)
	ix.chanIdx[id] = i
	return i
}

// threadBuilder gathers one thread's messages.
type threadBuilder struct {
	parent  *store.ChannelMessage
	replies []store.ChannelMessage
}

// maxThreads bounds the threads the index holds by default
// (Options.MaxThreads): the most recent ones, read from the time
// store.RecentThreadsSince gives. Each costs a few hundred bytes, so a
// store of many millions of messages stays within a few hundred MB; older
// threads count little anyway (see Options.HalfLife).
const maxThreads = 500_000

// maxThreadBytes bounds what is read of one thread's replies (see
// store.ScanThreads).
const maxThreadBytes = 4 << 20

// loadChannel reads a channel's threads, one at a time
// (store.ScanThreads), and adds a document per thread in the order of
// their ts; where the channel answers in the channel (bot/inchannel), a
// question's document waits for the messages that answer it there.
// Threads started before since are left out (see maxThreads).
func (ix *index) loadChannel(ctx context.Context, st *store.Store, ch int32, since time.Time) error {
	id := ix.channels[ch].id
	reactions, err := st.ChannelReactions(ctx, id, acceptNames)
	if err != nil {
		return err
	}
	ticks := tickMap(reactions)
	type keyed struct {
		key string
		tb  *threadBuilder
	}
	r := inchannel.Reader[keyed]{Emit: func(k keyed, _ store.ChannelMessage, rs []store.ChannelMessage) {
		if len(k.tb.replies) == 0 {
			k.tb.replies = rs
		}
		ix.put(ch, k.key, k.tb, ticks)
	}}
	var shape inchannel.Shape
	err = st.ScanThreads(ctx, id, maxThreadBytes, func(t store.ChannelThread) error {
		collect := inchannel.AddThread(&shape, t)
		if at, ok := store.ParseTS(t.Key); ok && at.Before(since) {
			return nil
		}
		r.Add(t.Parent, keyed{t.Key, &threadBuilder{parent: t.Parent, replies: t.Replies}}, collect)
		return nil
	})
	if err != nil {
		return err
	}
	r.Flush()
	received, err := st.ReactionsReceived(ctx, id)
	if err != nil {
		return err
	}
	for u, n := range received {
		ix.channels[ch].reactions[ix.member(u)] = n
	}
	return nil
}

// tickMap indexes accept reactions by message: ts → users who ticked it.
func tickMap(rs []store.ReactionOn) map[string][]string {
	out := map[string][]string{}
	for _, r := range rs {
		if question.IsAcceptReaction(r.Name) {
			out[r.MessageTS] = append(out[r.MessageTS], r.UserID)
		}
	}
	return out
}

// put builds a thread's document and indexes it, replacing the thread's
// previous document.
func (ix *index) put(ch int32, key string, tb *threadBuilder, ticks map[string][]string) {
	k := threadKey{ch, key}
	old, replaced := ix.byKey[k]
	if replaced {
		ix.kill(old)
		delete(ix.byKey, k)
	}
	d := doc{ch: ch, ts: key, asker: -1}
	if ts, ok := store.ParseTS(key); ok {
		d.at = ts.Unix()
	}
	var text strings.Builder
	if p := tb.parent; p != nil && !p.Deleted {
		if !p.IsBot {
			d.asker = ix.member(p.UserID)
			d.question, _ = question.Detect(p.Text)
		}
		text.WriteString(p.Text)
	}
	// Who answered, and how it was received.
	byWho := map[int32]int{}
	last := "" // the last who helped
	helped := func(u string) bool {
		id, ok := ix.memberID[u]
		_, answered := byWho[id]
		return ok && answered
	}
	for _, r := range tb.replies {
		if r.Deleted || r.IsBot || r.UserID == "" {
			continue
		}
		text.WriteByte('\n')
		text.WriteString(r.Text)
		who := ix.member(r.UserID)
		t := r.PostedAt.Unix()
		if who == d.asker {
			if question.IsThanks(r.Text) {
				d.resolved = true
				for _, u := range question.Credited(r.Text, helped, last) {
					d.answers[byWho[ix.memberID[u]]].thanked = true
				}
			}
			continue
		}
		i, ok := byWho[who]
		if !ok {
			i = len(d.answers)
			byWho[who] = i
			d.answers = append(d.answers, answer{who: who, first: t})
		}
		a := &d.answers[i]
		a.replies++
		a.last = t
		if d.asker >= 0 && slices.Contains(ticks[r.TS], ix.members[d.asker]) {
			a.accepted, d.resolved = true, true
		}
		last = r.UserID
	}
	if d.asker < 0 && tb.parent == nil && len(d.answers) == 0 {
		return
	}
	// The parent's own tick (the asker marking the question solved) also resolves it.
	if p := tb.parent; p != nil && d.asker >= 0 && slices.Contains(ticks[p.TS], ix.members[d.asker]) {
		d.resolved = true
	}
	tf := map[string]int32{}
	for _, t := range strings.Fields(terms.Index(text.String())) {
		tf[t]++
		d.length++
	}
	// The old document's postings of the words the thread still has are
	// dead (a thread mostly grows; words an edit removed stay counted until
	// the postings are compacted).
	if replaced {
		for t := range tf {
			if ix.has(t, old) {
				ix.dead[t]++
			}
		}
	}
	if d.length == 0 && len(d.answers) == 0 {
		return
	}
	id := int32(len(ix.docs))
	ix.docs = append(ix.docs, d)
	ix.newest = max(ix.newest, d.at)
	for _, a := range d.answers {
		ix.newest = max(ix.newest, a.last)
	}
	ix.byKey[k] = id
	ix.live++
	ix.totalLen += int64(d.length)
	for t, n := range tf {
		ix.postings[t] = append(ix.postings[t], posting{doc: id, tf: n})
	}
	ix.addToChannel(id)
	if d.asker >= 0 {
		ix.started[d.asker] = append(ix.started[d.asker], id)
	}
	for _, a := range d.answers {
		ix.answered[a.who] = append(ix.answered[a.who], id)
	}
}

// df is the number of live documents holding a term, as far as known
// (see index.dead), at most n.
func (ix *index) df(term string) float64 {
	return math.Min(float64(len(ix.postings[term])-int(ix.dead[term])), float64(ix.live))
}

// addToChannel puts a document in its channel's list, which stays ordered
// by the time threads started (a load adds them in that order; a thread
// that changed goes back to its place).
func (ix *index) addToChannel(id int32) {
	d := &ix.docs[id]
	ids := ix.chanDocs[d.ch]
	i := len(ids)
	for i > 0 && ix.docs[ids[i-1]].at > d.at {
		i--
	}
	ix.chanDocs[d.ch] = slices.Insert(ids, i, id)
}

// kill marks a document dead.
func (ix *index) kill(id int32) {
	d := &ix.docs[id]
	if d.dead {
		return
	}
	d.dead, d.answers = true, nil
	ix.live--
	ix.retired++
	ix.totalLen -= int64(d.length)
}

// compact rebuilds the postings without dead documents when they are many.
func (ix *index) compact() {
	if ix.retired < 1024 || ix.retired < ix.live/5 {
		return
	}
	ix.retired = 0
	clear(ix.dead)
	dead := func(id int32) bool { return ix.docs[id].dead }
	for ch, ids := range ix.chanDocs {
		ix.chanDocs[ch] = slices.DeleteFunc(ids, dead)
	}
	for _, m := range []map[int32][]int32{ix.started, ix.answered} {
		for who, ids := range m {
			if ids = slices.DeleteFunc(ids, dead); len(ids) == 0 {
				delete(m, who)
			} else {
				m[who] = ids
			}
		}
	}
	for t, ps := range ix.postings {
		keep := ps[:0]
		for _, p := range ps {
			if !ix.docs[p.doc].dead {
				keep = append(keep, p)
			}
		}
		if len(keep) == 0 {
			delete(ix.postings, t)
		} else {
			ix.postings[t] = slices.Clip(keep)
		}
	}
}
