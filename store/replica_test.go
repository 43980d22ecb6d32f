package store

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"praxis/internal/pgtest"
)

// replicaClock is the replicas' shared clock, moved by hand.
type replicaClock struct{ ms atomic.Int64 }

func (c *replicaClock) now() time.Time          { return time.UnixMilli(c.ms.Load()).UTC() }
func (c *replicaClock) advance(d time.Duration) { c.ms.Add(d.Milliseconds()) }

// openReplicas opens n stores on one PostgreSQL database, as n processes
// of praxis run would, on one clock. Skipped without PostgreSQL.
func openReplicas(t *testing.T, n int) ([]*Store, *replicaClock) {
	t.Helper()
	c := &replicaClock{}
	c.ms.Store(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC).UnixMilli())
	return openOn(t, pgtest.Database(t), n, Options{Now: c.now}), c
}

// openOn opens n stores on the PostgreSQL database at url, as n processes
// would, closed when the test ends.
func openOn(t *testing.T, url string, n int, opts Options) []*Store {
	t.Helper()
	var out []*Store
	for range n {
		s, err := OpenPostgres(context.Background(), url, opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out = append(out, s)
	}
	return out
}

// beat runs a heartbeat of each store, in turn, and returns what each holds.
func beat(t *testing.T, ss ...*Store) [][]int {
	t.Helper()
	var held [][]int
	for _, s := range ss {
		h, err := s.Heartbeat(context.Background(), DefaultReplicaTTL)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, h)
	}
	return held
}

// checkSplit checks that the replicas hold every shard once, each its
// fair share: at most the shards divided among them rounded up (so the
// last may hold up to one fewer per other replica).
func checkSplit(t *testing.T, held [][]int) {
	t.Helper()
	seen := map[int]int{}
	for i, h := range held {
		n := len(held)
		fair := (Shards + n - 1) / n
		if len(h) < fair-(n-1) || len(h) > fair {
			t.Errorf("replica %d holds %d shards, want %d to %d: %v", i, len(h), fair-(n-1), fair, held)
		}
		for _, sh := range h {
			seen[sh]++
		}
	}
	for sh := range Shards {
		if seen[sh] != 1 {
			t.Errorf("shard %d held %d times, want once: %v", sh, seen[sh], held)
		}
	}
}

// Three replicas split the shards; one that stops being seen loses its
// shards to the others once its leases expire, and one that leaves gives
// them back at once.
func TestShardsSplitAmongReplicas(t *testing.T) {
	ss, clock := openReplicas(t, 3)
	ctx := context.Background()
	var held [][]int
	for range 3 { // a few rounds: the first replica takes all, then gives back
		clock.advance(DefaultReplicaTTL / 3)
		held = beat(t, ss...)
	}
	checkSplit(t, held)

	// The third dies: nobody takes its shards while its leases last.
	clock.advance(DefaultReplicaTTL / 3)
	if h := beat(t, ss[0], ss[1]); len(h[0])+len(h[1]) != len(held[0])+len(held[1]) {
		t.Errorf("shards taken before the dead replica's leases expired: %v", h)
	}
	clock.advance(DefaultReplicaTTL)
	for range 2 {
		clock.advance(DefaultReplicaTTL / 3)
		held = beat(t, ss[0], ss[1])
	}
	checkSplit(t, held)

	// The second leaves: the first takes every shard at its next beat.
	if err := ss[1].Leave(ctx); err != nil {
		t.Fatal(err)
	}
	clock.advance(DefaultReplicaTTL / 3)
	checkSplit(t, beat(t, ss[0]))
	rs, err := ss[0].Replicas(ctx, DefaultReplicaTTL)
	if err != nil || len(rs) != 1 || rs[0].ID != ss[0].ReplicaID() || len(rs[0].Shards) != Shards {
		t.Errorf("replicas seen: %+v, %v; want the first alone, holding every shard", rs, err)
	}
}

