package expert

import (
	"math"
	"slices"
	"strings"

	"praxis/store/terms"
)

// What a person's threads have of the query: its words found there, and
// whether that backs the claim that they know the topic (see matcher.weak).
// The ranking does not read it: it only keeps the reasons honest.

// queryWord is a word of a query as typed, with the stems it stands for.
type queryWord struct {
	text  string
	stems []string
}

// queryWords splits a query into the words it is made of, as typed,
// punctuation trimmed; stop words (which have no stem) are left out.
func queryWords(text string) []queryWord {
	var out []queryWord
	for _, w := range strings.Fields(strings.ToValidUTF8(text, "")) {
		w = strings.Trim(w, "?!.,;:()\"'«»“”")
		if st := terms.Stems(w); len(st) > 0 {
			out = append(out, queryWord{w, st})
		}
	}
	return out
}

// askStems are the stems of the words people ask with ("does anyone know",
// "qui s'y connaît"), which say nothing of the topic: a thread need not
// contain them to match it.
var askStems = stemSet("know knows knowing anyone anybody someone somebody help helps expert experts " +
	"idea ideas advice question questions please thanks " +
	"sait savez connaît connait connaisseur quelqu'un aide aider idée idées conseil conseils merci")

func stemSet(words string) map[string]bool {
	out := map[string]bool{}
	for _, s := range terms.Stems(words) {
		out[s] = true
	}
	return out
}

// maxWords bounds the query's words a match is judged on (one bit each).
const maxWords = 64

// Common words: in a history of at least commonFrom threads, a word found in
// more than commonShare of them says little of a topic on its own.
const (
	commonFrom  = 100
	commonShare = 0.1
)

// matcher tells which of a query's words a thread contains and whether
// those words back a claim of expertise.
type matcher struct {
	words  []string   // the query's words that name its topic, as typed
	stems  [][]string // each word's stems, with the community's synonyms for it
	idf    []float64  // how specific each word is in the history (BM25's idf)
	common []bool
}

// matcher reads the query's words against the index: asking words left
// out, each word's stems expanded with its synonyms as the ranking expands
// them.
func (e *Engine) matcher(ix *index, text string, comm int32) *matcher {
	m := &matcher{}
	n := float64(ix.live)
	for _, w := range queryWords(text) {
		if len(m.words) == maxWords || slices.ContainsFunc(w.stems, func(s string) bool { return askStems[s] }) {
			continue
		}
		var stems []string
		df := 0.0
		for _, s := range e.expand(w.stems, comm) {
			stems = append(stems, s.term)
			df = max(df, ix.df(s.term))
		}
		m.words = append(m.words, w.text)
		m.stems = append(m.stems, stems)
		m.idf = append(m.idf, math.Log(1+(n-df+0.5)/(df+0.5)))
		m.common = append(m.common, n >= commonFrom && df > n*commonShare)
	}
	return m
}

// in returns the words a document contains, one bit each.
func (m *matcher) in(ix *index, doc int32) uint64 {
	var mask uint64
	for i, stems := range m.stems {
		for _, s := range stems {
			if ix.has(s, doc) {
				mask |= 1 << i
				break
			}
		}
	}
	return mask
}

// has reports whether a document contains a term: postings are in document
// order.
func (ix *index) has(term string, doc int32) bool {
	ps := ix.postings[term]
	_, ok := slices.BinarySearchFunc(ps, doc, func(p posting, d int32) int { return int(p.doc) - int(d) })
	return ok
}

// weak reports whether the words found (mask) are too little to claim the
// topic: none of them, fewer than half of the query's words, less than a
// third of what its words weigh (the rarer a word in the history, the more
// it weighs: a word no thread has weighs most, so that "rotate" alone does
// not answer "rotate TLS certificates"), or only common words.
func (m *matcher) weak(mask uint64) bool {
	if mask == 0 {
		return true
	}
	found, total, n := 0.0, 0.0, 0
	for i := range m.words {
		total += m.idf[i]
		if mask&(1<<i) != 0 {
			found += m.idf[i]
			n++
		}
	}
	return 2*n < len(m.words) || 3*found < total || m.onlyCommon(mask)
}

// onlyCommon reports whether every word found is a common one.
func (m *matcher) onlyCommon(mask uint64) bool {
	return mask != 0 && mask&^m.commonMask() == 0
}

// commonMask has a bit set for each common word of the query.
func (m *matcher) commonMask() uint64 {
	var mask uint64
	for i, c := range m.common {
		if c {
			mask |= 1 << i
		}
	}
	return mask
}

// pick returns the words in (in) or not in (!in) mask, as typed.
func (m *matcher) pick(mask uint64, in bool) []string {
	var out []string
	for i, w := range m.words {
		if (mask&(1<<i) != 0) == in {
			out = append(out, w)
		}
	}
	return out
}

// judge sets what a person's evidence says of the match: the words found
// in the threads counted, else in their best one. A common word found
// beside specific ones is not named: "questions on *secrets rotation*",
// not on "*handle secrets rotation*" because many threads say "handle".
func (m *matcher) judge(ev *Evidence, mask uint64) {
	named := mask
	if specific := mask &^ m.commonMask(); specific != 0 {
		named = specific
	}
	ev.Matched, ev.Missing = m.pick(named, true), m.pick(mask, false)
	ev.Weak, ev.Common = m.weak(mask), m.onlyCommon(mask)
}

// answered keeps the past threads whose own words match the question well:
// "already answered" is a claim too.
func (m *matcher) answered(ix *index, past []PastThread) []PastThread {
	var out []PastThread
	for _, t := range past {
		ch, ok := ix.chanIdx[t.ChannelID]
		if !ok {
			continue
		}
		if id, ok := ix.byKey[threadKey{ch, t.TS}]; ok && !m.weak(m.in(ix, id)) {
			out = append(out, t)
		}
	}
	return out
}
