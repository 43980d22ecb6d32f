package expert

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"praxis/store/terms"
)

// The topic feature: the threads whose words match the question's, and
// who answered them (see topicEvidence).

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

type docHit struct {
	doc     int32
	w       float64
	counted bool // close enough to count in the evidence shown (countFrom)
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
		df := ix.df(s.term)
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

// countFrom is the relevance from which a thread counts in the evidence
// shown ("answered 6 questions on…"); weaker matches still add to the score.
const countFrom = 0.4

// note records a document's part in a person's evidence.
func (p *scored) note(ix *index, doc int32, c, rel float64, at int64, asked, accepted bool) {
	if p.chanW == nil {
		p.chanW, p.chanN = map[int32]float64{}, map[int32]int{}
	}
	p.chanW[ix.docs[doc].ch] += c
	p.best = append(p.best, docHit{doc: doc, w: c, counted: rel >= countFrom})
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
	var keep []string
	for _, w := range queryWords(text) {
		if len(w.text) > 2 {
			keep = append(keep, w.text)
		}
	}
	if len(keep) > 3 {
		keep = keep[len(keep)-3:]
	}
	return strings.Join(keep, " ")
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
		hit := docHit{doc: d, w: w}
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
