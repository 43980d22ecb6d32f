package testkit

import (
	"slices"
	"testing"
)

// edgeOnly catches the Slack SDK and its sub-packages, the outbox, the
// dispatcher and the route table, and lets the store, the core's own
// packages and look-alike names pass.
func TestEdgeOnlyCatches(t *testing.T) {
	imports := []string{
		"context", "praxis/bot", "praxis/store", "github.com/slack-go/slack/slackevents",
		"praxis/bot/outbox", "praxis/bot/outboxes", "praxis/bot/dispatch", "praxis/bot/commander",
		"praxis/bot/command", "praxis/bot/expert",
	}
	want := []string{
		"github.com/slack-go/slack/slackevents", "praxis/bot/outbox", "praxis/bot/dispatch", "praxis/bot/command",
	}
	if got := edgeOnly(imports); !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
