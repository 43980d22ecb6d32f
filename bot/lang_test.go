package bot

import (
	"context"
	"errors"
	"testing"
)

// The language a member reads, most specific first: their choice, their
// Slack locale, the channel's community, their first community, the
// workspace's.
func TestPick(t *testing.T) {
	d := testDirectory() // Security guild (C1, C2) in English, Guilde data (C3) in French; English by default
	d.fallback.Language = "fr"
	for _, c := range []struct {
		name    string
		r       Reader
		channel string
		want    string
	}{
		{"their choice first", Reader{Chosen: "en", Locale: "fr-FR", Channels: []string{"C3"}}, "C3", "en"},
		{"their Slack locale", Reader{Locale: "en-GB", Channels: []string{"C3"}}, "C3", "en"},
		{"a French locale", Reader{Locale: "fr-CA"}, "C1", "fr"},
		{"the channel's community", Reader{Channels: []string{"C3"}}, "C1", "en"},
		{"their first community, in a DM", Reader{Channels: []string{"C3", "C9"}}, "D1", "fr"},
		{"the first in the configuration's order", Reader{Channels: []string{"C3", "C2"}}, "", "en"},
		{"the workspace's", Reader{Channels: []string{"C9"}}, "D1", "fr"},
	} {
		if got := d.Pick(c.r, c.channel); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
}

// Lang reads the member through the directory's People; one it cannot
// read is one Praxis knows nothing of.
func TestLangReadsPeople(t *testing.T) {
	d := testDirectory()
	d.people = func(_ context.Context, member string) (Reader, error) {
		if member == "U1" {
			return Reader{Channels: []string{"C3"}}, nil
		}
		return Reader{Locale: "fr-FR"}, errors.New("store down")
	}
	if got := d.Lang(context.Background(), "U1", "D1"); got != "fr" {
		t.Errorf("got %s, want fr: U1 is in the French community", got)
	}
	if got := d.Lang(context.Background(), "U2", "C1"); got != "en" {
		t.Errorf("got %s, want en: U2 could not be read, C1 is English", got)
	}
}