// A transaction applies what belongs to the shards its replica holds
// (Tx.Holds), whatever the replica last believed.
func TestTxHoldsReadsTheLease(t *testing.T) {
	ss, clock := openReplicas(t, 2)
	beat(t, ss...)
	clock.advance(DefaultReplicaTTL / 3)
	held := beat(t, ss...)
	sh := held[0][0]
	for i, s := range ss {
		err := s.Batch(context.Background(), func(tx *Tx) error {
			got, err := tx.Holds(context.Background(), sh)
			if want := i == 0; got != want {
				t.Errorf("replica %d: Holds(%d) = %v, want %v", i, sh, got, want)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// An outbox message is sent by the replica holding its channel's shard,
// claimed once; left "sending" by a replica that died, it is in doubt for
// the replica that takes the shard, and only then.
func TestOutboxMessageClaimedOnce(t *testing.T) {
	ss, clock := openReplicas(t, 2)
	ctx := context.Background()
	beat(t, ss...)
	clock.advance(DefaultReplicaTTL / 3)
	held := beat(t, ss...)
	channel := channelOfShard(held[0][0])
	if _, err := ss[0].Enqueue(ctx, OutMessage{Key: "k", Method: "chat.postMessage", ChannelID: channel,
		Payload: `{"text":"hi"}`}); err != nil {
		t.Fatal(err)
	}
	if due, err := ss[1].DueOutbox(ctx, 10); err != nil || len(due) != 0 {
		t.Fatalf("the other replica sees %d due, %v; want none (not its shard)", len(due), err)
	}
	due, err := ss[0].DueOutbox(ctx, 10)
	if err != nil || len(due) != 1 {
		t.Fatalf("holder sees %d due, %v; want 1", len(due), err)
	}
	if err := ss[0].MarkSending(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := ss[1].MarkSending(ctx, due[0].ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second claim: %v, want ErrNotFound", err)
	}
	if doubt, err := ss[0].InDoubtOutbox(ctx, DefaultReplicaTTL); err != nil || len(doubt) != 1 {
		t.Errorf("its sender sees %d in doubt, %v; want 1 (it may settle its own)", len(doubt), err)
	}
	// The first dies in the middle of the call; the second takes its shards.
	clock.advance(2 * DefaultReplicaTTL)
	beat(t, ss[1])
	clock.advance(DefaultReplicaTTL / 3)
	if h := beat(t, ss[1]); len(h[0]) != Shards {
		t.Fatalf("survivor holds %d shards, want all", len(h[0]))
	}
	doubt, err := ss[1].InDoubtOutbox(ctx, DefaultReplicaTTL)
	if err != nil || len(doubt) != 1 || doubt[0].Key != "k" {
		t.Fatalf("survivor sees in doubt %+v, %v; want the dead replica's message", doubt, err)
	}
}

// channelOfShard finds a channel id of shard.
func channelOfShard(shard int) string {
	for i := 0; ; i++ {
		c := "C" + string(rune('A'+i%26)) + string(rune('A'+i/26%26)) + string(rune('A'+i/676%26))
		if Shard(c) == shard {
			return c
		}
	}
}

// What one replica commits reaches the others' followers through the
// change log, once, in order; its own followers are told at commit, not
// again by the log. Storing an event wakes the others.
func TestChangeFeedTellsTheOtherReplicas(t *testing.T) {
	ss, _ := openReplicas(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mine, theirs := follow(ss[0]), follow(ss[1])
	var stored atomic.Int32
	var storedFrom atomic.Int64
	var wg sync.WaitGroup
	for _, s := range ss {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.FollowReplicas(ctx, func(from int64) {
				if from > 0 { // said from which row on, not "from the start" (0)
					storedFrom.Store(from)
				}
				stored.Add(1)
			}, func(err error) { t.Log(err) })
		}()
	}
	defer wg.Wait()
	defer cancel()
	for i, ts := range []string{"1.000100", "2.000100"} {
		err := ss[0].Batch(ctx, func(tx *Tx) error {
			return tx.PutMessage(ctx, Message{ChannelID: "C1", TS: ts, UserID: "U1", Text: "a",
				PostedAt: time.Unix(int64(i+1), 0)})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ss[0].Enqueue(ctx, OutMessage{Key: "k", Method: "chat.postMessage", ChannelID: "C1",
		Payload: `{}`}); err != nil {
		t.Fatal(err)
	}
	if err := ss[0].SetSuggestable(ctx, "U1", false); err != nil {
		t.Fatal(err)
	}
	if _, err := ss[0].PutInbox(ctx, []InboxItem{{EventID: "Ev1", Source: "socket", Payload: []byte(`{}`)},
		{EventID: "Ev2", Source: "socket", Payload: []byte(`{}`)}}); err != nil {
		t.Fatal(err)
	}
	want := Changes{Outbox: true, People: true, Messages: []MessageRef{{"C1", "1.000100"}, {"C1", "2.000100"}}}
	var got Changes
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, c := range theirs.take() {
			got.add(c)
		}
		if got.Outbox && got.People && len(got.Messages) >= 2 && storedFrom.Load() > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got.Outbox != want.Outbox || got.People != want.People || !slices.Equal(got.Messages, want.Messages) {
		t.Errorf("the other replica was told %+v, want %+v", got, want)
	}
	if stored.Load() == 0 {
		t.Error("storing an event woke no replica")
	}
	// The lowest row they were stored as, so that a dispatcher that read
	// past it (rows commit in another order than their ids) reads them.
	if rows, err := ss[1].PendingInbox(ctx, 0, 10); err != nil || len(rows) != 2 || rows[0].ID != storedFrom.Load() {
		t.Errorf("the notification said from row %d; pending %v (%v)", storedFrom.Load(), rows, err)
	}
	time.Sleep(1500 * time.Millisecond) // a poll of the log at least
	var own Changes
	for _, c := range mine.take() {
		own.add(c)
	}
	if !slices.Equal(own.Messages, want.Messages) {
		t.Errorf("the writer's own followers were told %+v, want each message once", own.Messages)
	}
}

// A health probe does not wait for another replica's long write: Ping
// checks that events can be stored, which takes no write lock.
func TestPingDoesNotWaitForTheWriteLock(t *testing.T) {
	ss, _ := openReplicas(t, 2)
	ctx := context.Background()
	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- ss[0].Batch(ctx, func(tx *Tx) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	err := ss[1].Ping(pctx)
	cancel()
	close(release)
	if err != nil {
		t.Errorf("ping during another replica's write: %v, want an answer at once", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// Transactions that apply events of different shards (WithShards) commit
// side by side; two of one shard take turns, and any other write waits for
// them.
func TestShardTransactionsRunSideBySide(t *testing.T) {
	ss, _ := openReplicas(t, 2)
	ctx := context.Background()
	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- ss[0].Batch(WithShards(ctx, []int{1}), func(tx *Tx) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	try := func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		return ss[1].Batch(ctx, func(tx *Tx) error { return nil })
	}
	if err := try(WithShards(ctx, []int{2, 3})); err != nil {
		t.Errorf("another shard's transaction: %v, want it through at once", err)
	}
	if err := try(WithShards(ctx, []int{3, 1})); err == nil {
		t.Error("a transaction of the same shard went through, want it to wait")
	}
	if err := try(ctx); err == nil {
		t.Error("a whole-lock transaction went through, want it to wait for the shards'")
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := try(ctx); err != nil {
		t.Errorf("once the shard's transaction ended: %v", err)
	}
}

// Each replica reads the inbox's events of its shards, and those whose
// channel is not known.
func TestPendingInboxKeepsToTheShardsHeld(t *testing.T) {
	ss, clock := openReplicas(t, 2)
	ctx := context.Background()
	beat(t, ss...)
	clock.advance(DefaultReplicaTTL / 3)
	held := beat(t, ss...)
	mine, theirs := channelOfShard(held[0][0]), channelOfShard(held[1][0])
	if _, err := ss[0].PutInbox(ctx, []InboxItem{
		{EventID: "Ev1", Source: "socket", Payload: []byte(`{}`), Channel: mine},
		{EventID: "Ev2", Source: "socket", Payload: []byte(`{}`), Channel: theirs},
		{EventID: "Ev3", Source: "socket", Payload: []byte(`{}`)},
	}); err != nil {
		t.Fatal(err)
	}
	for i, want := range [][]string{{"Ev1", "Ev3"}, {"Ev2", "Ev3"}} {
		rows, err := ss[i].PendingInbox(ctx, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.EventID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("replica %d reads %v, want %v", i, got, want)
		}
	}
}
