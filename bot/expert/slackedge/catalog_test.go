package slackedge

import (
	"strings"
	"testing"

	"praxis/bot/i18n"
)

// Every sentence exists in English and French with the same placeholders.
func TestCatalogsComplete(t *testing.T) {
	for name, c := range map[string]i18n.Catalog{"answers": askCatalog, "routing": routeCatalog} {
		for _, p := range c.Problems() {
			t.Errorf("%s: %s", name, p)
		}
	}
}

func TestAskPatternReadsPlainWords(t *testing.T) {
	for in, want := range map[string]string{
		"who knows about terraform state locks?": "terraform state locks?",
		"Who can help with helm charts":          "helm charts",
		"qui connaît les sauvegardes Postgres ?": "les sauvegardes Postgres ?",
		"qui s'y connaît en Kubernetes":          "Kubernetes",
		"qui peut m'aider sur le SSO ?":          "le SSO ?",
		"any experts on vault?":                  "vault?",
		"qui s’y connaît en SAML ?":              "SAML ?",
	} {
		m := askPattern.FindStringSubmatch(in)
		if m == nil || m[1] != want {
			t.Errorf("%q: got %v, want %q", in, m, want)
		}
	}
	for _, in := range []string{"status", "help", "the team knows who to ask"} {
		if askPattern.MatchString(in) {
			t.Errorf("%q read as an expert request", in)
		}
	}
}

// FuzzAskPattern puts arbitrary text to the plain-words reader: it never
// panics, and what it reads as the question is the end of the text.
func FuzzAskPattern(f *testing.F) {
	for _, s := range []string{
		"terraform", "", "???", "\xff\xfe", "who knows about \"NEAR(a b)\" OR *",
		strings.Repeat("déploiement ", 4000), "<@UBOB> <#C1|x> :emoji:", "qui s’y connaît en SAML ?",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if m := askPattern.FindStringSubmatch(text); m != nil && !strings.HasSuffix(text, m[1]) {
			t.Fatalf("%q: read %q, not the end of the text", text, m[1])
		}
	})
}
