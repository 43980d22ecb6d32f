package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that points the tests at a running server, as
// a URL whose user may create databases. CI sets it (see .ci/run).
const EnvURL = "PRAXIS_TEST_POSTGRES_URL"

// server is the test binary's PostgreSQL: found or started once, on first
// use, and stopped by Main. Package state, because a test binary has one
// lifetime and its tests share one server.
var server struct {
	once    sync.Once
	url     string
	cluster *Cluster // nil: not started by this binary
	skip    string   // why there is none
	err     error
	main    bool // Main runs the tests: it stops a cluster they start
}

func serverURL() (url, skip string, err error) {
	server.once.Do(func() {
		if u := os.Getenv(EnvURL); u != "" {
			server.url = u
			return
		}
		if !server.main {
			server.err = fmt.Errorf("no PostgreSQL server: set %s (internal/pgtest/pgserve starts one), "+
				"or call pgtest.Main from TestMain so that the tests may start and stop their own", EnvURL)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c, err := Start(ctx)
		switch {
		case errors.Is(err, ErrNoPostgres):
			server.skip = "PostgreSQL tests skipped: set " + EnvURL + " or install PostgreSQL (" + err.Error() + ")"
		case err != nil:
			server.err = fmt.Errorf("start a throw-away PostgreSQL (set %s to use a running one): %w", EnvURL, err)
		default:
			server.url, server.cluster = c.URL, c
		}
	})
	return server.url, server.skip, server.err
}

// Database creates an empty database for the test alone and returns its
// URL; it is dropped when the test ends. The test is skipped only when
// there is no PostgreSQL to use; a server that is there but fails, fails it.
// Without $PRAXIS_TEST_POSTGRES_URL, the test binary starts a cluster only
// if its TestMain calls Main, which stops it: otherwise the test fails.
func Database(tb testing.TB) string {
	tb.Helper()
	return DatabaseWith(tb, "")
}

// DatabaseWith is Database created with CREATE DATABASE's options, such as
// "TEMPLATE template0 LC_COLLATE 'C.utf8' LC_CTYPE 'C.utf8'": a test of
// what the store refuses.
func DatabaseWith(tb testing.TB, options string) string {
	tb.Helper()
	admin, skip, err := serverURL()
	if skip != "" {
		tb.Skip(skip)
	}
	if err != nil {
		tb.Fatal(err)
	}
	var b [8]byte
	rand.Read(b[:])
	name := "praxis_test_" + hex.EncodeToString(b[:])
	if err := adminExec(admin, strings.TrimSpace(`CREATE DATABASE `+name+` `+options)); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := adminExec(admin, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			tb.Error(err)
		}
	})
	u, err := withDatabase(admin, name)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// adminExec runs one statement on the server's administration URL.
func adminExec(admin, stmt string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, stmt); err != nil {
		return fmt.Errorf("postgres: %s: %w", stmt, err)
	}
	return nil
}

// Main runs a package's tests, then stops the cluster they started, if
// any. A package whose tests call Database calls it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
func Main(m *testing.M) int {
	server.main = true
	code := m.Run()
	if server.cluster != nil {
		if err := server.cluster.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest: stop:", err)
		}
	}
	return code
}
