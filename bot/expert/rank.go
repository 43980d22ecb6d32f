package expert

import (
	"cmp"
	"container/heap"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"praxis/bot/question"
	"praxis/store/terms"
)

// Query is a "who knows about…?".
type Query struct {
	Text      string
	Asker     string    // never suggested
	Channel   string    // where it was asked: its community is preferred
	Community string    // else the community by name; both empty: all
	ThreadTS  string    // the question's own thread, never offered as a past thread
	Limit     int       // people returned; default 3
	Available bool      // prefer people available now (live use; not for evaluation)
	Now       time.Time // default the engine's clock

	// Viewer and ShownIn say who will see the answer: the threads of a
	// private channel count, as evidence and as past threads, only for a
	// viewer who is in it, or when the answer is posted in it. Both empty:
	// every channel counts (the command line, evaluations, and rankings
	// that show nothing but names).
	Viewer, ShownIn string

	// At replays the history: the query is ranked with what was known at
	// that instant only (threads started before it, answers given before
	// it). Zero: everything recorded.
	At time.Time
	// Explain asks for each feature's part in each candidate's score
	// (Candidate.Explain).
	Explain bool

	// keepDeactivated: an evaluation scores against who answered then,
	// including people who have left since.
	keepDeactivated bool
}

// Result is the engine's answer.
type Result struct {
	Community string
	Topic     string // what the question is about, in its own words
	Experts   []Candidate
	Threads   []PastThread // where a similar question was already answered
}

// Candidate is a suggested member, with the evidence behind the suggestion.
type Candidate struct {
	User  string
	Score float64 // 0..1
	Evidence
	Explain []Contribution // with Query.Explain: each feature's part
}

// Contribution is one feature's part in a candidate's score: Value (0..1
// among the query's candidates) times the model's Weight.
type Contribution struct {
	Feature       string
	Value, Weight float64
}

// Evidence is what a human can check about a suggestion.
type Evidence struct {
	Answered     int       // relevant questions they answered
	Accepted     int       // of which the asker ticked or thanked their answer
	Discussed    int       // relevant threads they started or took part in without a question
	Last         time.Time // their latest relevant contribution
	Channel      string    // where most of it happened (name)
	Elsewhere    bool      // some of it happened in other channels
	ChannelID    string
	Best         []ThreadRef // their best relevant threads
	Skills       []string    // declared skills matching the question
	Declared     bool        // named an expert of the topic in the configuration
	Unavailable  string      // why they may be slow to answer: "away", "off_hours", "busy"
	Community    int         // threads answered in the community
	ActiveAnswer bool        // answers questions in the community regularly
	Threads      int         // threads answered, on any topic: in ThreadsIn, else in the community
	ThreadsIn    string      // the query's channel when they answered there, else where they answered last (name)
	HelpedAsker  int         // the asker's threads they answered
}

// ThreadRef points at a thread.
type ThreadRef struct {
	ChannelID, Channel, TS string
}

// PastThread is a thread where a similar question was answered.
type PastThread struct {
	ThreadRef
	Text     string // its question, as stored: renderers quote it (bot.Quote)
	Resolved bool
	Answers  int
	At       time.Time
}

// The topic feature: BM25's parameters, and what a matching thread credits
// each part in it with (chosen by hand, see docs/experts.md). How the topic
// weighs against the other features is the model's (model.go).
const (
	k1 = 1.2
	b  = 0.75

	topDocs = 200 // documents whose evidence is gathered

	wAnswer    = 1.0  // a reply to someone else's question
	wAccepted  = 1.5  // extra when the asker ticked it
	wThanked   = 0.75 // extra when the asker thanked them
	wDiscussed = 0.45 // a reply in a thread that is not a question
	wAuthor    = 0.35 // started a thread that is not a question (a tip, a resource)
)

// scored is what one query knows of one member.
type scored struct {
	who   int32
	score float64
	raw   [nFeatures]float64 // the features as read (see features.go)
	f     [nFeatures]float64 // scaled to 0..1 among the candidates (normalise)
	ev    Evidence
	best  []docHit
	chanW map[int32]float64 // evidence by channel
	chanN map[int32]int     // counted threads by channel

	channelN, communityN int     // threads they answered in the channel, the community
	helpedN              int     // the asker's threads they answered
	regularIn            int32   // the channel of their latest answer, the query's first; -1: none
	questions, quick     float64 // questions they answered; within the hour
	hours, hourIn        float64 // their messages; at this hour of the day (±1 h)
}

