package question

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"praxis/bot"
)

// Private-use runes standing for what the markup pass set aside, so that
// "can <@U1> look at <https://x|this>?" still reads as a sentence with a
// subject and an object, while the URL's own "?" is gone.
const (
	markLink    = '\uE000' // <https://…>, <mailto:…>, a bare URL
	markMention = '\uE001' // <@U…>, <#C…>, <!here>, <!subteam^…>
	markCode    = '\uE002' // `inline code`
	markQuote   = '\uE003' // a "quoted title" on one line
)

// message is a Slack text reduced to what the heuristics read: sentences of
// lower-case, accent-free tokens, plus what was set aside on the way.
type message struct {
	sentences []sentence
	words     int      // tokens with a letter, in all sentences
	marks     int      // links, mentions, code, quotes and emoji set aside
	links     int      // links among them
	emoji     []string // emoji names, without colons or skin tones (at most maxEmoji)
	announce  bool     // an announcement emoji (📣, :tada:…) came before any letter
	sharing   int      // whether a sentence shares something (read, talk…): 0 unknown, 1 yes, -1 no
}

// sentence is a run of tokens up to a terminator. Tokens are substrings of
// the normalized text: letters and digits, with inner hyphens kept
// ("peut-on", "a-t-il") and an apostrophe closing its token ("qu'", "what'").
type sentence struct {
	tok    []string
	clause []int // indexes of tokens that start a clause after ':' ';' or a dash
	end    byte  // '?', '!', '.', or 0 at a line break or the end of the text
	words  int
}

const maxEmoji = 64

// parse runs the passes in order; each is linear in the length of the text.
func parse(text string) *message {
	m := &message{}
	s := strings.ToValidUTF8(text, "\uFFFD")
	s = m.stripCode(s)
	s = m.stripQuotes(s)
	s = m.stripMarkup(s)
	s = stripTitles(normalize(s))
	m.sentences = split(s)
	for _, st := range m.sentences {
		m.words += st.words
	}
	return m
}

// stripCode replaces ``` blocks by a line break (an unterminated block runs
// to the end) and `inline code` by markCode.
func (m *message) stripCode(s string) string {
	if !strings.Contains(s, "`") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		if strings.HasPrefix(s[i:], "```") {
			m.marks++
			b.WriteByte('\n')
			j := strings.Index(s[i+3:], "```")
			if j < 0 {
				return b.String()
			}
			s = s[i+3+j+3:]
			continue
		}
		rest := s[i+1:]
		j := strings.IndexAny(rest, "`\n")
		if j <= 0 || rest[j] == '\n' {
			b.WriteByte(' ')
			s = rest
			continue
		}
		m.marks++
		b.WriteRune(markCode)
		s = rest[j+1:]
	}
}

// stripQuotes drops quoted lines ("&gt; …", as Slack escapes them, or a raw
// "> …") and everything after "&gt;&gt;&gt;", which quotes the rest.
func (m *message) stripQuotes(s string) string {
	if !strings.Contains(s, "&gt;") && !strings.Contains(s, ">") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.Lines(s) {
		t := strings.TrimLeft(line, " \t")
		switch {
		case strings.HasPrefix(t, "&gt;&gt;&gt;"), strings.HasPrefix(t, ">>>"):
			m.marks++
			return b.String()
		case strings.HasPrefix(t, "&gt;"), strings.HasPrefix(t, ">"):
			m.marks++
			b.WriteByte('\n')
		default:
			b.WriteString(line)
		}
	}
	return b.String()
}

// stripMarkup replaces Slack's <…> entities and bare URLs by marks, drops
// :emoji: codes (remembering their names) and decodes &amp; &lt; &gt;.
func (m *message) stripMarkup(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gt, nl := -1, -1 // next '>' and '\n' at or after the current '<'
	letter := false
	run := 0 // start of the bytes not yet copied
	for i := 0; i < len(s); {
		c := s[i]
		if !letter || markupByte[c] {
			b.WriteString(s[run:i])
			run = i
		} else {
			i++
			continue
		}
		switch {
		case c == '<':
			if gt < i {
				gt = nextByte(s, i, '>')
			}
			if nl < i {
				nl = nextByte(s, i, '\n')
			}
			if gt < len(s) && gt < nl && gt-i < 4096 {
				if mark := entity(s[i+1 : gt]); mark != 0 {
					m.marks++
					if mark == markLink {
						m.links++
					}
					b.WriteRune(mark)
					i = gt + 1
					run = i
					continue
				}
			}
		case c == '&':
			r, n := bot.Entity(s[i:])
			b.WriteRune(r)
			i += n
			run = i
			continue
		case c == ':':
			if n := emojiCode(s[i+1:]); n > 0 {
				name := strings.ToLower(s[i+1 : i+1+n])
				m.emojiSeen(name, letter)
				b.WriteByte(' ')
				i += n + 2
				run = i
				continue
			}
		case c == 'h' || c == 'H' || c == 'w' || c == 'W':
			if n := bareURL(s[i:]); n > 0 && (i == 0 || !wordByte(s[i-1])) {
				m.marks++
				m.links++
				b.WriteRune(markLink)
				i += n
				run = i
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !letter {
			letter = unicode.IsLetter(r)
			m.announce = m.announce || announceRunes[r]
		}
		i += size
	}
	b.WriteString(s[run:])
	return b.String()
}

// markupByte: the bytes where stripMarkup may have something to do.
var markupByte = [256]bool{'<': true, '&': true, ':': true, 'h': true, 'H': true, 'w': true, 'W': true}

func (m *message) emojiSeen(name string, afterLetter bool) {
	if strings.HasPrefix(name, "skin-tone-") {
		return
	}
	m.marks++
	if !afterLetter && announceEmoji[name] {
		m.announce = true
	}
	if len(m.emoji) < maxEmoji {
		m.emoji = append(m.emoji, name)
	}
}

// nextByte is the index of the next c at or after i, or len(s)+1.
func nextByte(s string, i int, c byte) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s) + 1
}

// entity classifies the inside of a <…> Slack entity.
func entity(in string) rune {
	switch {
	case in == "":
		return 0
	case in[0] == '@' || in[0] == '#' || in[0] == '!':
		return markMention
	case strings.Contains(in, "://") || strings.HasPrefix(in, "mailto:") || strings.HasPrefix(in, "tel:"):
		return markLink
	}
	return 0
}

// emojiCode is the length of the emoji name in s if s starts with "name:"
// (":" already consumed): letters, digits, _ + - ', at least one letter.
func emojiCode(s string) int {
	letter := false
	for i := 0; i < len(s) && i <= 100; i++ {
		switch c := s[i]; {
		case c == ':':
			if letter {
				return i
			}
			return 0
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			letter = true
		case '0' <= c && c <= '9' || c == '_' || c == '+' || c == '-' || c == '\'':
		default:
			return 0
		}
	}
	return 0
}

// bareURL is the length of a URL starting s (http://, https://, www.),
// without trailing punctuation, which belongs to the sentence.
func bareURL(s string) int {
	prefix := 0
	for _, p := range [...]string{"https://", "http://", "www."} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			prefix = len(p)
			break
		}
	}
	if prefix == 0 {
		return 0
	}
	n := strings.IndexAny(s, " \t\r\n<>")
	if n < 0 {
		n = len(s)
	}
	for n > prefix && strings.IndexByte(".,;:!?)]\"'", s[n-1]) >= 0 {
		n--
	}
	return n
}

func wordByte(c byte) bool {
	return c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
