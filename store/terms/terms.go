// Package terms turns message text into the terms the full-text index holds,
// and human queries into safe FTS5 expressions, for English and French, and
// for Chinese, Japanese and Korean as character bigrams.
//
// FTS5 stems only English (porter), and the SQLite driver cannot run a Go
// tokenizer, so the stemming happens here: the index stores each message's
// words stemmed with its language's Snowball stemmer and folded (é→e), and a
// query asks for every word's English and French stems, so "déploiements",
// "deploiement" and "déployer" meet, as do "runs" and "running".
//
// Chinese and Japanese are written without spaces between words, and a
// Korean word carries its particles: a run of Han, kana or Hangul becomes
// its overlapping pairs of characters ("型クラス" gives 型ク, クラ, ラス),
// the usual start for search in these languages, so that a query meets the
// messages that share its words whatever the segmentation.
package terms

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// maxWord is the longest word indexed, in bytes: longer ones are hashes,
// tokens and base64, not vocabulary.
const maxWord = 64

// word flags
const (
	hasDigit = 1 << iota // numbers and tech tokens (k8s, s3, oauth2) are kept as they are
	nonASCII             // the folded form may differ
	frMark               // a French diacritic
	cjk                  // a pair of Han, kana or Hangul characters (or one alone): kept as it is
)

type span struct {
	start, end int32
	flags      uint8
}

// scratch is what one call works in, pooled so that indexing allocates
// little more than its result.
type scratch struct {
	low   []byte // the words, lowercased, one after another
	spans []span
	fold  []byte
	out   []byte
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch {
	sc := scratches.Get().(*scratch)
	sc.low, sc.spans, sc.out = sc.low[:0], sc.spans[:0], sc.out[:0]
	return sc
}

func (sc *scratch) release() {
	if cap(sc.low) > 1<<16 || cap(sc.out) > 1<<16 {
		return // do not keep a huge message's buffers
	}
	scratches.Put(sc)
}

func (sc *scratch) word(i int) string {
	s := sc.spans[i]
	return unsafeString(sc.low[s.start:s.end])
}

// folded returns word with its diacritics folded, in a buffer reused by the
// next call.
func (sc *scratch) folded(w string, flags uint8) string {
	if flags&nonASCII == 0 {
		return w
	}
	sc.fold = appendFolded(sc.fold[:0], w)
	return unsafeString(sc.fold)
}

// scan splits text into lowercased words, skipping Slack markup: user and
// channel mentions, special mentions, URLs (a link's label is kept),
// :emoji: codes and the HTML entities Slack escapes <, > and & with.
func (sc *scratch) scan(text string) {
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '<':
			end := strings.IndexByte(text[i+1:], '>')
			if end < 0 || strings.ContainsAny(text[i+1:i+1+end], "<\n") {
				i++
				continue
			}
			inner := text[i+1 : i+1+end]
			if inner != "" && inner[0] != '@' && inner[0] != '#' && inner[0] != '!' {
				if bar := strings.LastIndexByte(inner, '|'); bar >= 0 {
					sc.scan(inner[bar+1:])
				}
			}
			i += end + 2
		case c == '&':
			i += entity(text[i:])
		case c == ':':
			if i == 0 || !isASCIIAlnum(text[i-1]) {
				i += emoji(text[i:])
			} else {
				i++
			}
		case isASCIIAlnum(c):
			i = sc.readWord(text, i)
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRuneInString(text[i:])
			if isCJK(r) {
				i = sc.readCJK(text, i)
			} else if isWordRune(r) {
				i = sc.readWord(text, i)
			} else {
				i += n
			}
		}
	}
}

// readWord reads the word starting at text[i] into sc and returns where it
// ends. Apostrophes separate ("l'équipe" is "l" and "équipe").
func (sc *scratch) readWord(text string, i int) int {
	start := len(sc.low)
	var flags uint8
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				sc.low = append(sc.low, c)
			case 'A' <= c && c <= 'Z':
				sc.low = append(sc.low, c+'a'-'A')
			case '0' <= c && c <= '9':
				sc.low = append(sc.low, c)
				flags |= hasDigit
			default:
				goto done
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) || isCJK(r) {
			break
		}
		i += n
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent (decomposed text): dropped, as folding would
		}
		if unicode.IsNumber(r) {
			flags |= hasDigit
		}
		r = unicode.ToLower(r)
		if frenchMark(r) {
			flags |= frMark
		}
		flags |= nonASCII
		sc.low = utf8.AppendRune(sc.low, r)
	}
done:
	if n := len(sc.low) - start; n == 0 || n > maxWord {
		sc.low = sc.low[:start]
	} else {
		sc.spans = append(sc.spans, span{start: int32(start), end: int32(len(sc.low)), flags: flags})
	}
	return i
}

// readCJK reads the run of Han, kana and Hangul starting at text[i] as its
// overlapping character pairs (a lone character as itself) and returns
// where it ends.
func (sc *scratch) readCJK(text string, i int) int {
	first, prev := i, -1 // prev: where the previous character starts
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isCJK(r) {
			break
		}
		if prev >= 0 {
			sc.addCJK(text[prev : i+n])
		}
		prev = i
		i += n
	}
	if prev == first {
		sc.addCJK(text[first:i])
	}
	return i
}

