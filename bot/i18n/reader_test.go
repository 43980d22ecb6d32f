package i18n

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// What a reader catches in a rendered sentence, by language ("" for both).
// The house's French typography, checked so that it stays one: a plain space
// before : ; ? and ! (never none, nor a non-breaking one: the house writes
// them all with a plain space, Slack's text box and the terminal alike),
// straight apostrophes (l'aide, as every French sentence here is written),
// « guillemets » with their inner spaces, never straight double quotes; and
// Praxis says vous, to everyone.
// Each rule reads the rendered sentence with its markup blanked out (read),
// as shown, or as written (the straight quotes: a value's are not the
// sentence's; a %q placeholder is refused by TestCatalogs).
type reads int

const (
	read reads = iota
	shown
	written
)

var readerRules = []struct {
	lang string
	re   *regexp.Regexp
	says string
	on   reads
}{
	{"", regexp.MustCompile(`%!`), "a formatting artefact: the placeholders do not match the values", shown},
	{"", verbs, "a placeholder left in the text: a sentence with %% and no placeholder is shown as it is", shown},
	{"", regexp.MustCompile(`\.\.\.`), "three dots: write the ellipsis …", read},
	{"", regexp.MustCompile(`\((?:e|s|es|x)\)`),
		"a plural in brackets: give the sentence its singular (key_one, Catalog.N)", read},
	{"en", regexp.MustCompile(`(?i)\blast\b[^.;:!?]*\bago\b`),
		`"last" and "ago" at once: write "most recently … ago"`, read},
	{"en", regexp.MustCompile(`[ \x{a0}\x{202f}][:;?!]`),
		"a space before a colon, semicolon, question or exclamation mark is French typography", read},
	{"fr", regexp.MustCompile(`(?:^|[^ \n])[:;?!]`),
		"no space before : ; ? or !: French writes one (a plain space, as the house does)", read},
	{"fr", regexp.MustCompile(`[\x{a0}\x{202f}][:;?!]`),
		"a non-breaking space before : ; ? or !: the house writes a plain one", read},
	{"fr", regexp.MustCompile(`(?i)(?:^|\P{L})(?:(?:tu|te|toi|ton|ta|tes)(?:\P{L}|$)|t')`),
		"tutoiement: Praxis says vous to everyone", read},
	{"fr", regexp.MustCompile(`’`), "a typographic apostrophe: the house writes straight ones (l'aide)", read},
	{"fr", regexp.MustCompile(`"`), "straight double quotes: French writes « guillemets »", written},
	{"fr", regexp.MustCompile(`«[^ ]|[^ ]»`), "« guillemets » take a space inside", read},
}

// markup is what punctuation rules leave alone: Slack's :emoji_codes:,
// <…> references and links, entities, clock times (09:00) and URLs.
var markup = regexp.MustCompile(`:[a-z0-9_+-]+:|<[^>]*>|&[a-z]+;|\d\d:\d\d|https?://\S+`)

// readerProblems lists what is wrong with out, the sentence s of lang
// rendered with sample values.
func readerProblems(lang, s, out string) []string {
	var problems []string
	text := markup.ReplaceAllString(out, "M")
	for _, r := range readerRules {
		if r.lang != "" && r.lang != lang {
			continue
		}
		in := map[reads]string{read: text, shown: out, written: s}[r.on]
		if m := r.re.FindString(in); m != "" {
			problems = append(problems, fmt.Sprintf("%s (at %q)", r.says, m))
		}
	}
	return problems
}

// count is a count placeholder followed by a word: "%d members", "%d
// autres communautés". Such a sentence needs its singular (key_one, told
// apart by Catalog.N with CLDR's rules), or a reason below why its count
// is never one.
var count = regexp.MustCompile(`%(?:\[\d+\])?d (?:more )?(\p{L}+)`)

// notNouns are the words after a count that do not agree with it: "3 of
// 5", "3 sur 5", "dont 3 avec leur texte".
var notNouns = map[string]bool{
	"of": true, "to": true, "with": true, "in": true, "more": true,
	"sur": true, "de": true, "avec": true, "dans": true, "par": true,
}

