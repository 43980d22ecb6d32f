package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a link in the plain text: its label is plain[start:end].
type span struct {
	start, end int
	url        string // decoded
}

// quoter holds a quote being read. Markup is read from the stored text
// into plain (decoded text, one line) and spans (its links); then it is
// cut, then written in its form.
type quoter struct {
	names Names
	form  Form
	max   int // characters, -1: no limit

	opens, closes []int32 // the positions of '<' and of their matching '>' (-1: none)
	next          int     // the first of opens not yet passed

	plain   []byte
	spans   []span
	runes   int  // characters in plain
	pending bool // whitespace read and not yet written
	noSpace int  // where a pending space is not written (a label's start)
	full    bool // read enough: past max, the rest cannot be shown
}

// match pairs each '<' with its '>' in one pass, as brackets: markup may
// nest (a link label holding a channel link), and a '<' left open is text.
func (q *quoter) match(s string) {
	n := strings.Count(s, "<")
	if n == 0 {
		return
	}
	opens, closes := make([]int32, 0, n), make([]int32, n)
	var buf [32]int32
	stack := buf[:0]
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			stack = append(stack, int32(len(opens)))
			closes[len(opens)] = -1
			opens = append(opens, int32(i))
		case '>':
			if k := len(stack) - 1; k >= 0 {
				closes[stack[k]] = int32(i)
				stack = stack[:k]
			}
		}
	}
	q.opens, q.closes = opens, closes
}

// closeOf is the position of the '>' matching the '<' at i, or -1. The
// quote is read forward, so it is asked about increasing positions.
func (q *quoter) closeOf(i int) int {
	for q.next < len(q.opens) && int(q.opens[q.next]) < i {
		q.next++
	}
	if q.next < len(q.opens) && int(q.opens[q.next]) == i {
		return int(q.closes[q.next])
	}
	return -1
}

// run reads s[from:to] at a nesting depth: text, entities and markup.
func (q *quoter) run(s string, from, to, depth int) {
	for i := from; i < to && !q.full; {
		switch c := s[i]; {
		case c == '<':
			if end := q.closeOf(i); end > i && end < to {
				if depth < maxNesting {
					q.markup(s, i+1, end, depth)
				} else {
					q.text(s[i+1:end], true)
				}
				i = end + 1
				continue
			}
			q.char('<')
			i++
		case c == '&':
			r, n := Entity(s[i:])
			q.char(r)
			i += n
		case c > ' ' && c < 0x7f && !q.pending && (q.max < 0 || q.runes < q.max):
			q.plain = append(q.plain, c) // most of a message: a printable ASCII byte
			q.runes++
			i++
		case c < utf8.RuneSelf:
			q.char(rune(c))
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			q.char(r)
			i += n
		}
	}
}

// Entity decodes one of the three entities Slack escapes message text with
// (&amp; &lt; &gt;) at the start of s, else reads a plain '&'; it returns
// the character and how many bytes it took.
func Entity(s string) (rune, int) {
	switch {
	case strings.HasPrefix(s, "&amp;"):
		return '&', 5
	case strings.HasPrefix(s, "&lt;"):
		return '<', 4
	case strings.HasPrefix(s, "&gt;"):
		return '>', 4
	}
	return '&', 1
}

// text writes s as text: decoded when it comes from Slack, as is when it
// is a name from names; '<' and '>' are dropped from markup flattened.
func (q *quoter) text(s string, slack bool) {
	for i := 0; i < len(s) && !q.full; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case slack && r == '&':
			r, n = Entity(s[i:])
		case slack && (r == '<' || r == '>'):
			r = 0
		}
		if r != 0 {
			q.char(r)
		}
		i += n
	}
}

// char writes one character of the plain text.
func (q *quoter) char(r rune) {
	switch {
	case r == utf8.RuneError:
		r = '\uFFFD'
	case r < ' ' || (r >= 0x7f && r < 0xa0):
		if r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
			q.pending = true
		}
		return
	case r == ' ' || (r > 0x7f && unicode.IsSpace(r)):
		q.pending = true
		return
	case r >= 0x61c && unicode.Is(unicode.Bidi_Control, r):
		return
	}
	if q.pending && len(q.plain) > 0 && len(q.plain) != q.noSpace {
		q.plain = append(q.plain, ' ')
		q.runes++
	}
	q.pending = false
	q.plain = utf8.AppendRune(q.plain, r)
	q.runes++
	// Enough read to cut: the rest could not be shown (a margin keeps a
	// word boundary and a link's end in view).
	if q.max >= 0 && q.runes > q.max+1 {
		q.full = true
	}
}

