package bigstore

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"

	"praxis/internal/pgtest"
	"praxis/internal/sample"
	"praxis/store"
)

// openPostgres opens the benchmark's store on PostgreSQL, closed when tb
// ends: a database on the server $PRAXIS_TEST_POSTGRES_URL names, filled
// once by fill and kept under a name made of kind, the generator's options
// and withVersion, so that later runs reuse it as they reuse SQLite files
// (pgtest.Kept). The store holds every shard, as the only replica.
func openPostgres(tb testing.TB, kind string, o sample.Options,
	fill func(context.Context, *store.Store) error) *store.Store {
	tb.Helper()
	ctx := context.Background()
	sum := sha256.Sum256(fmt.Appendf(nil, "%d %+v", withVersion, o))
	url := pgtest.Kept(tb, fmt.Sprintf("praxis_bench_%s_%x", kind, sum[:6]), func(url string) error {
		st, err := store.OpenPostgres(ctx, url, store.Options{})
		if err != nil {
			return err
		}
		if err := fill(ctx, st); err != nil {
			st.Close()
			return err
		}
		return st.Close()
	})
	st, err := store.OpenPostgres(ctx, url, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		st.Leave(ctx) // the next run holds every shard at once
		st.Close()
	})
	if _, err := st.Heartbeat(ctx, store.DefaultReplicaTTL); err != nil {
		tb.Fatal(err)
	}
	return st
}
