// Package quotetest is the message every surface's golden test quotes: a
// stored Slack text with entities, a labelled link, a mention, a channel
// link, a link whose label is a channel link and a broadcast, and a
// community whose configured name holds Slack's three special characters.
// Check tells whether a rendering shows them as members should see them.
package quotetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"praxis/store"
)

// Text is the message as Slack delivers it and Praxis stores it.
const Text = "Deploy to &lt;prod&gt; &amp; staging? See <https://wiki.example.com/x|the wiki page>, " +
	"cc <@" + Member + "> in <#" + Channel + "|platform-guild>, <https://acme.slack.com/archives/" + Channel +
	"/p1700000000000100|<#" + Channel + ">> <!here>"

// The mentioned member and channel, and the names quotes show for them.
const (
	Member      = "U0QI1QSP8Y"
	MemberName  = "Alice Martin"
	Channel     = "C04F1XTX04"
	ChannelName = "platform-guild"
)

// Community is a configured community's name; Escaped is how Slack text
// writes it.
const (
	Community = "Security & Privacy <guild>"
	Escaped   = "Security &amp; Privacy &lt;guild&gt;"
)

// Seed stores the mentioned member and channel's names.
func Seed(ctx context.Context, t testing.TB, st *store.Store) {
	t.Helper()
	if err := st.ImportMembers(ctx, []store.Member{{ID: Member, Name: "alice", RealName: MemberName}}); err != nil {
		t.Fatal(err)
	}
	rename := func(tx *store.Tx) error { return tx.RenameChannel(ctx, Channel, ChannelName, time.Time{}) }
	if err := st.Batch(ctx, rename); err != nil {
		t.Fatal(err)
	}
}

// Check fails t when out, a rendered Slack text, shows Slack's markup as
// text (entities escaped twice, a link or mention escaped), could notify
// someone from the quote, or writes the community's name raw.
func Check(t testing.TB, out string) {
	t.Helper()
	for _, bad := range []string{"&amp;lt;", "&amp;gt;", "&amp;amp;", "&lt;https", "&lt;@", "&lt;#", "&lt;!",
		"<@" + Member, "<!here>", "|<#", Community} {
		if strings.Contains(out, bad) {
			t.Errorf("rendered text holds %q:\n%s", bad, out)
		}
	}
}