// markup reads the control sequence s[from:to] (between '<' and '>').
func (q *quoter) markup(s string, from, to, depth int) {
	body := s[from:to]
	id, label, labelled := strings.Cut(body, "|")
	switch {
	case strings.HasPrefix(body, "@"):
		q.mention("@", id[1:], label, q.names.Member)
	case strings.HasPrefix(body, "#"):
		q.mention("#", id[1:], label, q.names.Channel)
	case strings.HasPrefix(body, "!"):
		q.special(id[1:], label)
	default:
		u, ok := linkURL(id)
		switch {
		case !ok && labelled:
			q.run(s, from+len(id)+1, to, depth+1)
		case !ok:
			q.text(id, true)
		case q.form == Mrkdwn && depth == 0:
			q.link(s, u, from+len(id)+1, to, labelled)
		default: // a link flattened: its label, else its URL
			if !labelled || !q.label(s, from+len(id)+1, to, depth+1) {
				q.text(u, false)
			}
		}
	}
}

// mention writes a person or a channel by name.
func (q *quoter) mention(sigil, id, label string, name func(string) string) {
	n := strings.TrimSpace(label)
	if n == "" && name != nil {
		q.char(rune(sigil[0]))
		if n = name(id); n != "" {
			q.text(strings.TrimPrefix(n, sigil), false)
			return
		}
		q.text(id, true)
		return
	}
	if n == "" {
		n = id
	}
	q.char(rune(sigil[0]))
	q.text(strings.TrimPrefix(n, sigil), true)
}

// special writes <!here>, <!subteam^…|@team>, <!date^…|fallback>… as
// text that notifies nobody.
func (q *quoter) special(cmd, label string) {
	word, arg, _ := strings.Cut(cmd, "^")
	switch word {
	case "here", "channel", "everyone", "group":
		q.char('@')
		q.text(word, false)
	case "subteam":
		if strings.TrimSpace(label) == "" {
			label = arg
		}
		q.char('@')
		q.text(strings.TrimPrefix(strings.TrimSpace(label), "@"), true)
	case "date":
		q.text(label, true)
	default:
		if label == "" {
			label = word
		}
		q.text(label, true)
	}
}

// link reads a link of the quote itself (Mrkdwn, not nested): its label
// (or URL) becomes a span of the plain text.
func (q *quoter) link(s, u string, from, to int, labelled bool) {
	if q.pending && len(q.plain) > 0 { // a space before the link is not its
		q.plain, q.pending = append(q.plain, ' '), false
		q.runes++
	}
	start := len(q.plain)
	if !labelled || !q.label(s, from, to, 1) {
		q.text(u, false)
	}
	q.spans = append(q.spans, span{start: start, end: len(q.plain), url: u})
}

// label reads a link's label s[from:to], which starts where the link does
// (whitespace at its start adds no space), and reports whether it wrote
// anything: a link with an empty label shows its URL.
func (q *quoter) label(s string, from, to, depth int) bool {
	start, noSpace, pending := len(q.plain), q.noSpace, q.pending
	if !pending {
		q.noSpace = start
	}
	q.run(s, from, to, depth)
	q.noSpace = noSpace
	if len(q.plain) == start {
		q.pending = pending
		return false
	}
	return true
}

// linkURL decodes a link's target and reports whether Praxis keeps it as a
// link: http, https or mailto, with nothing that could end the markup.
func linkURL(raw string) (string, bool) {
	if len(raw) > 8192 {
		return "", false
	}
	var u string
	if strings.IndexByte(raw, '&') < 0 {
		u = raw
	} else {
		b := make([]byte, 0, len(raw))
		for i := 0; i < len(raw); {
			if raw[i] != '&' {
				b = append(b, raw[i])
				i++
				continue
			}
			r, n := Entity(raw[i:])
			b = append(b, byte(r))
			i += n
		}
		u = string(b)
	}
	lower := strings.ToLower(u[:min(len(u), 8)])
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") &&
		!strings.HasPrefix(lower, "mailto:") {
		return "", false
	}
	for _, r := range u {
		if r <= ' ' || r == '<' || r == '>' || r == '|' || r == utf8.RuneError ||
			unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Bidi_Control, r) {
			return "", false
		}
	}
	return u, true
}
