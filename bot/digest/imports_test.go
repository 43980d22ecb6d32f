package digest

import (
	"testing"

	"praxis/internal/testkit"
)

// TestCoreLeavesSlackToTheEdge keeps this package the digests' model and
// computation: sending (the outbox), handling (dispatch, the route table)
// and Block Kit (slack-go) are bot/digest/slackedge's.
func TestCoreLeavesSlackToTheEdge(t *testing.T) {
	for _, p := range testkit.EdgeImports(t, "praxis/bot/digest") {
		t.Errorf("bot/digest imports %s: that belongs in bot/digest/slackedge", p)
	}
}
