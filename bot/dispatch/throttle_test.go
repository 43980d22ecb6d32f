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
	"praxis/internal/testkit"
	"praxis/store"
)

// counter is a request handler that counts what reaches it; the
// preparation of fail's requests fails.
type counter struct {
	prepared, applied map[string]int
	fail              string
}

func (c *counter) Prepare(_ context.Context, ev bot.Event) (Step, error) {
	if ev.User == c.fail && c.fail != "" {
		return nil, fmt.Errorf("not prepared")
	}
	c.prepared[ev.User]++
	return func(context.Context, *store.Tx) error {
		c.applied[ev.User]++
		return nil
	}, nil
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
	d := bot.Deps{Now: func() time.Time { return now }, Metrics: m}
	th := NewThrottle(next, testkit.Directory(map[string]string{"C1": "Security"}), d)
	seq := 0
	send := func(kind bot.Kind, user string) {
		t.Helper()
		seq++
		ev := bot.Event{
			ID:      fmt.Sprintf("Ev%d", seq),
			Kind:    kind,
			User:    user,
			Channel: "C1",
			Command: bot.Command{Name: "/praxis", Text: "help"},
		}
		step, err := th.Prepare(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // applied again (a batch retried one by one): the same decision
			if err := st.Batch(ctx, func(tx *store.Tx) error { return step.Run(ctx, tx) }); err != nil {
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
		t.Fatalf("got applied %v, prepared %v; want U1's first %d requests and their message, and U2's",
			next.applied, next.prepared, ThrottleBurst)
	}
	counts, _ := st.OutboxCounts(ctx)
	if counts[store.OutPending] != 1 || testutil.ToFloat64(m.RequestsThrottled) != 5 {
		t.Fatalf("got outbox %v and %v dropped, want one slow-down DM and 5 requests dropped",
			counts, testutil.ToFloat64(m.RequestsThrottled))
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

// A request whose preparation fails is not counted against its member:
// it is counted when it is tried again and prepared.
func TestThrottleCountsOnlyPreparedRequests(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	next := &counter{prepared: map[string]int{}, applied: map[string]int{}, fail: "U1"}
	m := metrics.New()
	d := bot.Deps{Now: func() time.Time { return now }, Metrics: m}
	th := NewThrottle(next, testkit.Directory(map[string]string{"C1": "Security"}), d)
	ev := func(i int) bot.Event {
		return bot.Event{ID: fmt.Sprintf("Ev%d", i), Kind: bot.KindCommand, User: "U1", Channel: "C1"}
	}
	for i := range 3 * ThrottleBurst {
		if _, err := th.Prepare(ctx, ev(i)); err == nil {
			t.Fatal("got no error, want next's")
		}
	}
	next.fail = ""
	for i := range ThrottleBurst {
		step, err := th.Prepare(ctx, ev(i))
		if err != nil || step == nil {
			t.Fatalf("request %d: got %v, %v; want it prepared", i, step, err)
		}
	}
	if next.prepared["U1"] != ThrottleBurst || testutil.ToFloat64(m.RequestsThrottled) != 0 {
		t.Fatalf("got %d prepared, %v dropped; want the whole burst prepared, none dropped",
			next.prepared["U1"], testutil.ToFloat64(m.RequestsThrottled))
	}
	if _, err := th.Prepare(ctx, ev(99)); err != nil || next.prepared["U1"] != ThrottleBurst {
		t.Fatalf("got %v and %d prepared, want the next request over the limit", err, next.prepared["U1"])
	}
}

func TestThrottleCatalog(t *testing.T) {
	if p := throttleCatalog.Problems(); len(p) > 0 {
		t.Fatal(p)
	}
}
