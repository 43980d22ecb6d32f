package render

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes outside text safe to print on one line: valid UTF-8, no
// control or bidi-override characters, at most max runes.
func clean(s string, max int) string {
	if len(s) > 4*max+64 {
		s = s[:4*max+64]
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	n := 0
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			r = ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029':
			continue
		}
		if n == max {
			return strings.TrimSpace(b.String()) + "…"
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}

// safeURL is u when it is an absolute http(s) URL that can be written in
// any of the formats, else "".
func safeURL(u string) string {
	if len(u) > 2000 || !utf8.ValidString(u) || strings.ContainsAny(u, " <>\"'|`\\()[]{}") {
		return ""
	}
	for _, r := range u {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ""
		}
	}
	x, err := url.Parse(u)
	if err != nil || (x.Scheme != "http" && x.Scheme != "https") || x.Host == "" {
		return ""
	}
	return u
}

// sparkline draws a series as block characters, lowest to highest.
func sparkline(xs []float64) string {
	const bars = "▁▂▃▄▅▆▇█"
	lo, hi, ok := 0.0, 0.0, false
	for _, x := range xs {
		if x != x || x < -1e300 || x > 1e300 {
			continue
		}
		if !ok || x < lo {
			lo = x
		}
		if !ok || x > hi {
			hi = x
		}
		ok = true
	}
	var b strings.Builder
	for _, x := range xs {
		if x != x || x < -1e300 || x > 1e300 {
			b.WriteRune(' ')
			continue
		}
		i := 0
		if hi > lo {
			i = int((x - lo) / (hi - lo) * 7.999)
		}
		b.WriteRune([]rune(bars)[i])
	}
	return b.String()
}
