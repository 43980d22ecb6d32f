package slackio

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"praxis/internal/pgtest"
	"praxis/internal/testkit"
	"praxis/store"
)

// openIngestStores opens n stores on one new database, closed by the
// rig, and a second look at it for the benchmarks' counts: SQLite's file,
// or with $PRAXIS_TEST_STORE=postgres a PostgreSQL database of the
// benchmark's own (internal/pgtest), each store a replica. SQLite has one
// process: several replicas are skipped there.
func openIngestStores(tb testing.TB, n int) ([]*store.Store, *sql.DB) {
	tb.Helper()
	ctx := context.Background()
	if os.Getenv(testkit.StoreEnv) != "postgres" {
		if n > 1 {
			tb.Skip("replicas share a PostgreSQL store: set " + testkit.StoreEnv + "=postgres")
		}
		path := filepath.Join(tb.TempDir(), "p.db")
		st, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
		if err != nil {
			tb.Fatal(err)
		}
		return []*store.Store{st}, db
	}
	url := pgtest.Database(tb)
	var stores []*store.Store
	for range n {
		st, err := store.OpenPostgres(ctx, url, store.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		stores = append(stores, st)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		tb.Fatal(err)
	}
	return stores, db
}

// benchReplica is one replica's part of the shards, as
// cmd/internal/app/replicas.go keeps it (that package cannot be imported
// from here): it beats every third of the lease's time and tells its
// dispatcher which shards it holds, waking it when they change.
type benchReplica struct {
	st   *store.Store
	held atomic.Pointer[[store.Shards]bool]
	wake func()
}

// Holds is the dispatcher's Options.Holds.
func (r *benchReplica) Holds(shard int) bool { return r.held.Load()[shard] }

func (r *benchReplica) beat(ctx context.Context) (int, error) {
	shards, err := r.st.Heartbeat(ctx, store.DefaultReplicaTTL)
	if err != nil {
		return 0, err
	}
	var held [store.Shards]bool
	for _, sh := range shards {
		held[sh] = true
	}
	if old := r.held.Swap(&held); *old != held && r.wake != nil {
		r.wake()
	}
	return len(shards), nil
}

func (r *benchReplica) run(ctx context.Context) error {
	if !r.st.Shared() {
		return nil
	}
	t := time.NewTicker(store.DefaultReplicaTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			r.beat(ctx)
		}
	}
}

// beatReplicas gives each store its replica and, on PostgreSQL, beats
// until the shards are shared fairly, so that a benchmark starts from the
// steady state rather than from a rebalancing.
func beatReplicas(tb testing.TB, ctx context.Context, stores []*store.Store) []*benchReplica {
	tb.Helper()
	reps := make([]*benchReplica, len(stores))
	for i, st := range stores {
		reps[i] = &benchReplica{st: st}
		var all [store.Shards]bool
		for sh := range all {
			all[sh] = !st.Shared()
		}
		reps[i].held.Store(&all)
	}
	if !stores[0].Shared() {
		return reps
	}
	fair := (store.Shards + len(reps) - 1) / len(reps) // as store.Heartbeat shares them
	for round := 0; round < 20; round++ {
		balanced, total := true, 0
		for _, r := range reps {
			n, err := r.beat(ctx)
			if err != nil {
				tb.Fatal(err)
			}
			balanced = balanced && n > 0 && n <= fair
			total += n
		}
		if balanced && total == store.Shards {
			return reps
		}
	}
	tb.Fatal("the replicas did not share the shards within 20 heartbeats")
	return nil
}
