package question

import (
	"slices"
	"strings"
	"unicode"
)

// Reasons Detect gives, stable for tests, logs and metrics.
const (
	whyQuestionMark  = "question_mark" // a sentence of the author's ends with "?"
	whyInterrogative = "interrogative" // a clause opens like a question, or "anyone know…" is in it
	whyHelp          = "help_request"  // "I'm stuck", "je cherche", "un coup de main"…
	whyEmpty         = "empty"         // blank
	whyNoText        = "no_text"       // only links, mentions, emoji or code
	whyTooShort      = "too_short"     // "?", "ok?", "why?"
	whySocial        = "social"        // "how are you?", "ça va ?", greetings
	whyAnnouncement  = "announcement"  // ":mega: New post: Is X dead?"
	whyTitle         = "title"         // "Great read: Is X dead? <link>"
	whyRhetorical    = "rhetorical"    // "Why does it matter? Because…"
	whyRequest       = "request"       // "Who wants to write the release notes?", a call for volunteers
	whyStatement     = "statement"     // nothing asks
)

// Detect tells whether a top-level message is a question someone should
// answer, and why (one of question_mark, interrogative, help_request when
// ok; empty, no_text, too_short, social, announcement, request, title,
// rhetorical, statement when not). The package comment explains the heuristics.
func Detect(text string) (ok bool, why string) {
	if strings.TrimSpace(text) == "" {
		return false, whyEmpty
	}
	m := parse(text)
	switch {
	case m.words == 0 && (m.marks > 0 || strings.ContainsFunc(text, unicode.IsSymbol)):
		return false, whyNoText
	case m.words < 2:
		return false, whyTooShort
	}
	ann := m.announcement()
	req := false // the message asks for an action: its "looking for" asks for no help
	for _, s := range m.sentences {
		req = req || requests.in(s.tok)
	}
	var aside string // why the first question-like sentence was set aside
	inter, asks := false, false
	for i := range m.sentences {
		s := &m.sentences[i]
		lo, hi := s.body()
		if s.social(lo, hi) {
			aside = first(aside, whySocial)
			continue
		}
		if s.end == '?' {
			if r := m.setAside(i, lo, hi, ann); r != "" {
				aside = first(aside, r)
				continue
			}
			return true, whyQuestionMark
		}
		if !ann && s.end != '!' && s.opens() && !m.title(i) {
			inter = true
		}
		inter = inter || strong.in(s.tok)
		asks = asks || help.in(s.tok)
	}
	switch {
	case inter:
		return true, whyInterrogative
	case asks && !req:
		return true, whyHelp
	case ann:
		return false, whyAnnouncement
	case asks:
		return false, whyRequest
	case aside != "":
		return false, aside
	}
	return false, whyStatement
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// setAside says why the "?" ending sentence i does not make a question, or "".
func (m *message) setAside(i, lo, hi int, ann bool) string {
	s := &m.sentences[i]
	switch {
	case countWords(s.tok[lo:hi]) < 2:
		return whyTooShort
	case ann:
		return whyAnnouncement
	case requests.in(s.tok):
		return whyRequest
	case m.title(i):
		return whyTitle
	case i+1 < len(m.sentences) && answers.at(m.sentences[i+1].tok, 0) > 0:
		return whyRhetorical
	}
	return ""
}

// announcement: an announcement emoji before any word, or an announcement
// opening ("Reminder:", "Nouvel article", "[PSA]") after the greetings.
func (m *message) announcement() bool {
	if m.announce {
		return true
	}
	if len(m.sentences) == 0 {
		return false
	}
	tok := m.sentences[0].tok
	return announcements.at(tok, skipLead(tok, 0)) > 0
}

// title: sentence i shares a link ("Is Rust the future? <link>"): a link is
// in it or in a sentence next to it, the message says it shares something (read,
// talk, podcast…), and nobody speaks or is asked (no I, we, anyone, @…):
// "you" is how titles talk to their readers.
func (m *message) title(i int) bool {
	if m.links == 0 {
		return false
	}
	s := &m.sentences[i]
	link := string(markLink)
	near := slices.Contains(s.tok, link) ||
		i > 0 && slices.Contains(m.sentences[i-1].tok, link) ||
		i+1 < len(m.sentences) && slices.Contains(m.sentences[i+1].tok, link)
	if !near {
		return false
	}
	for _, t := range s.tok {
		if askers[t] {
			return false
		}
	}
	if m.sharing == 0 {
		m.sharing = -1
		for _, o := range m.sentences {
			if shares.in(o.tok) {
				m.sharing = 1
				break
			}
		}
	}
	return m.sharing > 0
}

// body is the sentence without its greetings and fillers ("Hi all, quick
// question:") and, at the end, whom it is addressed to ("…everyone?").
func (s *sentence) body() (lo, hi int) {
	lo, hi = skipLead(s.tok, 0), len(s.tok)
	for hi > lo {
		if isMark(s.tok[hi-1]) {
			hi--
		} else if n := trailers.endsWith(s.tok[lo:hi], hi-lo); n > 0 {
			hi -= n
		} else {
			break
		}
	}
	return lo, hi
}

// social: only greetings, or a social one-liner ("how are you", "ça va").
func (s *sentence) social(lo, hi int) bool {
	return hi-lo <= 8 && (lo == hi || social.has(s.tok[lo:hi]))
}

// skipLead skips greetings, fillers, mentions and, after a greeting or a
// mention, the people greeted: "Hey <@U1>, quick question:" → what follows.
func skipLead(tok []string, i int) int {
	greeted := false
	for i < len(tok) {
		if tok[i] == string(markMention) {
			i, greeted = i+1, true
		} else if n := greetings.at(tok, i); n > 0 {
			i, greeted = i+n, true
		} else if n := fillers.at(tok, i); n > 0 {
			i += n
		} else if n := vocatives.at(tok, i); n > 0 && greeted {
			i += n
		} else {
			break
		}
	}
	return i
}

func countWords(tok []string) int {
	n := 0
	for _, t := range tok {
		if !isMark(t) && hasLetter(t) {
			n++
		}
	}
	return n
}

func hasLetter(t string) bool {
	for _, r := range t {
		if isWord(r) && (r < '0' || r > '9') {
			return true
		}
	}
	return false
}

func at(tok []string, i int) string {
	if i < len(tok) {
		return tok[i]
	}
	return ""
}
