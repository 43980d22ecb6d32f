package slackedge

import (
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/digest"
	"praxis/bot/digest/digesttest"
	"praxis/bot/schedule"
	"praxis/internal/testkit"
	"praxis/store"
)

// utc and ts are testkit's, weekFrom and weekTo the week digesttest's
// world is seeded with, by short names: these tests name many instants and
// messages.
var (
	utc      = testkit.UTC
	ts       = testkit.TS
	weekFrom = digesttest.WeekFrom
	weekTo   = digesttest.WeekTo
)

// digests is the digests' pieces over a world's store, wired as app.New
// wires them: the Sender, with the Reader and the Planner it sends with.
type digests struct {
	*Sender
	reader *digest.Reader
	plans  *digest.Planner
}

func newDigests(w *digesttest.World, d bot.Deps, opts digest.Options) digests {
	r := digest.NewReader(w.St, d, opts)
	p := digest.NewPlanner(r)
	return digests{Sender: NewSender(w.St, r, p, d), reader: r, plans: p}
}

// hour is the scheduler's period of the hour starting at at.
func hour(at time.Time) schedule.Period {
	return schedule.Period{Key: at.Format(time.RFC3339), At: at, Prev: at.Add(-time.Hour)}
}

// requests sends members' requests to the digest's routes, through a
// command.Responder over dir as app.New wires it, each applied in a
// transaction.
func requests(t *testing.T, w *digesttest.World, dir *bot.Directory) func(ev bot.Event) {
	t.Helper()
	resp, err := command.New(w.St, dir, NewPrefs(w.St, dir).Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	return func(ev bot.Event) {
		t.Helper()
		step, err := resp.Prepare(w.Ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		w.Do(func(tx *store.Tx) error { return step.Run(w.Ctx, tx) })
	}
}
