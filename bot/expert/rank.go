package expert

import (
	"cmp"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"time"

	"praxis/bot/question"
	"praxis/bot/workhours"
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
	// Weak: no one's threads match the question well (Evidence.Weak) and
	// no one declared it: nobody stands out on the topic, and Regulars are
	// the people who answer questions in the community, to show instead of
	// Experts, as such. Experts stay the ranking (what evaluations score).
	Weak     bool
	Regulars []Candidate
}

// Shown are the people an answer names: the experts, or the regular
// answerers when nobody stands out on the topic.
func (r Result) Shown() []Candidate {
	if r.Weak {
		return r.Regulars
	}
	return r.Experts
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
	// Matched are the query's words found in the threads counted (else in
	// their best one), as typed; Missing the others. Weak: what matched is
	// too little to claim the topic (see matcher.weak); Common: only words
	// found in many threads matched.
	Matched, Missing []string
	Weak, Common     bool
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
	hours, hourIn        float64 // their messages; at the question's hour of the day (±1 h)
	shown                bool    // evidence completed for the answer (evidence)
}

// rank scores the index for a query. The caller holds the read lock.
func (e *Engine) rank(ix *index, q Query, now time.Time, hidden map[int32]bool) Result {
	res, out := e.gather(ix, q, now, hidden)
	w := e.Model().Weights
	for _, p := range out {
		p.score = weigh(&w, &p.f)
	}
	if q.Available {
		e.availability(out, e.hours(ix, q), now)
	}
	slices.SortFunc(out, func(a, b *scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(ix.members[a.who], ix.members[b.who]))
	})
	if q.Available {
		out = e.rotate(out, q.Text, ix)
	}
	m := e.matcher(ix, q.Text, e.community(ix, q))
	res.Experts = e.candidates(ix, out, q, w, m)
	res.Threads = m.answered(ix, res.Threads)
	res.Weak = len(res.Experts) > 0
	for _, c := range res.Experts {
		res.Weak = res.Weak && c.Weak && !c.Declared && len(c.Skills) == 0
	}
	if res.Weak {
		res.Regulars = e.regulars(ix, out, q, w, m)
	}
	return res
}

// regulars are the people who answer questions in the query's community
// regularly, in the ranking's order, shown as such when nobody stands out
// on the topic: what they said on it is left out of their evidence.
func (e *Engine) regulars(ix *index, out []*scored, q Query, w [nFeatures]float64, m *matcher) []Candidate {
	var active []*scored
	for _, p := range out {
		if p.ev.ActiveAnswer {
			active = append(active, p)
		}
	}
	cs := e.candidates(ix, active, q, w, m)
	for i := range cs {
		ev := &cs[i].Evidence
		ev.Answered, ev.Accepted, ev.Discussed, ev.Best = 0, 0, 0, nil
		ev.Matched, ev.Missing, ev.Weak, ev.Common = nil, nil, false, false
	}
	return cs
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
	// The instant the evidence fades from: now, or the history's end when
	// nothing was recorded since (a store imported long ago is read as of
	// its last day, not as years stale). The hour of the question is
	// known when the history is live or the query says when it was asked
	// (At); else it is not known, and who writes at which hour counts for
	// no one (see unknownHour).
	ref, stale := now.Unix(), false
	if ix.newest > 0 && ref > ix.newest {
		ref = ix.newest
		stale = q.At.IsZero() && now.Unix()-ix.newest > staleAfter
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
	res.Threads = e.topicEvidence(ix, q, stems, comm, ref, until, hidden, get)
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
	var hour [24]float64
	hour[(now.Unix()/3600)%24] = 1
	ix.scan(get, chans, ch, asker, ref, until, &hour, q.ThreadTS, float64(now.Unix()-ref))
	own := threadKey{ch: -1}
	if i, ok := ix.chanIdx[q.Channel]; ok {
		own = threadKey{ch: i, ts: q.ThreadTS}
	}
	ix.ties(get, asker, ref, until, own, hidden)
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
	if stale {
		unknownHour(out)
	}
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

// hours are the working hours of the query's community; the default ones
// when it has none.
func (e *Engine) hours(ix *index, q Query) workhours.Hours {
	if c := e.community(ix, q); c >= 0 && int(c) < len(e.comms) {
		return e.comms[c].hours
	}
	return defaultHours
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
func (e *Engine) candidates(ix *index, out []*scored, q Query, w [nFeatures]float64, m *matcher) []Candidate {
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
		p.evidence(ix, m)
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

// evidence completes what a person's evidence shows, once (a person can
// be both a candidate and a regular answerer): where it is, their best
// threads, and what their threads have of the query (matcher).
func (p *scored) evidence(ix *index, m *matcher) {
	if p.shown {
		return
	}
	p.shown = true
	slices.SortFunc(p.best, func(a, b docHit) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.doc, b.doc)) })
	p.where(ix)
	for _, h := range p.best[:min(len(p.best), 3)] {
		d := &ix.docs[h.doc]
		p.ev.Best = append(p.ev.Best, ThreadRef{ChannelID: ix.channels[d.ch].id, Channel: ix.channels[d.ch].name, TS: d.ts})
	}
	var mask uint64
	for _, h := range p.best {
		if h.counted {
			mask |= m.in(ix, h.doc)
		}
	}
	if mask == 0 && len(p.best) > 0 { // only weak matches: the best one is shown (where)
		mask = m.in(ix, p.best[0].doc)
	}
	m.judge(&p.ev, mask)
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

// availability lowers the score of people unlikely to answer soon: away
// (their Slack status says so), outside their working hours, or already
// asked to help often this week.
func (e *Engine) availability(ps []*scored, hours workhours.Hours, now time.Time) {
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
		case !e.workingNow(id, hours, now):
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
