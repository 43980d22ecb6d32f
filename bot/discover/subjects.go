package discover

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// frequencies are the workspace's term counts: messages holding each
// term, and messages in all.
type frequencies struct {
	terms    map[string]int
	messages int
}

func groupFrequencies(groups map[int][]*History) frequencies {
	f := frequencies{terms: map[string]int{}}
	for _, hs := range groups {
		for _, h := range hs {
			f.messages += h.Messages
			for t, n := range h.Terms {
				f.terms[t] += n
			}
		}
	}
	return f
}

// minSubject is how many of a group's messages must hold a term for it
// to be one of its subjects.
const minSubject = 3

// subjects are the group's distinctive terms, as written, at most n: each
// term weighs how many of the group's messages hold it times how much more
// often they do than the rest of the workspace's (the log of the ratio of
// its shares, a smoothed lift, as BM25's idf weighs a rare word more). A
// workspace of one group has no rest: its most frequent terms then.
func subjects(hs []*History, df frequencies, n int) []string {
	counts, words := map[string]int{}, map[string]string{}
	size := 0
	for _, h := range hs {
		size += h.Messages
		for t, c := range h.Terms {
			counts[t] += c
			if _, ok := words[t]; !ok {
				words[t] = h.Words[t]
			}
		}
	}
	rest := df.messages - size
	type scored struct {
		word  string
		score float64
	}
	var all []scored
	for t, c := range counts {
		w := words[t]
		if c < minSubject || !subjectWord(w) || chatter[w] {
			continue
		}
		s := float64(c)
		if rest > 0 {
			inG := float64(c) / float64(size)
			inR := (float64(df.terms[t]-c) + 0.5) / (float64(rest) + 1)
			if inG <= inR {
				continue
			}
			s *= math.Log(inG / inR)
		}
		all = append(all, scored{w, s})
	}
	slices.SortFunc(all, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.word, b.word))
	})
	var out []string
	for _, s := range all {
		if len(out) == n {
			break
		}
		if !slices.Contains(out, s.word) {
			out = append(out, s.word)
		}
	}
	return out
}

// chatter are words of conversation the stop words let through, which
// name no subject however often a group says them: thanks and greetings,
// and the verbs and fillers any group uses ("use", "work", "get"),
// English and French. A workspace of one group has no other to tell its
// subjects from these by.
var chatter = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`thanks thank thx please lol yes yeah hello hi hey ok okay sure good great
		really think like just know want need use used using work works working get got make made try tried
		way thing things something anything everything time lot actually probably maybe seems seem right new
		end example problem issue idea people years pretty well also still even much many first look
		see say said go going would could should might one two
		merci bonjour salut quelqu oui non bien faut peut fait faire avoir tout tous comme plus aussi chose
		choses fois problème exemple vraiment voir dire trying`) {
		m[w] = true
	}
	return m
}()

// subjectWord reports whether a word can name a subject: three characters
// at least and not only digits; or a pair of CJK characters (as the index
// cuts Chinese and Japanese) of Han or Katakana: a pair with Hiragana in
// it is mostly a particle or an ending, or straddles two words.
func subjectWord(w string) bool {
	letters, cjk, content := false, false, true
	for _, r := range w {
		if r < '0' || r > '9' {
			letters = true
		}
		if r >= 0x1100 {
			cjk = true
			content = content && unicode.In(r, unicode.Han, unicode.Katakana)
		}
	}
	if cjk {
		return content
	}
	return letters && utf8.RuneCountInString(w) >= 3
}
