package terms

import (
	"sort"
	"strings"
)

// maxQueryTerms bounds the expression a query becomes: a search is a few
// words, and a pasted page should not turn into a huge FTS5 expression.
const maxQueryTerms = 128

// Query turns a human query into a safe FTS5 MATCH expression over the
// terms Index produces: the OR of every stem of every word (see Stems),
// each quoted, so that no FTS5 syntax in the input (quotes, NEAR, *, :, ^,
// parentheses, AND/OR/NOT) gets through. It returns "" when no word is
// left, which the caller must not pass to MATCH.
//
// synonyms widens the query: when every word of a key is among the query's
// words (compared by stems, so "déploiement" matches the key "deploy"),
// each of the key's values is added, a one-word value as its stems and a
// several-word value as an AND of its words (each word the OR of its stems:
// a phrase could only hold one language's stems). Keys and values are plain
// words, stemmed the same way; the map is read, never changed.
func Query(text string, synonyms map[string][]string) string {
	return build(text, synonyms, fts5)
}

// TSQuery is Query for PostgreSQL: the same terms and groups, as a tsquery
// (docs/postgres.md), each term a quoted lexeme.
func TSQuery(text string, synonyms map[string][]string) string {
	return build(text, synonyms, tsquery)
}

// syntax is how an expression is written: its OR, its AND, its quotes.
type syntax struct {
	or, and string
	quote   func(string) string
}

var (
	fts5    = syntax{or: " OR ", and: " AND ", quote: quote}
	tsquery = syntax{or: " | ", and: " & ", quote: quoteLexeme}
)

func build(text string, synonyms map[string][]string, sx syntax) string {
	q := words(text)
	if len(q) == 0 {
		return ""
	}
	have := map[string]bool{}
	for _, w := range q {
		for _, t := range w {
			have[t] = true
		}
	}
	b := builder{sx: sx}
	for _, w := range q {
		for _, t := range w {
			b.term(t)
		}
	}
	keys := make([]string, 0, len(synonyms))
	for k := range synonyms {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same query gives the same expression
	for _, k := range keys {
		if !matches(words(k), have) {
			continue
		}
		for _, v := range synonyms[k] {
			vw := words(v)
			if len(vw) == 1 {
				for _, t := range vw[0] {
					b.term(t)
				}
			} else if len(vw) > 1 {
				b.group(vw)
			}
		}
	}
	return b.String()
}

// matches reports whether every word of key has a stem among have.
func matches(key [][]string, have map[string]bool) bool {
	if len(key) == 0 {
		return false
	}
	for _, w := range key {
		found := false
		for _, t := range w {
			found = found || have[t]
		}
		if !found {
			return false
		}
	}
	return true
}

// builder writes the OR of quoted terms and AND groups, each once.
type builder struct {
	sx   syntax
	sb   strings.Builder
	seen map[string]bool
	n    int
}

func (b *builder) add(expr string, terms int) {
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	if b.seen[expr] || b.n+terms > maxQueryTerms {
		return
	}
	b.seen[expr] = true
	b.n += terms
	if b.sb.Len() > 0 {
		b.sb.WriteString(b.sx.or)
	}
	b.sb.WriteString(expr)
}

func (b *builder) term(t string) { b.add(b.sx.quote(t), 1) }

// group adds (w1 stems) AND (w2 stems)…
func (b *builder) group(ws [][]string) {
	var sb strings.Builder
	n := 0
	sb.WriteByte('(')
	for i, w := range ws {
		if i > 0 {
			sb.WriteString(b.sx.and)
		}
		sb.WriteByte('(')
		for j, t := range w {
			if j > 0 {
				sb.WriteString(b.sx.or)
			}
			sb.WriteString(b.sx.quote(t))
			n++
		}
		sb.WriteByte(')')
	}
	sb.WriteByte(')')
	b.add(sb.String(), n)
}

func (b *builder) String() string { return b.sb.String() }

// quote makes t an FTS5 string: inside double quotes nothing is syntax, and
// a double quote is written twice. (Terms are letters and digits; quoting
// is what keeps that from mattering.)
func quote(t string) string {
	return `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
}

// quoteLexeme makes t a tsquery lexeme: inside single quotes nothing is
// syntax; a quote is written twice and a backslash escaped.
func quoteLexeme(t string) string { return "'" + lexemeEscaper.Replace(t) + "'" }

var lexemeEscaper = strings.NewReplacer(`'`, `''`, `\`, `\\`)
