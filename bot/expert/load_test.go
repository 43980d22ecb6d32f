package expert

import (
	"context"
	"reflect"
	"testing"
	"time"

	"praxis/bot"
)

// The index holds at most MaxThreads threads, the most recent ones.
func TestIndexHoldsTheMostRecentThreads(t *testing.T) {
	w := newWorld(t)
	var asked []string
	for i := range 12 {
		question := "how do we rotate the kms keys in region " + string(rune('a'+i)) + "?"
		asked = append(asked, w.QA("C1", "alice", question, false, "bob", "with the runbook"))
	}
	now := w.Now
	e := New(w.St, bot.Deps{Now: func() time.Time { return now }}, Options{MaxThreads: 5})
	if err := e.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, d := range e.ix.docs {
		if !d.dead {
			kept = append(kept, d.ts)
		}
	}
	if !reflect.DeepEqual(kept, asked[7:]) {
		t.Fatalf("got threads %v, want the 5 most recent %v", kept, asked[7:])
	}
}
