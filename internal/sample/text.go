package sample

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fillCtx is what a template is filled with.
type fillCtx struct {
	topic   int    // community topic index; -1 when none
	q       int    // the ask/tip pair of a question
	author  int32  // who writes
	mention int32  // who {mention} is; -1: someone active in the channel
	file    int32  // gen.files index for {file}
	term    string // {term} when set: a conversation sticks to one term
}

func (g *gen) ctx(topic int, author int32) *fillCtx {
	f := &fillCtx{topic: topic, author: author, mention: -1, file: -1}
	if topic >= 0 {
		f.q = g.r.intn(len(g.cm.topics[topic].asks))
	}
	return f
}

// fill expands the {keys} of tpl (see vocab.go).
func (g *gen) fill(tpl string, f *fillCtx) string {
	if !strings.Contains(tpl, "{") {
		return tpl
	}
	var b strings.Builder
	b.Grow(len(tpl) + 64)
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		b.WriteString(tpl[:i])
		key := tpl[i+1 : i+j]
		v := g.value(strings.ToLower(key), f)
		if key != "" && key[0] >= 'A' && key[0] <= 'Z' {
			v = capitalize(v)
		}
		b.WriteString(v)
		tpl = tpl[i+j+1:]
	}
}

func (g *gen) value(key string, f *fillCtx) string {
	var tp *topic
	if f.topic >= 0 {
		tp = &g.cm.topics[f.topic]
	} else {
		tp = &g.cm.topics[g.r.intn(len(g.cm.topics))]
	}
	switch key {
	case "ask":
		ask := tp.asks[f.q%len(tp.asks)]
		if g.r.chance(400) {
			ask += g.fill(pick(&g.r, g.ph.askContext), f)
		}
		return ask
	case "tip":
		return tp.tips[f.q%len(tp.tips)]
	case "tip2":
		k := g.r.intn(len(tp.tips))
		if k == f.q%len(tp.tips) {
			k = (k + 1) % len(tp.tips)
		}
		return tp.tips[k]
	case "topic":
		return tp.name
	case "term":
		if f.term != "" {
			return f.term
		}
		return pick(&g.r, tp.terms)
	case "link":
		l := pick(&g.r, tp.links)
		return "<" + l.url + "|" + l.title + ">"
	case "mention":
		p := f.mention
		if p < 0 {
			p = g.someone(&g.ch.talk, f.author)
		}
		return g.mentionOf(p)
	case "expert":
		return g.mentionOf(g.expertFor(f.topic, f.author))
	case "community":
		return g.cm.name
	case "first":
		return g.w.people[f.author].first
	case "team":
		return pick(&g.r, g.cm.arch.teams)
	case "day":
		return weekdays[g.cm.arch.lang][g.r.between(1, 5)]
	case "file":
		if f.file >= 0 {
			return g.files[f.file].doc.title
		}
		return tp.name
	}
	return g.botValue(key)
}

// botValue fills the keys of bot templates.
func (g *gen) botValue(key string) string {
	switch key {
	case "n":
		return strconv.Itoa(g.r.between(1000, 99999))
	case "n2":
		return strconv.Itoa(g.r.between(2, 9))
	case "n3":
		return strconv.Itoa(g.r.between(100, 999))
	case "repo":
		if b := g.cm.arch.bot; b != nil && len(b.repos) > 0 {
			return pick(&g.r, b.repos)
		}
		return pick(&g.r, g.cm.arch.teams)
	case "date":
		t := g.dayStart
		if g.cm.arch.lang == "fr" {
			return unixDate(t, "02/01")
		}
		return unixDate(t, "Jan 2")
	}
	return ""
}

func (g *gen) mentionOf(p int32) string {
	if p < 0 {
		return ""
	}
	return "<@" + g.w.Users[p].ID + ">"
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// countLinks counts the distinct <http…> links of a text, as the importer
// does.
func countLinks(text string) int {
	n := 0
	var seen [4]string
	for {
		i := strings.Index(text, "<http")
		if i < 0 {
			return n
		}
		text = text[i+1:]
		j := strings.IndexAny(text, "|>")
		if j < 0 {
			return n
		}
		url := text[:j]
		dup := false
		for _, s := range seen[:min(n, len(seen))] {
			dup = dup || s == url
		}
		if !dup {
			if n < len(seen) {
				seen[n] = url
			}
			n++
		}
	}
}