type docHit struct {
	doc int32
	w   float64
}

// rank scores the index for a query. The caller holds the read lock.
func (e *Engine) rank(ix *index, q Query, now time.Time, hidden map[int32]bool) Result {
	res, out := e.gather(ix, q, now, hidden)
	w := e.Model().Weights
	for _, p := range out {
		p.score = weigh(&w, &p.f)
	}
	if q.Available {
		e.availability(out, now)
	}
	slices.SortFunc(out, func(a, b *scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(ix.members[a.who], ix.members[b.who]))
	})
	if q.Available {
		out = e.rotate(out, q.Text, ix)
	}
	res.Experts = e.candidates(ix, out, q, w)
	return res
}

// weigh is the model's sum.
func weigh(w, f *[nFeatures]float64) float64 {
	s := 0.0
	for i := range nFeatures {
		s += w[i] * f[i]
	}
	return s
}

// gather reads a query's candidates and their features from the index,
// scaled (normalise), with what the answer says besides them: the
// community, the topic, the past threads.
func (e *Engine) gather(ix *index, q Query, now time.Time, hidden map[int32]bool) (Result, []*scored) {
	res := Result{}
	comm := e.community(ix, q)
	if comm >= 0 {
		res.Community = e.comms[comm].Name
	}
	stems := e.expand(terms.Stems(q.Text), comm)
	res.Topic = e.topic(q.Text, stems, comm)
	until := int64(math.MaxInt64)
	if !q.At.IsZero() {
		until = q.At.Unix()
	}
	people := map[int32]*scored{}
	get := func(who int32) *scored {
		p := people[who]
		if p == nil {
			p = &scored{who: who, regularIn: -1}
			people[who] = p
		}
		return p
	}
	res.Threads = e.topicEvidence(ix, q, stems, comm, now.Unix(), until, hidden, get)
	e.declared(ix, stems, comm, get)
	for _, u := range question.Mentions(q.Text) {
		if i, ok := ix.memberID[u]; ok {
			get(i).raw[fMentioned] = 1
		}
	}
	asker := int32(-1)
	if i, ok := ix.memberID[q.Asker]; ok {
		asker = i
	}
	ch := int32(-1)
	if i, ok := ix.chanIdx[q.Channel]; ok && !hidden[i] {
		ch = i
	}
	var chans []int32
	for i, c := range ix.channels {
		if (comm < 0 || c.community == comm) && !hidden[int32(i)] {
			chans = append(chans, int32(i))
		}
	}
	ix.scan(get, chans, ch, asker, now.Unix(), until, q.ThreadTS)
	own := threadKey{ch: -1}
	if i, ok := ix.chanIdx[q.Channel]; ok {
		own = threadKey{ch: i, ts: q.ThreadTS}
	}
	ix.ties(get, asker, now.Unix(), until, own, hidden)
	var all []*scored
	for _, p := range people {
		if p.who == asker || !e.suggestable(ix.members[p.who], q.keepDeactivated) {
			continue
		}
		for _, c := range chans {
			p.raw[fReactions] += float64(ix.channels[c].reactions[p.who])
		}
		p.ev.Community = p.communityN
		p.ev.ActiveAnswer = p.raw[fCommunity] >= 3
		p.ev.HelpedAsker = p.helpedN
		if p.regularIn >= 0 {
			p.ev.Threads, p.ev.ThreadsIn = p.communityN, ix.channels[p.regularIn].name
			if p.regularIn == ch {
				p.ev.Threads = p.channelN
			}
		}
		all = append(all, p)
	}
	out := pick(all)
	normalise(out)
	return res, out
}

// community is the query's community: its channel's, else the one it
// names; -1 for all.
func (e *Engine) community(ix *index, q Query) int32 {
	if c, ok := ix.chanIdx[q.Channel]; ok {
		return ix.channels[c].community
	}
	if q.Community != "" {
		for i, c := range e.comms {
			if strings.EqualFold(c.Name, q.Community) {
				return int32(i)
			}
		}
	}
	return -1
}

