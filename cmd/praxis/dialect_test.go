package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"praxis/internal/testkit"
	"praxis/store"
)

// The command's tests run against SQLite, and against PostgreSQL when
// $PRAXIS_TEST_STORE is "postgres" (.ci/run runs them both ways): each
// test names its database with testkit.Database and the commands open it
// as the configuration or --db names it. On PostgreSQL, the tests of what
// is SQLite's alone (its files and their bytes) do not run.

// sqliteOnly are the tests of SQLite's own mechanisms, with why.
var sqliteOnly = map[string]string{
	"TestE2EBackupWhileRunning": "praxis backup copies a SQLite file",
}

// selectStore reads $PRAXIS_TEST_STORE; on PostgreSQL, it adds the tests
// that do not run there to -test.skip and says how many there are.
func selectStore() {
	flag.Parse()
	switch v := os.Getenv(testkit.StoreEnv); v {
	case "", "sqlite":
		return
	case "postgres":
	default:
		fmt.Fprintf(os.Stderr, "%s=%q: want sqlite or postgres\n", testkit.StoreEnv, v)
		os.Exit(2)
	}
	names := make([]string, 0, len(sqliteOnly))
	for name := range sqliteOnly {
		names = append(names, name)
	}
	skip := "^(" + strings.Join(names, "|") + ")$"
	if user := flag.Lookup("test.skip").Value.String(); user != "" {
		skip = user + "|" + skip
	}
	flag.Set("test.skip", skip)
	fmt.Fprintf(os.Stderr, "cmd/praxis on PostgreSQL: %d tests SQLite's own\n", len(sqliteOnly))
}

// databaseKey is the configuration's key and value naming db: a SQLite
// file's path, or a PostgreSQL URL.
func databaseKey(db string) string {
	if store.IsPostgres(db) {
		return fmt.Sprintf("url: %q", db)
	}
	return fmt.Sprintf("path: %q", db)
}

// rawScan reads one value of a query in SQLite's spelling (? placeholders)
// from the database db names, beside the running bot.
func rawScan(t *testing.T, db, q string, dst any, args ...any) {
	t.Helper()
	driver, dsn := "sqlite", "file:"+db+"?_pragma=busy_timeout(5000)"
	if store.IsPostgres(db) {
		driver, dsn = "pgx", db
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", "$"+strconv.Itoa(i), 1)
		}
	}
	conn, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.QueryRow(q, args...).Scan(dst); err != nil {
		t.Fatal(err)
	}
}
