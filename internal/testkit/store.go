// Package testkit is what the tests of several packages share, written
// once: a real store in the test's temporary directory and a workspace's
// history written into it, a clock the test moves by hand, Slack
// timestamps, waits bounded by a deadline, and an OpenAI-compatible server.
// It is an ordinary package because helpers in _test.go files cannot be
// imported from another package; only tests import it. What one package's
// tests alone use stays in that package. The Slack emulator
// (internal/slackemu) and the sample generator (internal/sample) are kits of
// their own.
package testkit

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"praxis/internal/pgtest"
	"praxis/store"
)

// Store opens a new database in the test's temporary directory, on the
// clock now (nil: the store's default, the wall clock), closed when the test
// ends: every test gets a real database, never a mocked store. It is
// SQLite's, or, when $PRAXIS_TEST_STORE is "postgres", a PostgreSQL
// database of the test's own (see internal/pgtest and docs/postgres.md),
// where it is the only replica and holds every shard.
func Store(tb testing.TB, now func() time.Time) *store.Store {
	tb.Helper()
	if os.Getenv(StoreEnv) != "postgres" {
		return StoreAt(tb, filepath.Join(tb.TempDir(), "praxis.db"), now)
	}
	st, err := store.OpenPostgres(context.Background(), pgtest.Database(tb), store.Options{Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	// The only replica: it holds every shard (store.Heartbeat), as a
	// process alone on SQLite does.
	if _, err := st.Heartbeat(context.Background(), store.DefaultReplicaTTL); err != nil {
		tb.Fatal(err)
	}
	return st
}

// StoreEnv names the variable that selects the database Store opens:
// "sqlite" (or nothing) or "postgres".
const StoreEnv = "PRAXIS_TEST_STORE"

// Database names a new, empty database for the test, as the configuration
// or a --db flag names one (see store.OpenDB): a praxis.db file in the
// test's temporary directory, or on PostgreSQL a database of the test's
// own, dropped when it ends.
func Database(tb testing.TB) string {
	tb.Helper()
	if os.Getenv(StoreEnv) == "postgres" {
		return pgtest.Database(tb)
	}
	return filepath.Join(tb.TempDir(), "praxis.db")
}

// StoreAt opens the database db names (a SQLite file, created when
// missing, or a PostgreSQL URL), closed when the test ends: a test opens
// one database twice to play two processes.
func StoreAt(tb testing.TB, db string, now func() time.Time) *store.Store {
	tb.Helper()
	st, err := store.OpenDB(context.Background(), db, store.Options{Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Do runs fn in one of st's transactions, failing the test on error.
func Do(tb testing.TB, st *store.Store, fn func(tx *store.Tx) error) {
	tb.Helper()
	if err := st.Batch(context.Background(), fn); err != nil {
		tb.Fatal(err)
	}
}