// topicEvidence matches the query's stems against the threads known before
// until (BM25, in a dense array: far cheaper than a map at a million
// documents) and credits the best topDocs' answerers, in proportion to the
// square of the thread's match relative to the best one (the many weak
// matches of common words count little: measured on real histories, the
// topic alone ranks better so): the topic feature and the
// evidence a person can check. It returns up to three past threads where a
// close question was answered.
func (e *Engine) topicEvidence(ix *index, q Query, stems []stem, comm int32, now, until int64,
	hidden map[int32]bool, get func(int32) *scored) []PastThread {
	sc := getScratch(len(ix.docs))
	defer putScratch(sc)
	avg := float64(ix.totalLen) / math.Max(float64(ix.live), 1)
	n := float64(ix.live)
	norm, lenW := k1*(1-b), k1*b/avg
	for _, s := range stems {
		ps := ix.postings[s.term]
		if len(ps) == 0 {
			continue
		}
		// Retired documents are still in the postings until compaction
		// (they are few); capping df at n keeps idf, and so every
		// document's score, above zero.
		df := math.Min(float64(len(ps)), n)
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, p := range ps {
			d := &ix.docs[p.doc]
			if d.dead || d.at >= until {
				continue
			}
			tf := float64(p.tf)
			w := idf * tf * (k1 + 1) / (tf + norm + lenW*float64(d.length))
			if sc.score[p.doc] == 0 {
				sc.touched = append(sc.touched, p.doc)
			}
			sc.score[p.doc] += float32(w * s.weight)
		}
	}
	hits := sc.top(ix, q, comm, topDocs, hidden)
	best := 1.0
	if len(hits) > 0 {
		best = hits[0].w
	}
	fade := func(t int64) float64 { return math.Exp(-ix.decay * math.Max(float64(now-t), 0)) }
	var threads []PastThread
	for _, h := range hits {
		d := &ix.docs[h.doc]
		rel := h.w / best
		relW := rel * rel
		if d.question && len(d.answers) > 0 && len(threads) < 3 && rel >= 0.35 {
			threads = append(threads, ix.pastThread(h.doc))
		}
		for _, a := range d.answers {
			if a.first >= until {
				continue
			}
			w := wDiscussed
			if d.question {
				w = wAnswer
			}
			if a.accepted {
				w += wAccepted
			}
			if a.thanked {
				w += wThanked
			}
			c := relW * w * fade(a.last)
			p := get(a.who)
			p.raw[fTopic] += c
			p.note(ix, h.doc, c, rel, a.last, d.question, a.accepted || a.thanked)
		}
		if !d.question && d.asker >= 0 {
			c := relW * wAuthor * fade(d.at)
			p := get(d.asker)
			p.raw[fTopic] += c
			p.note(ix, h.doc, c, rel, d.at, false, false)
		}
	}
	return threads
}

// declared marks the members who declared a skill the query matches, and
// those the configuration names experts of a matching topic.
func (e *Engine) declared(ix *index, stems []stem, comm int32, get func(int32) *scored) {
	e.avail.RLock()
	skills := e.skills
	e.avail.RUnlock()
	for who, list := range skills {
		var match []string
		for _, sk := range list {
			if overlaps(terms.Stems(sk), stems) {
				match = append(match, sk)
			}
		}
		if i, ok := ix.memberID[who]; ok && len(match) > 0 {
			p := get(i)
			p.ev.Skills, p.raw[fSkill] = match, 1
		}
	}
	if comm < 0 {
		return
	}
	for who, topics := range e.comms[comm].experts {
		i, ok := ix.memberID[who]
		if !ok {
			continue
		}
		for _, t := range topics {
			if overlaps(terms.Stems(t), stems) {
				p := get(i)
				p.ev.Declared, p.raw[fDeclared] = true, 1
			}
		}
	}
}

