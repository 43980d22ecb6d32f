package i18n

import (
	"slices"
	"testing"
)

func TestProblems(t *testing.T) {
	c := Catalog{
		"en": {"a": "hello %s", "b": "%d items", "c": "only English"},
		"fr": {"a": "bonjour %s", "b": "%s éléments", "d": "seulement en français"},
	}
	want := []string{
		`fr/b: placeholders [%s], want [%d]`,
		`fr: key "d" is not in English`,
		`fr: missing key "c"`,
	}
	if got := c.Problems(); !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := c.T("fr-FR", "a", "Léa"); got != "bonjour Léa" {
		t.Fatalf("got %q", got)
	}
	if got := c.T("de", "c"); got != "only English" {
		t.Fatalf("got %q, want the English fallback", got)
	}
	if got := c.T("fr", "c"); got != "only English" {
		t.Fatalf("got %q, want the English fallback for a missing key", got)
	}
}
