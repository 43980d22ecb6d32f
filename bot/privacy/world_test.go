package privacy

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/schedule"
	"praxis/internal/testkit"
	"praxis/store"
)

var start = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// world is a store on a clock the test moves, in a file whose bytes the
// test can read, and a Privacy over it.
type world struct {
	st    *store.Store
	path  string // the database file
	clock *testkit.Clock
	priv  *Privacy
}

func newWorld(t *testing.T, retention time.Duration) *world {
	t.Helper()
	w := &world{path: filepath.Join(t.TempDir(), "p.db"), clock: testkit.NewClock(start)}
	w.st = testkit.StoreAt(t, w.path, w.clock.Now)
	w.priv = New(w.st, bot.Deps{Now: w.clock.Now}, Options{Retention: retention})
	testkit.Member(t, w.st, store.Member{ID: "U01", Name: "alice", RealName: "Alice Martin"}, "C01")
	testkit.Member(t, w.st, store.Member{ID: "U02", Name: "bob", RealName: "Bob Durand"}, "C01")
	return w
}

// history: alice and bob each post, and react to the other.
func (w *world) history(t *testing.T) {
	t.Helper()
	w.post(t, "U01", 0, "how do we rotate the zebrakms keys?")
	w.post(t, "U02", 1, "with the quokka runbook")
	w.react(t, "U01", 1)
	w.react(t, "U02", 0)
}

// post records user's message in C01 at minute i after start.
func (w *world) post(t *testing.T, user string, i int, text string) {
	t.Helper()
	testkit.Post(t, w.st, "C01", user, "", text, start.Add(time.Duration(i)*time.Minute))
}

// react records user's reaction to the message of minute i in C01.
func (w *world) react(t *testing.T, user string, i int) {
	t.Helper()
	testkit.Do(t, w.st, func(tx *store.Tx) error {
		return tx.AddReaction(context.Background(), store.Reaction{ChannelID: "C01", MessageTS: ts(i), UserID: user,
			Name: "tada", At: start.Add(time.Duration(i+2) * time.Minute)})
	})
}

// ts is the Slack ts of the message of minute i after start.
func ts(i int) string { return testkit.TS(start.Add(time.Duration(i) * time.Minute)) }

// periodAt is the scheduler's period for a run at `at`.
func periodAt(at time.Time) schedule.Period {
	return schedule.Period{Key: at.UTC().Format(time.RFC3339), At: at, Prev: at.Add(-time.Hour)}
}