// candidates turns the best people into the answer: their evidence, their
// best threads and a score to show; with Query.Explain, what each feature
// added.
func (e *Engine) candidates(ix *index, out []*scored, q Query, w [nFeatures]float64) []Candidate {
	limit := q.Limit
	if limit <= 0 {
		limit = 3
	}
	var res []Candidate
	top := 0.0
	for i, p := range out {
		if i == limit {
			break
		}
		if i == 0 {
			top = p.score
		}
		slices.SortFunc(p.best, func(a, b docHit) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.doc, b.doc)) })
		p.where(ix)
		for _, h := range p.best[:min(len(p.best), 3)] {
			d := &ix.docs[h.doc]
			p.ev.Best = append(p.ev.Best, ThreadRef{ChannelID: ix.channels[d.ch].id, Channel: ix.channels[d.ch].name, TS: d.ts})
		}
		c := Candidate{User: ix.members[p.who], Score: confidence(p.score, top), Evidence: p.ev}
		if q.Explain {
			for f := range nFeatures {
				c.Explain = append(c.Explain, Contribution{Feature: featureNames[f], Value: p.f[f], Weight: w[f]})
			}
		}
		res = append(res, c)
	}
	return res
}

// countFrom is the relevance from which a thread counts in the evidence
// shown ("answered 6 questions on…"); weaker matches still add to the score.
const countFrom = 0.4

// note records a document's part in a person's evidence.
func (p *scored) note(ix *index, doc int32, c, rel float64, at int64, asked, accepted bool) {
	if p.chanW == nil {
		p.chanW, p.chanN = map[int32]float64{}, map[int32]int{}
	}
	p.chanW[ix.docs[doc].ch] += c
	p.best = append(p.best, docHit{doc, c})
	if rel < countFrom {
		return
	}
	p.chanN[ix.docs[doc].ch]++
	switch {
	case asked:
		p.ev.Answered++
		if accepted {
			p.ev.Accepted++
		}
	default:
		p.ev.Discussed++
	}
	if t := time.Unix(at, 0).UTC(); t.After(p.ev.Last) {
		p.ev.Last = t
	}
}

// where sets the channel where most of a person's evidence is.
func (p *scored) where(ix *index) {
	best, bw := int32(-1), 0.0
	for ch, w := range p.chanW {
		if w > bw || (w == bw && ch < best) {
			best, bw = ch, w
		}
	}
	if best >= 0 {
		p.ev.ChannelID, p.ev.Channel = ix.channels[best].id, ix.channels[best].name
		p.ev.Elsewhere = p.chanN[best] < p.ev.Answered+p.ev.Discussed
	}
	if p.ev.Answered+p.ev.Discussed == 0 && len(p.best) > 0 {
		// Only weak matches: still show the best one, so that every
		// suggestion has a reason to check.
		p.ev.Discussed = 1
		p.ev.Last = time.Unix(ix.docs[p.best[0].doc].at, 0).UTC()
	}
}

// confidence maps a score to 0..1 for display: the best candidate's share
// of a saturating scale, so that a weak best match does not read as 1.
func confidence(score, top float64) float64 {
	v := score / (score + 0.5)
	if top > 0 {
		v = math.Min(v, score/top)
	}
	return math.Round(v*100) / 100
}

func (ix *index) pastThread(id int32) PastThread {
	d := &ix.docs[id]
	ch := ix.channels[d.ch]
	return PastThread{ThreadRef: ThreadRef{ChannelID: ch.id, Channel: ch.name, TS: d.ts},
		Resolved: d.resolved, Answers: len(d.answers), At: time.Unix(d.at, 0).UTC()}
}

type stem struct {
	term   string
	weight float64
}

// expand turns a query's stems into weighted terms, adding the synonyms the
// community declared with its topics ("kubernetes (k8s, kube)").
func (e *Engine) expand(stems []string, comm int32) []stem {
	out := make([]stem, 0, len(stems))
	for _, s := range stems {
		out = append(out, stem{s, 1})
	}
	if comm < 0 {
		return out
	}
	for _, group := range e.comms[comm].synonyms {
		if !overlaps(group, out) {
			continue
		}
		for _, t := range group {
			if !slices.ContainsFunc(out, func(s stem) bool { return s.term == t }) {
				out = append(out, stem{t, 0.6})
			}
		}
	}
	return out
}

func overlaps(a []string, b []stem) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y.term {
				return true
			}
		}
	}
	return false
}

