package dispatch_test

import (
	"testing"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/internal/testkit"
)

// Only a contribution in a community's channel is applied apart from the
// other shards' events: what touches what all channels share is not.
func TestContributionIsAChannelsOwn(t *testing.T) {
	apart := dispatch.Contribution(testkit.Directory(map[string]string{"C1": "Security"}))
	for _, c := range []struct {
		ev   bot.Event
		want bool
	}{
		{bot.Event{Kind: bot.KindMessage, Channel: "C1"}, true},
		{bot.Event{Kind: bot.KindReactionAdded, Channel: "C1"}, true},
		{bot.Event{Kind: bot.KindEdit, Channel: "C1"}, true},
		{bot.Event{Kind: bot.KindMessage, Channel: "C9"}, false}, // not a community's
		{bot.Event{Kind: bot.KindDirect, Channel: "D1"}, false},
		{bot.Event{Kind: bot.KindMention, Channel: "C1"}, false},
		{bot.Event{Kind: bot.KindCommand, Channel: "C1"}, false},
		{bot.Event{Kind: bot.KindAction, Channel: "C1"}, false},
		{bot.Event{Kind: bot.KindJoin, Channel: "C1"}, false},
		{bot.Event{Kind: bot.KindMemberChange}, false},
	} {
		if got := apart(c.ev); got != c.want {
			t.Errorf("Contribution(%s in %s) = %v, want %v", c.ev.Kind, c.ev.Channel, got, c.want)
		}
	}
}
