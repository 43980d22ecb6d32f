package expert

import (
	"testing"
	"time"

	"praxis/bot/i18n"
)

// Every sentence exists in English and French with the same placeholders.
func TestCatalogsComplete(t *testing.T) {
	for name, c := range map[string]i18n.Catalog{"reasons": catalog} {
		for _, p := range c.Problems() {
			t.Errorf("%s: %s", name, p)
		}
	}
}

func TestAgo(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		days   int
		en, fr string
	}{
		{0, "today", "aujourd'hui"},
		{1, "yesterday", "hier"},
		{9, "9 days ago", "il y a 9 jours"},
		{21, "3 weeks ago", "il y a 3 semaines"},
		{95, "3 months ago", "il y a 3 mois"},
		{400, "over a year ago", "il y a plus d'un an"},
	} {
		at := now.AddDate(0, 0, -c.days)
		if got := Ago("en", at, now); got != c.en {
			t.Errorf("%d days: got %q, want %q", c.days, got, c.en)
		}
		if got := Ago("fr", at, now); got != c.fr {
			t.Errorf("%d days: got %q, want %q", c.days, got, c.fr)
		}
	}
}

func TestPermalink(t *testing.T) {
	ref := ThreadRef{ChannelID: "C1", TS: "1700000000.000100"}
	if got := Permalink("https://acme.slack.com/", ref); got != "https://acme.slack.com/archives/C1/p1700000000000100" {
		t.Fatalf("got %s", got)
	}
	if got := Permalink("", ref); got != "https://slack.com/archives/C1/p1700000000000100" {
		t.Fatalf("got %s", got)
	}
}
