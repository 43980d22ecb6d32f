package question

import "strings"

// phrases is a table of token sequences indexed by their first token, so
// that looking for any of them at a position costs one map lookup.
type phrases map[string][][]string

// newPhrases tokenizes each phrase like a message; a hyphenated phrase also
// matches with spaces ("est-ce que", "est ce que").
func newPhrases(lists ...[]string) phrases {
	p := phrases{}
	add := func(s string) {
		if t := tokensOf(s); len(t) > 0 {
			p[t[0]] = append(p[t[0]], t)
		}
	}
	for _, list := range lists {
		for _, s := range list {
			add(s)
			if strings.Contains(s, "-") {
				add(strings.ReplaceAll(s, "-", " "))
			}
		}
	}
	return p
}

// at is the length of the longest phrase starting at tok[i], 0 if none.
func (p phrases) at(tok []string, i int) int {
	best := 0
	if i >= len(tok) {
		return 0
	}
next:
	for _, ph := range p[tok[i]] {
		if len(ph) <= best || i+len(ph) > len(tok) {
			continue
		}
		for k := 1; k < len(ph); k++ {
			if tok[i+k] != ph[k] {
				continue next
			}
		}
		best = len(ph)
	}
	return best
}

// in reports whether any phrase occurs in tok.
func (p phrases) in(tok []string) bool {
	for i := range tok {
		if p.at(tok, i) > 0 {
			return true
		}
	}
	return false
}

// endsWith is the length of the longest phrase tok[:j] ends with, 0 if none.
func (p phrases) endsWith(tok []string, j int) int {
	best := 0
	for _, list := range p {
		for _, ph := range list {
			n := len(ph)
			if n <= best || n > j {
				continue
			}
			if equal(tok[j-n:j], ph) {
				best = n
			}
		}
	}
	return best
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// set is a table of whole token sequences, joined by spaces.
type set map[string]bool

func newSet(lists ...[]string) set {
	s := set{}
	for _, list := range lists {
		for _, p := range list {
			s[strings.Join(tokensOf(p), " ")] = true
			if strings.Contains(p, "-") {
				s[strings.Join(tokensOf(strings.ReplaceAll(p, "-", " ")), " ")] = true
			}
		}
	}
	return s
}

func (s set) has(tok []string) bool { return s[strings.Join(tok, " ")] }

// words is a table of single tokens.
func words(list ...string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, w := range list {
		m[w] = true
	}
	return m
}
