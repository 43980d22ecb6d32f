package slackedge

import (
	"slices"
	"testing"

	"praxis/bot/expert"
)

// A member who turns "suggest me as an expert" off on their Home is no
// longer suggested from that click on: expert finding hears of it from
// the store's commit, the Home's handler tells it nothing.
func TestSuggestOffFollowedByExpertFinding(t *testing.T) {
	w := newWorld(t)
	suggested := func() bool {
		t.Helper()
		res, err := w.eng.Rank(w.ctx, expert.Query{Text: "rotate vault tokens", Channel: "C01", Asker: "U03"})
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(res.Experts, func(c expert.Candidate) bool { return c.User == "U01" })
	}
	if !suggested() {
		t.Fatal("alice, who answered the vault question, is not suggested before she opts out")
	}
	w.act("U01", ActionSuggest, "off")
	if suggested() {
		t.Error("alice is still suggested after turning suggestions off on her Home")
	}
	w.act("U01", ActionSuggest, "on")
	if !suggested() {
		t.Error("alice is not suggested again after turning suggestions back on")
	}
}
