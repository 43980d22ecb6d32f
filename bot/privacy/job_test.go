package privacy

import (
	"context"
	"strings"
	"testing"
	"time"

	"praxis/internal/dbbytes"
	"praxis/store"
	"praxis/store/terms"
)

func TestRetentionJob(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, 30*24*time.Hour)
	w.history(t)
	job := w.priv.Job()
	if job.Name != JobName || job.Spec != "30 * * * *" {
		t.Fatalf("got job %+v", job)
	}
	// A month less a minute later: nothing is old enough.
	at := start.Add(30*24*time.Hour - time.Minute)
	w.clock.Set(at)
	if err := job.Fn(ctx, periodAt(at)); err != nil {
		t.Fatal(err)
	}
	if n := withText(t, w.st); n != 2 {
		t.Fatalf("got %d messages with text, want both kept", n)
	}
	// Two minutes later alice's message is a month old, bob's not yet.
	at = at.Add(90 * time.Second)
	w.clock.Set(at)
	if err := job.Fn(ctx, periodAt(at)); err != nil {
		t.Fatal(err)
	}
	if m, _ := w.st.MessageByTS(ctx, "C01", ts(0)); m.Text != "" || m.UserID != "U01" {
		t.Errorf("got %+v, want alice's old message without text, still hers and counted", m)
	}
	if m, _ := w.st.MessageByTS(ctx, "C01", ts(1)); m.Text == "" {
		t.Errorf("bob's message lost its text too early")
	}
	if st, _ := w.st.Stats(ctx); st.Messages != 2 || st.Reactions != 2 {
		t.Errorf("got %+v, want the aggregates kept", st)
	}
	if hits, _ := w.st.Search(ctx, "zebrakms", 5); len(hits) != 0 {
		t.Errorf("the index still finds an erased message")
	}
	// Replayed (a retry of the same period): nothing changes.
	if err := job.Fn(ctx, periodAt(at)); err != nil {
		t.Fatal(err)
	}
	if n := withText(t, w.st); n != 1 {
		t.Errorf("got %d messages with text, want bob's", n)
	}
	if err := w.st.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
}

func withText(t *testing.T, st *store.Store) int {
	t.Helper()
	n := 0
	for _, i := range []int{0, 1} {
		m, err := st.MessageByTS(context.Background(), "C01", ts(i))
		if err != nil {
			t.Fatal(err)
		}
		if m.Text != "" {
			n++
		}
	}
	return n
}

// The retention job erases the bytes of what it erases.
func TestRetentionJobErasesTheBytes(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, 30*24*time.Hour)
	w.post(t, "U01", 0, "how do we rotate the Zebrakms keys?")
	later := start.Add(40 * 24 * time.Hour)
	w.clock.Set(later)
	w.post(t, "U02", 40*24*60, "with the Quokka runbook")
	old := []string{"Zebrakms", terms.Index("Zebrakms")}
	if found := w.holding(t, old...); len(found) != len(old) {
		t.Fatalf("before: found only %v: the test would prove nothing", found)
	}
	if err := w.priv.Job().Fn(ctx, periodAt(later)); err != nil {
		t.Fatal(err)
	}
	if found := w.holding(t, old...); len(found) > 0 {
		t.Errorf("after the retention job, the database's bytes still hold:\n%s", strings.Join(found, "\n"))
	}
	if found := w.holding(t, "Quokka"); len(found) == 0 {
		t.Error("the recent message's words are gone too")
	}
}

// holding is what `strings` finds of the markers in the world's database
// files.
func (w *world) holding(t *testing.T, markers ...string) []string {
	t.Helper()
	found, err := dbbytes.Holding(w.path, markers...)
	if err != nil {
		t.Fatal(err)
	}
	return found
}
