package store

import (
	"strings"
	"unicode/utf8"
)

// MaxTextChars is the longest message text Praxis keeps, in characters:
// Slack's own limit (it truncates longer messages when they are posted),
// so a longer text in an export or an event is broken or hostile. Capping
// it where messages are recorded bounds what every later reader holds in
// memory (the expert index at each start, digests, reports): one 256 MiB
// message once cost 3.3 GB at every index load.
const MaxTextChars = 40000

// capMarker ends a capped text, so a reader sees it was cut.
const capMarker = "…"

// capLookBack is how far back from the cut CapText looks for the start of a
// control sequence (<https://…|label>) to cut before it rather than
// through it.
const capLookBack = 4096

// CapText cuts text to at most MaxTextChars characters, "…" included, and
// reports whether it did. The cut falls between characters and, when the
// start is close enough to find cheaply, before a Slack control sequence
// (<@U…>, <https://…|label>) or an entity (&amp;) rather than through it,
// so that a capped text is still well-formed mrkdwn.
func CapText(text string) (string, bool) {
	if len(text) <= MaxTextChars {
		return text, false // no more bytes than characters allowed
	}
	keep := MaxTextChars - utf8.RuneCountInString(capMarker)
	cut, n := 0, 0
	for i := range text {
		if n == keep {
			cut = i
		}
		if n == MaxTextChars { // a character past the limit
			return capAt(text[:cut]) + capMarker, true
		}
		n++
	}
	return text, false
}

// capAt moves the end of a cut text back before a control sequence or an
// entity it would cut through.
func capAt(head string) string {
	window := head[max(0, len(head)-capLookBack):]
	if lt := strings.LastIndexByte(window, '<'); lt > strings.LastIndexByte(window, '>') {
		head = head[:len(head)-len(window)+lt]
	}
	tail := head[max(0, len(head)-len("&amp")):] // an entity cut short is at most this long
	if amp := strings.LastIndexByte(tail, '&'); amp >= 0 && !strings.Contains(tail[amp:], ";") {
		head = head[:len(head)-len(tail)+amp]
	}
	return head
}