func (sc *scratch) addCJK(s string) {
	start := len(sc.low)
	sc.low = append(sc.low, s...)
	sc.spans = append(sc.spans, span{start: int32(start), end: int32(len(sc.low)), flags: cjk})
}

// isCJK reports whether r is written in Han, Hiragana, Katakana or Hangul
// (or is the katakana prolonged sound mark, ー, which Unicode puts in
// neither).
func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return r == 'ー' || r == 'ｰ' || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r))
}

// entity returns the length of the HTML entity Slack escapes with at the
// start of s, or 1 (an ampersand alone separates words).
func entity(s string) int {
	for _, e := range []string{"&amp;", "&lt;", "&gt;"} {
		if strings.HasPrefix(s, e) {
			return len(e)
		}
	}
	return 1
}

// emoji returns the length of the :emoji_code: at the start of s, or 1.
func emoji(s string) int {
	for i := 1; i < len(s) && i < 100; i++ {
		c := s[i]
		switch {
		case c == ':' && i > 1:
			return i + 1
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_', c == '-', c == '+', c == '\'':
		default:
			return 1
		}
	}
	return 1
}

// Language guesses whether text is English ("en") or French ("fr") from its
// stop words and French diacritics. Ties, and text with neither, are English.
func Language(text string) string {
	sc := getScratch()
	defer sc.release()
	sc.scan(text)
	return sc.language()
}

func (sc *scratch) language() string {
	en, fr := 0, 0
	for i, s := range sc.spans {
		if s.flags&cjk != 0 {
			continue
		}
		if s.flags&frMark != 0 {
			fr++
		}
		switch stops[sc.folded(sc.word(i), s.flags)] {
		case stopEN:
			en++
		case stopFR:
			fr++
		}
	}
	if fr > en {
		return "fr"
	}
	return "en"
}

// Index returns the terms to index for a message, separated by spaces: its
// words lowercased, stop words of both languages dropped, each stemmed with
// the message's language stemmer and folded. A word with diacritics also
// gives the stem of its folded form ("données" gives "don" and "donne"), so
// that text typed without accents meets text typed with them.
func Index(text string) string {
	sc := getScratch()
	defer sc.release()
	sc.each(text, func(term, _ string) { sc.emit(term) })
	return string(sc.out)
}

// Each calls fn with each term Index gives for text, in order, and the word
// as written (lowercased) it comes from, and returns the text's language
// as Language reads it: what a word is indexed as and what to show for it
// are then read with one tokenizer, in one pass (`praxis discover` names a
// group's subjects by the words its stems were written as). The strings
// are valid only during the call.
func Each(text string, fn func(term, word string)) string {
	sc := getScratch()
	defer sc.release()
	return sc.each(text, fn)
}

// each scans text, calls fn with each of its terms and words, and returns
// its language.
func (sc *scratch) each(text string, fn func(term, word string)) string {
	sc.scan(text)
	language := sc.language()
	lang := en
	if language == "fr" {
		lang = fr
	}
	for i, s := range sc.spans {
		w := sc.word(i)
		if s.flags&cjk != 0 {
			fn(w, w)
			continue
		}
		f := sc.folded(w, s.flags)
		if stops[f] != 0 {
			continue
		}
		if s.flags&hasDigit != 0 {
			fn(f, w)
			continue
		}
		st := stem(lang, w)
		fn(st, w)
		if s.flags&nonASCII != 0 && f != w {
			if st2 := stem(lang, f); st2 != st {
				fn(st2, w)
			}
		}
	}
	return language
}

func (sc *scratch) emit(term string) {
	if len(sc.out) > 0 {
		sc.out = append(sc.out, ' ')
	}
	sc.out = append(sc.out, term...)
}

// Stems returns the distinct terms a query's text contributes, in order:
// each word's English and French stems (a query's language is too short to
// guess), of the word as typed and folded, stop words dropped.
func Stems(text string) []string {
	var out []string
	for _, w := range words(text) {
		for _, t := range w {
			if !contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// words returns, for each word of text that is not a stop word, its
// distinct terms.
func words(text string) [][]string {
	sc := getScratch()
	defer sc.release()
	sc.scan(text)
	var out [][]string
	for i, s := range sc.spans {
		w := strings.Clone(sc.word(i))
		if s.flags&cjk != 0 {
			out = append(out, []string{w})
			continue
		}
		f := strings.Clone(sc.folded(w, s.flags))
		if stops[f] != 0 {
			continue
		}
		if s.flags&hasDigit != 0 {
			out = append(out, []string{f})
			continue
		}
		alts := []string{stem(en, w)}
		for _, t := range []string{stem(fr, w), stem(en, f), stem(fr, f)} {
			if !contains(alts, t) {
				alts = append(alts, t)
			}
		}
		out = append(out, alts)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
