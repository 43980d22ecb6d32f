package bot

import (
	"slices"
	"testing"
)

// A link's label may hold markup (Slack writes <url|<#C…>> for a link to a
// message of a channel): the whole label is the link's title.
func TestLinks(t *testing.T) {
	got := Links("see <https://wiki.example.com/x|the wiki page>, " +
		"<https://acme.slack.com/archives/C1/p17|<#C1>> and https://x.example/y.")
	want := []Link{
		{URL: "https://wiki.example.com/x", Title: "the wiki page"},
		{URL: "https://acme.slack.com/archives/C1/p17", Title: "<#C1>"},
		{URL: "https://x.example/y"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}
