package expert

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"praxis/store/terms"
)

// Topic is something a member knows about as Praxis sees it, with the
// evidence a human can check: the threads on it where they answered, how
// the askers received their answers, and what they or the facilitators
// declared.
type Topic struct {
	Name      string // the community's topic without its synonyms, or the member's skill
	Community string // the community that declared the topic; "" for a skill of the member's own
	Answered  int    // questions on it they answered
	Accepted  int    // of which the asker ticked their answer
	Thanked   int    // of which the asker thanked them
	Discussed int    // threads on it, not questions, they took part in
	Last      time.Time
	Best      []ThreadRef // their best threads on it, best first, at most three
	Skill     bool        // they declared it themselves (/praxis skills add)
	Declared  bool        // the facilitators named them an expert of it
	score     float64
}

// Evidence reports whether the topic rests on threads rather than only on
// a declaration.
func (t Topic) Evidence() bool { return t.Answered+t.Discussed > 0 }

// Profile returns what a member knows about, best first, at most limit
// topics: the topics their communities declare (with their synonyms) and
// the skills they declared, each credited with the threads of the index
// matching it where they answered, weighted as expert ranking weighs them
// (accepted and thanked answers most, old ones fading). A topic with no
// thread is kept only when declared. It reads the in-memory index only,
// under its read lock: no query to the store.
func (e *Engine) Profile(ctx context.Context, member string, limit int) ([]Topic, error) {
	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil, fmt.Errorf("expert index not loaded yet: %w", ctx.Err())
	}
	if err := e.refresh(ctx); err != nil {
		return nil, err
	}
	e.avail.RLock()
	skills := slices.Clone(e.skills[member])
	e.avail.RUnlock()
	now := e.now().Unix()
	e.mu.RLock()
	defer e.mu.RUnlock()
	ix := e.ix
	who, known := ix.memberID[member]
	cands := e.topicsOf(member, skills)
	var out []Topic
	evidence := false
	for _, c := range cands {
		if known {
			ix.credit(&c.Topic, who, c.matchDocs(ix), now)
		}
		if c.Evidence() || c.Skill || c.Declared {
			out = append(out, c.Topic)
			evidence = evidence || c.Evidence()
		}
	}
	if known && !evidence {
		// No declared topic says what they know: their channels do, where
		// they answered ("#security: 8 questions answered").
		out = append(out, ix.channelTopics(e.comms, who, now)...)
	}
	slices.SortStableFunc(out, func(a, b Topic) int {
		return cmp.Or(cmp.Compare(b.score, a.score), boolCmp(b.Declared || b.Skill, a.Declared || a.Skill),
			strings.Compare(a.Name, b.Name))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// candidate is a topic to look for: its phrases (each a list of stems the
// thread must all hold) and the community whose threads count (-1: all).
type candidate struct {
	Topic
	phrases [][]string
	comm    int32
}

// topicsOf lists the topics to credit a member with: their communities'
// declared topics, the ones they were named an expert of, and their skills
// (a skill naming a community's topic marks that topic).
func (e *Engine) topicsOf(member string, skills []string) []*candidate {
	var out []*candidate
	for i, c := range e.comms {
		named := c.experts[member]
		of := func(topic string) *candidate {
			return &candidate{Topic: Topic{Name: topicName(topic), Community: c.Name}, phrases: phrasesOf(topic), comm: int32(i)}
		}
		for _, t := range c.topics {
			out = append(out, of(t))
		}
		for _, t := range named {
			k := slices.IndexFunc(out, func(x *candidate) bool {
				return x.comm == int32(i) && strings.EqualFold(x.Name, topicName(t))
			})
			if k < 0 {
				out = append(out, of(t))
				k = len(out) - 1
			}
			out[k].Declared = true
		}
	}
	for _, s := range skills {
		stems := terms.Stems(s)
		marked := false
		for _, x := range out {
			named := strings.EqualFold(x.Name, s) ||
				slices.ContainsFunc(x.phrases, func(p []string) bool { return slices.Equal(p, stems) })
			if x.comm >= 0 && named {
				x.Skill, marked = true, true
			}
		}
		if !marked && len(stems) > 0 {
			out = append(out, &candidate{Topic: Topic{Name: s, Skill: true}, phrases: [][]string{stems}, comm: -1})
		}
	}
	return out
}

// phrasesOf reads "kubernetes (k8s, kube)" as three phrases, each a list of
// stems: kubernetes, k8s, kube.
func phrasesOf(topic string) [][]string {
	repl := strings.NewReplacer("(", ",", ")", ",", ":", ",", "/", ",", ";", ",")
	var out [][]string
	for _, part := range strings.Split(repl.Replace(topic), ",") {
		if s := terms.Stems(part); len(s) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// matchDocs returns the live documents holding every stem of one of the
// candidate's phrases, in its community.
func (c *candidate) matchDocs(ix *index) []int32 {
	seen := map[int32]bool{}
	var out []int32
	for _, ph := range c.phrases {
		count := map[int32]int{}
		for _, s := range ph {
			for _, p := range ix.postings[s] {
				count[p.doc]++
			}
		}
		for doc, n := range count {
			d := &ix.docs[doc]
			if n < len(ph) || d.dead || seen[doc] || (c.comm >= 0 && ix.channels[d.ch].community != c.comm) {
				continue
			}
			seen[doc] = true
			out = append(out, doc)
		}
	}
	slices.Sort(out) // a stable order, so that ties pick the same threads
	return out
}

// channelTopics credits a member with each channel where they answered or
// took part, as a topic named after it.
func (ix *index) channelTopics(comms []community, who int32, now int64) []Topic {
	byChan := map[int32][]int32{}
	for id := range ix.docs {
		d := &ix.docs[id]
		if !d.dead && slices.ContainsFunc(d.answers, func(a answer) bool { return a.who == who }) {
			byChan[d.ch] = append(byChan[d.ch], int32(id))
		}
	}
	var out []Topic
	for _, ch := range slices.Sorted(maps.Keys(byChan)) {
		c := ix.channels[ch]
		t := Topic{Name: "#" + c.name}
		if int(c.community) < len(comms) {
			t.Community = comms[c.community].Name
		}
		ix.credit(&t, who, byChan[ch], now)
		out = append(out, t)
	}
	return out
}

// credit adds to t the member's part in docs.
func (ix *index) credit(t *Topic, who int32, docs []int32, now int64) {
	var best []docHit
	for _, id := range docs {
		d := &ix.docs[id]
		i := slices.IndexFunc(d.answers, func(a answer) bool { return a.who == who })
		if i < 0 {
			continue
		}
		a := d.answers[i]
		w := wDiscussed
		if d.question {
			w = wAnswer
			t.Answered++
		} else {
			t.Discussed++
		}
		if a.accepted {
			w += wAccepted
			t.Accepted++
		}
		if a.thanked {
			w += wThanked
			t.Thanked++
		}
		w *= math.Exp(-ix.decay * math.Max(float64(now-a.last), 0))
		t.score += w
		if at := time.Unix(a.last, 0).UTC(); at.After(t.Last) {
			t.Last = at
		}
		best = append(best, docHit{doc: id, w: w})
	}
	slices.SortStableFunc(best, func(a, b docHit) int { return cmp.Compare(b.w, a.w) })
	for _, h := range best[:min(len(best), 3)] {
		d := &ix.docs[h.doc]
		ch := ix.channels[d.ch]
		t.Best = append(t.Best, ThreadRef{ChannelID: ch.id, Channel: ch.name, TS: d.ts})
	}
}
