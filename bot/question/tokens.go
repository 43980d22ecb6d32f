package question

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold maps the lower-case letters and the punctuation the heuristics care
// about to ASCII: accents go (é → e, œ → oe), typographic apostrophes and
// quotes become ' and ", dashes -, and the spaces French puts before "?"
// (no-break, narrow no-break) plain spaces.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ł': "l",
	'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ŕ': "r", 'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ß': "ss", 'ť': "t",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
	'’': "'", '‘': "'", 'ʼ': "'", '′': "'", '´': "'",
	'“': "\"", '”': "\"", '„': "\"", '«': "\"", '»': "\"", '″': "\"",
	'–': "-", '—': "-", '‒': "-", '―': "-", '‐': "-", '‑': "-",
	'…': "...", '？': "?", '！': "!", '¿': " ", '¡': " ",
	'\u00a0': " ", '\u202f': " ", '\u2007': " ", '\u2009': " ", '\u200a': " ", '\u200b': "",
}

// normalize lower-cases and folds s, and turns Slack's formatting characters
// (*bold*, _italic_, ~strike~) and stray backticks into spaces.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			case r == '*' || r == '_' || r == '~' || r == '`' || r == '\t' || r == '\r':
				r = ' '
			}
			b.WriteByte(byte(r))
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			b.WriteString(f)
		} else if !unicode.Is(unicode.Mn, r) { // combining accents of decomposed text go
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripTitles replaces a "quoted" span on one line (a title, an error
// message) by markQuote: a question inside quotes is not the author's.
func stripTitles(s string) string {
	if !strings.Contains(s, "\"") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+1:]
		j := strings.IndexAny(rest[:min(len(rest), 200)], "\"\n")
		if j <= 0 || rest[j] == '\n' {
			b.WriteByte(' ')
			s = rest
			continue
		}
		b.WriteRune(markQuote)
		s = rest[j+1:]
	}
}

// split cuts normalized text into sentences of tokens. A "?" only ends a
// sentence when no word character follows it (so "a?b=c" does not), a "."
// only when a space or the end follows it (so "v1.2" and "node.js" do not).
func split(s string) []sentence {
	var (
		out    []sentence
		cur    sentence
		all    = make([]string, 0, len(s)/6+1) // every sentence's tokens, in turn
		first  int                             // where cur's tokens start in all
		start  = -1                            // start of the current token
		letter bool                            // the current token has a letter
	)
	add := func(t string) {
		all = append(all, t)
		cur.tok = all[first:]
	}
	flush := func(end int) {
		if start >= 0 && end > start {
			add(s[start:end])
			if letter {
				cur.words++
			}
		}
		start, letter = -1, false
	}
	finish := func(end byte) {
		if len(cur.tok) > 0 {
			cur.end = end
			cur.tok = cur.tok[:len(cur.tok):len(cur.tok)]
			out = append(out, cur)
		}
		cur, first = sentence{}, len(all)
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == markLink || r == markMention || r == markCode || r == markQuote:
			flush(i)
			add(s[i : i+size])
		case isWord(r):
			if start < 0 {
				start = i
			}
			letter = letter || unicode.IsLetter(r)
		case r == '\'':
			if start >= 0 && i+1 < len(s) && startsWord(s[i+1:]) {
				flush(i + 1) // elision: "qu'il" → "qu'", "il"
			} else {
				flush(i)
			}
		case r == '-':
			if start >= 0 && i+1 < len(s) && startsWord(s[i+1:]) {
				break // "peut-on", "e-mail"
			}
			flush(i)
			if i > 0 && s[i-1] == ' ' && (i+1 == len(s) || s[i+1] == ' ') {
				cur.newClause()
			}
		case r == '?' || r == '!' || r == '.':
			flush(i)
			if r == '.' && i+1 < len(s) && !strings.ContainsRune(" \n.?!)\"", rune(s[i+1])) {
				break
			}
			if r == '?' && i+1 < len(s) && (startsWord(s[i+1:]) || strings.IndexByte("=&/", s[i+1]) >= 0) {
				break
			}
			end := byte(r)
			j := i + 1
			for ; j < len(s) && (s[j] == '?' || s[j] == '!' || s[j] == '.'); j++ {
				if s[j] == '?' || s[j] == '!' && end == '.' {
					end = s[j]
				}
			}
			finish(end)
			i = j
			continue
		case r == '\n':
			flush(i)
			finish(0)
		case r == ':' || r == ';':
			flush(i)
			cur.newClause()
		default:
			flush(i)
		}
		i += size
	}
	flush(len(s))
	finish(0)
	return out
}

func (s *sentence) newClause() {
	if n := len(s.tok); n > 0 && (len(s.clause) == 0 || s.clause[len(s.clause)-1] != n) {
		s.clause = append(s.clause, n)
	}
}

func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWord(r)
}

func isMark(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return r >= markLink && r <= markQuote
}

// tokensOf tokenizes a phrase of the tables the way messages are.
func tokensOf(phrase string) []string {
	var out []string
	for _, s := range split(normalize(phrase)) {
		out = append(out, s.tok...)
	}
	return out
}
