package discover

import (
	"cmp"
	"slices"
	"time"
)

// History is what discovery keeps of one channel once it is read: counts,
// not messages, so that a million messages cost a few maps.
type History struct {
	Channel
	Messages int       // what people said, replies included
	From, To time.Time // the first and last of them
	Posts    map[string]int
	// Answers counts, per member, the threads of others they replied to;
	// Answered, the threads they started that others replied to.
	Answers, Answered map[string]int
	Pairs             map[Pair]int // who answered whom, in threads
	Questions         []Question
	Terms             map[string]int    // term → messages holding it
	Words             map[string]string // term → the word it was most written as
	Openers           []string          // the openings of its most answered questions
	French            bool              // most of its top-level messages read as French
	Dropped           int               // top-level messages past maxThreads, not followed
}

// Pair is an asker and a member who answered them.
type Pair struct{ Asker, Answerer string }

// Question is a question asked in the channel and how it was met.
type Question struct {
	At       time.Time
	Needs    Need
	Answered bool
	Wait     time.Duration // to the first answer by someone else
}

// Done ends the reading and returns the channel's history.
func (r *Reader) Done() *History {
	r.inch.Flush()
	h := &r.h
	h.Answers, h.Answered, h.Pairs = map[string]int{}, map[string]int{}, map[Pair]int{}
	h.French = r.lang[1] > r.lang[0]
	var asked []*thread
	for _, t := range r.threads {
		if t.asker == "" {
			continue
		}
		t.repliers = slices.DeleteFunc(t.repliers, func(p string) bool { return p == t.asker })
		for _, p := range t.repliers {
			h.Answers[p]++
			h.Pairs[Pair{t.asker, p}]++
		}
		if len(t.repliers) > 0 {
			h.Answered[t.asker]++
		}
		if !t.question {
			continue
		}
		q := Question{At: t.at, Needs: t.needs, Answered: len(t.repliers) > 0}
		if q.Answered {
			q.Wait = max(t.first.Sub(t.at), 0)
		}
		h.Questions = append(h.Questions, q)
		if t.text != "" && q.Answered {
			asked = append(asked, t)
		}
	}
	slices.SortFunc(h.Questions, func(a, b Question) int { return a.At.Compare(b.At) })
	slices.SortFunc(asked, func(a, b *thread) int {
		return cmp.Or(cmp.Compare(len(b.repliers), len(a.repliers)), a.at.Compare(b.at))
	})
	for _, t := range asked[:min(len(asked), 3)] {
		h.Openers = append(h.Openers, t.text)
	}
	h.Words = make(map[string]string, len(r.words))
	for term, n := range h.Terms {
		if n < 2 {
			delete(h.Terms, term) // said once: no subject
			continue
		}
		h.Words[term] = mostWritten(r.words[term].words)
	}
	r.threads, r.words = nil, nil
	return h
}

// mostWritten is the word written most often (the shortest, then the
// first in order, on a tie).
func mostWritten(words map[string]int) string {
	best, n := "", 0
	for w, c := range words {
		if c > n || c == n && (len(w) < len(best) || len(w) == len(best) && w < best) {
			best, n = w, c
		}
	}
	return best
}
