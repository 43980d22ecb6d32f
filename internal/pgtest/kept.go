package pgtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Kept returns the URL of the database name on the server, filled once by
// fill and kept for later runs: benchmarks build their million-message
// stores once, as they keep SQLite files between runs. fill writes into a
// database of its own, renamed to name only when it returns without error,
// so that a run stopped halfway leaves nothing that looks complete. name
// must be a plain identifier; it changes whenever what fill writes does.
// Without $PRAXIS_TEST_POSTGRES_URL the database lives on the binary's
// throw-away cluster, as Database's, and is lost with it.
func Kept(tb testing.TB, name string, fill func(url string) error) string {
	tb.Helper()
	admin, skip, err := serverURL()
	if skip != "" {
		tb.Skip(skip)
	}
	if err != nil {
		tb.Fatal(err)
	}
	u, err := withDatabase(admin, name)
	if err != nil {
		tb.Fatal(err)
	}
	if ok, err := exists(admin, name); err != nil || ok {
		if err != nil {
			tb.Fatal(err)
		}
		return u
	}
	building := name + "_building"
	for _, stmt := range []string{`DROP DATABASE IF EXISTS ` + building + ` WITH (FORCE)`, `CREATE DATABASE ` + building} {
		if err := adminExec(admin, stmt); err != nil {
			tb.Fatal(err)
		}
	}
	bu, err := withDatabase(admin, building)
	if err != nil {
		tb.Fatal(err)
	}
	if err := fill(bu); err != nil {
		tb.Fatalf("fill database %s: %v", name, err)
	}
	if err := adminExec(admin, `ALTER DATABASE `+building+` RENAME TO `+name); err != nil {
		tb.Fatal(err)
	}
	return u
}

// exists tells whether the server has a database named name.
func exists(admin, name string) (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return false, fmt.Errorf("postgres: %w", err)
	}
	defer conn.Close(ctx)
	var ok bool
	err = conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&ok)
	return ok, err
}