// topic names what the question is about: the community's declared topic
// it matches, else its last words (valid UTF-8: the reasons quote them).
func (e *Engine) topic(text string, stems []stem, comm int32) string {
	if comm >= 0 {
		for _, t := range e.comms[comm].topics {
			if overlaps(terms.Stems(topicName(t)), stems) {
				return topicName(t)
			}
		}
	}
	words := strings.Fields(strings.ToValidUTF8(text, ""))
	var keep []string
	for _, w := range words {
		w = strings.Trim(w, "?!.,;:()\"'«»“”")
		if len(terms.Stems(w)) > 0 && len(w) > 2 {
			keep = append(keep, w)
		}
	}
	if len(keep) > 3 {
		keep = keep[len(keep)-3:]
	}
	return strings.Join(keep, " ")
}

// availability lowers the score of people unlikely to answer soon: away
// (their Slack status says so), outside their working hours, or already
// asked to help often this week.
func (e *Engine) availability(ps []*scored, now time.Time) {
	e.avail.RLock()
	defer e.avail.RUnlock()
	for _, p := range ps {
		id := e.ix.members[p.who]
		switch {
		case e.away[id]:
			p.score *= 0.2
			p.ev.Unavailable = "away"
		case e.pings[id] >= e.opts.WeeklyBudget:
			p.score *= 0.1
			p.ev.Unavailable = "busy"
		case !e.workingNow(id, now):
			p.score *= 0.7
			p.ev.Unavailable = "off_hours"
		}
		if n := e.pings[id]; n > 0 && n < e.opts.WeeklyBudget {
			p.score *= 1 - 0.1*float64(n)
		}
	}
}

// rotate shares the load among near-equal candidates: within 10% of each
// other, the order depends on the question, so that the same people are not
// always first.
func (e *Engine) rotate(ps []*scored, text string, ix *index) []*scored {
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[j].score >= ps[i].score*0.9 {
			j++
		}
		if j-i > 1 {
			group := ps[i:j]
			slices.SortStableFunc(group, func(a, b *scored) int {
				return cmp.Compare(spread(text, ix.members[a.who]), spread(text, ix.members[b.who]))
			})
		}
		i = j
	}
	return ps
}

func spread(text, member string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(text))
	h.Write([]byte{0})
	h.Write([]byte(member))
	return h.Sum64()
}

// scratch is one query's working memory, pooled: a score per document and
// the documents touched.
type scratch struct {
	score   []float32
	touched []int32
}

var scratchPool sync.Pool

func getScratch(n int) *scratch {
	sc, _ := scratchPool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	if len(sc.score) < n {
		sc.score = make([]float32, n+n/4)
	}
	return sc
}

func putScratch(sc *scratch) {
	for _, d := range sc.touched {
		sc.score[d] = 0
	}
	sc.touched = sc.touched[:0]
	scratchPool.Put(sc)
}

// top returns the k best documents, best first, leaving out the question's
// own thread and halving other communities'.
func (sc *scratch) top(ix *index, q Query, comm int32, k int, hidden map[int32]bool) []docHit {
	h := make(hitHeap, 0, k+1)
	for _, d := range sc.touched {
		w := float64(sc.score[d])
		doc := &ix.docs[d]
		if q.ThreadTS != "" && doc.ts == q.ThreadTS && ix.channels[doc.ch].id == q.Channel {
			continue // the question's own thread
		}
		if hidden[doc.ch] {
			continue // a private channel the answer's readers are not in
		}
		if comm >= 0 && ix.channels[doc.ch].community != comm {
			w *= 0.5 // other communities' knowledge counts, less
		}
		hit := docHit{d, w}
		if len(h) < k {
			heap.Push(&h, hit)
		} else if worse(h[0], hit) {
			h[0] = hit
			heap.Fix(&h, 0)
		}
	}
	out := []docHit(h)
	slices.SortFunc(out, func(a, b docHit) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.doc, b.doc)) })
	return out
}

// worse orders hits: lower weight, then higher document id, is worse.
func worse(a, b docHit) bool { return a.w < b.w || (a.w == b.w && a.doc > b.doc) }

// hitHeap is a min-heap of hits, the worst on top.
type hitHeap []docHit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return worse(h[i], h[j]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(docHit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
