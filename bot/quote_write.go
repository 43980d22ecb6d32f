package bot

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// cut shortens the plain text to max characters, ellipsis included.
func (q *quoter) cut() {
	if q.max < 0 || q.runes <= q.max {
		return
	}
	p, n := 0, 0 // the byte where max-1 characters end
	for p < len(q.plain) && n < q.max-1 {
		_, size := utf8.DecodeRune(q.plain[p:])
		p += size
		n++
	}
	if p < len(q.plain) && q.plain[p] != ' ' {
		if sp := bytes.LastIndexByte(q.plain[:p], ' '); sp > p/2 {
			p = sp // at a word boundary when one is near
		}
	}
	for _, sp := range q.spans {
		if sp.start > 0 && sp.start < p && p < sp.end {
			p = sp.start // a link that does not fit is left out
		}
	}
	for p > 0 && q.plain[p-1] == ' ' {
		p--
	}
	q.plain = append(q.plain[:p], "…"...)
	kept := q.spans[:0]
	for _, sp := range q.spans {
		if sp.start < p {
			if sp.end > p {
				sp.end = len(q.plain) // a first link's label, cut: the ellipsis is its
			}
			kept = append(kept, sp)
		}
	}
	q.spans = kept
}

// render writes the plain text in the quote's form.
func (q *quoter) render() string {
	if q.form == Plain {
		return string(q.plain)
	}
	var b strings.Builder
	b.Grow(len(q.plain) + len(q.plain)/8 + 8)
	last := 0
	for _, sp := range q.spans {
		escape(&b, q.plain[last:sp.start], false)
		label := q.plain[sp.start:sp.end]
		b.WriteByte('<')
		escape(&b, []byte(sp.url), false)
		if string(label) != sp.url {
			b.WriteByte('|')
			escape(&b, label, true)
		}
		b.WriteByte('>')
		last = sp.end
	}
	escape(&b, q.plain[last:], q.form == Label)
	return b.String()
}

// escape writes s with Slack's three characters escaped, and in a label
// "|" written "¦".
func escape(b *strings.Builder, s []byte, label bool) {
	for _, c := range s {
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '|' && label:
			b.WriteString("¦")
		default:
			b.WriteByte(c)
		}
	}
}
