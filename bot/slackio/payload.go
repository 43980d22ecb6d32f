package slackio

import (
	"bytes"
	"unicode/utf8"
)

// validPayload returns the raw event as the inbox stores it: each byte
// that is not valid UTF-8 replaced by U+FFFD, and each \u escape of a lone
// surrogate by \ufffd, which is what a JSON decoder reads from them anyway
// (encoding/json decodes both to U+FFFD). So the stored bytes decode to
// exactly the values the raw ones did, and whatever reads them later (an
// export, another JSON parser, sqlite's json functions) never meets invalid
// text. The transport checks the signature on the raw bytes first; a
// redelivery carries the same bytes and so is cleaned the same way, and
// deduplicated. A payload that needs nothing is returned as it is.
func validPayload(b []byte) []byte {
	if utf8.Valid(b) && !bytes.Contains(b, []byte(`\ud`)) && !bytes.Contains(b, []byte(`\uD`)) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b) && b[i+1] < utf8.RuneSelf:
			n := 2 // an escape: its second byte is never the start of another
			if b[i+1] == 'u' {
				n = escapeLen(b[i:])
			}
			if n == 0 {
				out = append(out, `\ufffd`...)
				n = 6
			} else {
				out = append(out, b[i:i+n]...)
			}
			i += n
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				out = append(out, "\uFFFD"...)
			} else {
				out = append(out, b[i:i+size]...)
			}
			i += size
		}
	}
	return out
}

// escapeLen returns the length of the \u escape at the start of b: 12 for a
// surrogate pair, 6 for any other code point, or the length of what is not
// an escape at all (copied as it is); 0 for a lone surrogate.
func escapeLen(b []byte) int {
	r, ok := hex4(b)
	if !ok {
		return min(2, len(b))
	}
	switch {
	case r < 0xD800 || r > 0xDFFF:
		return 6
	case r >= 0xDC00: // a low surrogate with no high one before it
		return 0
	}
	if lo, ok := hex4(b[6:]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
		return 12
	}
	return 0
}

// hex4 reads `\uXXXX` at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