// countsAboveOne are the sentences with a count that is never one, by file
// and key, and why.
var countsAboveOne = map[string]string{
	"bot/expert/explain.go days":                          "Ago says days from 2 to 13 (1 is yesterday)",
	"bot/expert/explain.go weeks":                         "Ago says weeks from 2 to 8",
	"bot/expert/explain.go months":                        "Ago says months from 2 to 12",
	"bot/expert/explain.go answered_most":                 "only for more than one answer (answered takes the others)",
	"bot/expert/explain.go discuss_most":                  "only for more than one thread (discussed takes the others)",
	"bot/dispatch/throttle.go slow":                       "the count is ThrottleRate, a constant above one",
	"bot/report/render/catalog_act.go open.count":         "open.one and open.zero take one and none",
	"bot/report/render/catalog_act.go open.count_one_new": "open.one and open.zero take one and none",
	"bot/report/render/catalog_act.go open.count_no_new":  "open.one and open.zero take one and none",
	"bot/report/render/catalog_sponsor.go sponsor.chunk": "positions in a list of more than three communities, " +
		"shown only then",
}

// pluralProblem says what is wrong with key's plural forms in c: a
// singular (key_one) without its plural, or a count followed by a noun
// with no singular to tell one apart.
func pluralProblem(c catalog, key string) string {
	if base, ok := strings.CutSuffix(key, "_one"); ok {
		if _, ok := c.text["en"][base]; !ok {
			return fmt.Sprintf("a singular without its plural %q (Catalog.N falls back to it)", base)
		}
		return ""
	}
	if _, ok := c.text["en"][key+"_one"]; ok {
		return ""
	}
	if _, ok := countsAboveOne[c.file+" "+key]; ok {
		return ""
	}
	for _, lang := range Languages {
		for _, m := range count.FindAllStringSubmatch(c.text[lang][key], -1) {
			if !notNouns[m[1]] {
				return fmt.Sprintf("%s: %q counts without a singular: add %s_one (Catalog.N), "+
					"or say in countsAboveOne why the count is never one", lang, m[0], key)
			}
		}
	}
	return ""
}

// TestReaderRulesCatch runs the reader's rules on sentences that break
// them, so that TestRenderedCatalogs cannot pass by checking nothing.
func TestReaderRulesCatch(t *testing.T) {
	for _, tc := range []struct{ lang, s, want string }{
		{"en", "answered %z questions", "formatting artefact"},
		{"en", "answered 3 questions, last 5 weeks ago", `"last" and "ago"`},
		{"en", "Done : saved", "French typography"},
		{"en", "50%%", "placeholder left"},
		{"fr", "C'est fait: enregistré", "no space before"},
		{"fr", "C'est fait\u00a0: enregistré", "non-breaking space"},
		{"fr", "Qui s’y connaît ?", "typographic apostrophe"},
		{"fr", "Je peux t'aider si tu veux.", "tutoiement"},
		{"fr", `Aucune communauté "%s" ici.`, "straight double quotes"},
		{"fr", "Dites «bonjour» ici.", "guillemets"},
		{"fr", "et 3 de plus...", "three dots"},
		{"fr", "3 question(s) posée(s)", "plural in brackets"},
	} {
		got := strings.Join(readerProblems(tc.lang, tc.s, render(tc.s, false)), "; ")
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s %q: got problems %q, want one saying %q", tc.lang, tc.s, got, tc.want)
		}
	}
	for _, s := range []string{":wave: Bienvenue dans *%s* !", "Permanence à 09:00 : <https://x.y/a?b=c|lien>"} {
		if got := readerProblems("fr", s, render(s, false)); len(got) != 0 {
			t.Errorf("%q: got problems %q, want none", s, got)
		}
	}
	c := catalog{file: "x.go", text: map[string]map[string]string{
		"en": {"a": "%d members", "b_one": "one", "c": "%d of %d", "d": "%d more communities"},
		"fr": {"a": "%d membres", "b_one": "un", "c": "%d sur %d", "d": "%d autres communautés"},
	}}
	for key, want := range map[string]string{"a": "add a_one", "b_one": "without its plural", "c": "", "d": "add d_one"} {
		if got := pluralProblem(c, key); want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want %q in it", key, got, want)
		}
	}
}
