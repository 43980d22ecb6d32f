// Package bigstore gives benchmarks the generator's million-message store:
// 1,000,000 messages, 10,000 members, 50 channels in 10 communities over a
// year (internal/sample, seed 1), imported with the real importer. OpenWith
// builds stores from other generator options, with the questions and
// nudges that live traffic would have recorded.
package bigstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"praxis/bot/history"
	"praxis/internal/sample"
	"praxis/internal/testkit"
	"praxis/store"
)

// Options are the generator's options for the store.
var Options = sample.Options{
	Seed:        1,
	Members:     10_000,
	Channels:    50,
	Communities: 10,
	Messages:    1_000_000,
	Days:        365,
}

// Open returns the store to benchmark on (see Path), closed when tb ends.
// With $PRAXIS_TEST_STORE=postgres it is a PostgreSQL database instead,
// built once and kept (see openPostgres).
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	if os.Getenv(testkit.StoreEnv) == "postgres" {
		return openPostgres(tb, "import", Options, func(ctx context.Context, st *store.Store) error {
			_, err := load(ctx, tb, st, Options)
			return err
		})
	}
	st, err := store.Open(context.Background(), Path(tb), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Path returns the database file to benchmark on: $PRAXIS_BENCH_DB when set
// (kept between runs, built once), else a file in the benchmark's temporary
// directory. It is built when missing, which takes about a minute.
func Path(tb testing.TB) string {
	tb.Helper()
	path := os.Getenv("PRAXIS_BENCH_DB")
	if path == "" {
		path = filepath.Join(tb.TempDir(), "big.db")
	}
	if _, err := os.Stat(path); err == nil {
		return path
	}
	build(tb, Options, path)
	return path
}

// build generates the workspace of o, imports it into a new store at path
// and returns the workspace.
func build(tb testing.TB, o sample.Options, path string) *sample.Workspace {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	ws, err := load(ctx, tb, st, o)
	if err != nil {
		tb.Fatal(err)
	}
	return ws
}

// load generates the workspace of o and imports it into st with the real
// importer.
func load(ctx context.Context, tb testing.TB, st *store.Store, o sample.Options) (*sample.Workspace, error) {
	dir := filepath.Join(tb.TempDir(), "export")
	defer os.RemoveAll(dir)
	ws := sample.New(o)
	if _, err := ws.WriteDir(dir); err != nil {
		return nil, err
	}
	exp, err := history.OpenExport(dir)
	if err != nil {
		return nil, err
	}
	defer exp.Close()
	_, err = history.Import(ctx, st, exp, history.Options{Communities: ws.Resolved()})
	return ws, err
}
