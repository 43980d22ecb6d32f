// Package i18n holds Praxis's sentences in English and French. Each part of
// the bot keeps its own Catalog; a test per catalog (Problems) checks that
// every key exists in both languages with the same placeholders.
package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Languages are the languages Praxis speaks; the first is the fallback.
var Languages = []string{"en", "fr"}

// Catalog maps a language to its sentences by key.
type Catalog map[string]map[string]string

// T returns the sentence key in lang (English when lang or the key is
// unknown), formatted with args.
func (c Catalog) T(lang, key string, args ...any) string {
	s, ok := c[Lang(lang)][key]
	if !ok {
		s = c["en"][key]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Lang maps a Slack locale ("fr-FR", "en-US") or a language to one Praxis
// speaks: fr or en.
func Lang(locale string) string {
	if strings.HasPrefix(strings.ToLower(locale), "fr") {
		return "fr"
	}
	return "en"
}

var verbs = regexp.MustCompile(`%[-+# 0-9.]*(\[\d+\])?[a-zA-Z%]`)

// Problems lists what is missing or inconsistent: a key absent from a
// language, or placeholders that differ from the English ones.
func (c Catalog) Problems() []string {
	var out []string
	for _, lang := range Languages {
		sentences, ok := c[lang]
		if !ok {
			out = append(out, "missing language "+lang)
			continue
		}
		for key, en := range c["en"] {
			s, ok := sentences[key]
			if !ok {
				out = append(out, fmt.Sprintf("%s: missing key %q", lang, key))
				continue
			}
			if got, want := verbs.FindAllString(s, -1), verbs.FindAllString(en, -1); !slices.Equal(got, want) {
				out = append(out, fmt.Sprintf("%s/%s: placeholders %v, want %v", lang, key, got, want))
			}
		}
		for key := range sentences {
			if _, ok := c["en"][key]; !ok {
				out = append(out, fmt.Sprintf("%s: key %q is not in English", lang, key))
			}
		}
	}
	sort.Strings(out)
	return out
}
