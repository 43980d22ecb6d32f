package dispatch

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/store"
)

// counter is a request handler that counts what reaches it.
type counter struct{ prepared, applied map[string]int }

func (c *counter) Prepare(_ context.Context, ev bot.Event) { c.prepared[ev.User]++ }
func (c *counter) Apply(_ context.Context, ev bot.Event, _ *store.Tx) error {
	c.applied[ev.User]++
	return nil
}

// A member's burst of requests beyond the limit is dropped, with one
// "slow down" DM a minute; their contributions, and other members, are not
// touched; the limit refills with time.
func TestThrottle(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	next := &counter{prepared: map[string]int{}, applied: map[string]int{}}
	m := metrics.New()
	th := NewThrottle(next, st, m, func() time.Time { return now })
	seq := 0
	send := func(kind bot.Kind, user string) {
		t.Helper()
		seq++
		ev := bot.Event{ID: fmt.Sprintf("Ev%d", seq), Kind: kind, User: user, Channel: "C1", Command: bot.Command{Name: "/praxis", Text: "help"}}
		th.Prepare(ctx, ev)
		for range 2 { // applied again (a batch retried one by one): the same decision
			if err := st.Batch(ctx, func(tx *store.Tx) error { return th.Apply(ctx, ev, tx) }); err != nil {
				t.Fatal(err)
			}
		}
	}
	for range 15 {
		send(bot.KindCommand, "U1")
	}
	send(bot.KindMessage, "U1") // a contribution: never throttled
	send(bot.KindCommand, "U2")
	send(bot.KindMention, "") // a request from nobody: no one to answer
	send(bot.KindMessage, "") // a contribution from nobody (a bot's): recorded as ever
	if next.applied[""] != 2 || next.prepared[""] != 1 {
		t.Fatalf("from nobody: got applied %d, prepared %d; want only the contribution", next.applied[""], next.prepared[""])
	}
	if next.applied["U1"] != 2*(ThrottleBurst+1) || next.prepared["U1"] != ThrottleBurst+1 || next.applied["U2"] != 2 {
		t.Fatalf("got applied %v, prepared %v; want U1's first %d requests and their message, and U2's", next.applied, next.prepared, ThrottleBurst)
	}
	counts, _ := st.OutboxCounts(ctx)
	if counts[store.OutPending] != 1 || testutil.ToFloat64(m.RequestsThrottled) != 5 {
		t.Fatalf("got outbox %v and %v dropped, want one slow-down DM and 5 requests dropped", counts, testutil.ToFloat64(m.RequestsThrottled))
	}
	if _, err := st.OutboxByKey(ctx, "slow:U1:2026-11-27T10:00"); err != nil {
		t.Fatalf("slow-down DM: %v", err)
	}
	now = now.Add(30 * time.Second) // 20 a minute: 10 more
	for range 12 {
		send(bot.KindCommand, "U1")
	}
	if next.prepared["U1"] != ThrottleBurst+1+10 {
		t.Fatalf("got %d prepared after 30 s, want 10 more", next.prepared["U1"])
	}
}

func TestThrottleCatalog(t *testing.T) {
	if p := throttleCatalog.Problems(); len(p) > 0 {
		t.Fatal(p)
	}
}
