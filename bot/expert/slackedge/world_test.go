package slackedge

import (
	"context"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/internal/testkit"
)

// world is the tests' community, the expert engine's: testkit.ExpertWorld.
type world = testkit.ExpertWorld

func newWorld(t testing.TB) *world { return testkit.NewExpertWorld(t) }

// engine loads an engine on w following the store's commits, as app.New
// wires it.
func engine(w *world) *expert.Engine {
	w.T.Helper()
	now := w.Now
	e := expert.New(w.St, bot.Deps{Now: func() time.Time { return now }},
		expert.Options{Communities: testkit.ExpertCommunities()})
	w.St.OnCommit(e.Committed)
	if err := e.Load(context.Background()); err != nil {
		w.T.Fatal(err)
	}
	return e
}

// users are the people a result suggests, best first.
func users(r expert.Result) []string {
	var out []string
	for _, c := range r.Experts {
		out = append(out, c.User)
	}
	return out
}
