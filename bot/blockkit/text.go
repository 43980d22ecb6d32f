package blockkit

import (
	"strings"
	"unicode/utf8"
)

// Marker ends a text that was cut to fit: the reader sees it was shortened.
const Marker = "…"

// Truncate returns s cut to at most max characters (runes), ending with
// Marker, and whether it had to be cut. The cut never splits a mrkdwn
// control sequence (<…>) or an HTML entity (&amp;): it moves before it, so
// that what remains still renders.
func Truncate(s string, max int) (string, bool) {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s, false
	}
	keep := max - utf8.RuneCountInString(Marker)
	cut := 0
	for i := range s {
		if keep == 0 {
			cut = i
			break
		}
		keep--
	}
	head := s[:cut]
	if lt := strings.LastIndexByte(head, '<'); lt >= 0 && lt > strings.LastIndexByte(head, '>') {
		head = head[:lt]
	}
	if amp := strings.LastIndexByte(head, '&'); amp >= 0 && amp > strings.LastIndexByte(head, ';') && len(head)-amp <= 8 {
		head = head[:amp]
	}
	return head + Marker, true
}

// CutBytes returns s cut to at most n bytes, on a rune boundary, ending
// with Marker when it had to be cut: a bound in bytes is never over the
// same bound in characters, the safe side of Slack's limits for a text
// built whole (the Home's sections, a preview sent by DM).
func CutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	k := n - len(Marker)
	for k > 0 && s[k]&0xC0 == 0x80 {
		k--
	}
	return s[:k] + Marker
}
