package slackedge

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/bot/expert"
	"praxis/store"
)

// An unanswered question that the history matches only weakly (a word of
// it, "kubernetes", where bob and dave answered pod questions) is not worth
// a ping: the router invites nobody, and the facilitators are told that
// nobody was. A question the history matches well invites its experts
// (TestRouterInvitesExpertsThenTellsFacilitators).
func TestRouterInvitesNobodyOnAWeakMatch(t *testing.T) {
	ctx := context.Background()
	w, e, tr, r := routeRig(t)
	asked := time.Date(2026, 11, 9, 10, 0, 0, 0, time.UTC) // Monday
	ts := fmt.Sprintf("%d.000100", asked.Unix())
	text := "How do we rotate kubernetes secrets with the sealed secrets operator?"
	apply(t, w.St, tr, msg("C1", "UFRANK", ts, "", text))
	// What the router asks the engine (Router.route).
	res, err := e.Rank(ctx, expert.Query{Text: text, Asker: "UFRANK", ShownIn: "C1", Channel: "C1", ThreadTS: ts,
		Limit: 8, Available: true, Now: asked.Add(5 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	var answered []string
	for _, c := range res.Experts {
		if c.Answered > 0 {
			answered = append(answered, c.User)
		}
		if !c.Weak {
			t.Fatalf("%s: a strong match, want every match weak for the test to mean something", c.User)
		}
	}
	if len(answered) == 0 {
		t.Fatalf("got %v, want people who answered threads with a word of the question", users(res))
	}

	if err := r.Tick(ctx, asked.Add(5*time.Hour)); err != nil { // 15:00: 5 working hours
		t.Fatal(err)
	}
	if q, _ := w.St.QuestionByTS(ctx, "C1", ts); q.RoutedAt.IsZero() {
		t.Fatal("want the question's routing done (with nobody to invite)")
	}
	if _, err := w.St.OutboxByKey(ctx, "route:C1:"+ts); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want no invitation on a weak match (%v answered threads with one of its words)",
			err, answered)
	}
	if pinged, _ := w.St.Pinged(ctx, "C1", ts); len(pinged) != 0 {
		t.Fatalf("got pings %v, want nobody invited", pinged)
	}
	if err := r.Tick(ctx, time.Date(2026, 11, 10, 13, 0, 0, 0, time.UTC)); err != nil { // 12 working hours
		t.Fatal(err)
	}
	if _, m := outText(t, w.St, "escalate:C1:"+ts+":UHUGO"); strings.Contains(m.Text, "<@UBOB>") ||
		strings.Contains(m.Text, "<@UDAVE>") {
		t.Fatalf("got %q, want the facilitators told that nobody was invited", m.Text)
	}
}
