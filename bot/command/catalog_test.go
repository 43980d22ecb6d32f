package command

import (
	"regexp"
	"slices"
	"testing"
)

var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestCatalogComplete checks that every sentence exists in every language
// with the same placeholders in the same order.
func TestCatalogComplete(t *testing.T) {
	for lang, c := range catalog {
		for key, en := range catalog["en"] {
			s, ok := c[key]
			if !ok {
				t.Errorf("%s: missing key %q", lang, key)
				continue
			}
			if got, want := verbs.FindAllString(s, -1), verbs.FindAllString(en, -1); !slices.Equal(got, want) {
				t.Errorf("%s/%s: got placeholders %v, want %v", lang, key, got, want)
			}
		}
		for key := range c {
			if _, ok := catalog["en"][key]; !ok {
				t.Errorf("%s: key %q is not in English", lang, key)
			}
		}
	}
}

func TestStripMention(t *testing.T) {
	for in, want := range map[string]string{"<@UPRAXIS> status": "status", "  help ": "help", "<@U1>": "", "status <@U2>": "status <@U2>"} {
		if got := stripMention(in); got != want {
			t.Errorf("stripMention(%q) = %q, want %q", in, got, want)
		}
	}
}
