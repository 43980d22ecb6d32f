package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// minServerVersion is the oldest PostgreSQL the store runs on, as
// server_version_num: 15. Its migrations write functions with SQL-standard
// bodies (RETURN, from 14), the bulk load's checkpoint calls
// pg_current_xact_id (13), and the scrub asks for the pg_checkpoint role
// (15); 14 is out of support since November 2026.
const minServerVersion = 150000

// qServerCollation is the collation of the database the store opened, and
// its provider (c: the C library's, i: ICU's, b: PostgreSQL's builtin).
const qServerCollation = `SELECT datcollate, datlocprovider FROM pg_database WHERE datname = current_database()`

// checkServer refuses a server the store cannot run on, before anything is
// migrated: too old a version, or a database whose text does not order by
// its bytes as on SQLite.
func checkServer(ctx context.Context, cfg *pgx.ConnConfig) error {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	defer conn.Close(ctx)
	var version int
	if err := conn.QueryRow(ctx, `SELECT current_setting('server_version_num')::int`).Scan(&version); err != nil {
		return fmt.Errorf("postgres: server version: %w", err)
	}
	if version < minServerVersion {
		return fmt.Errorf("postgres: the server is PostgreSQL %d.%d; Praxis needs %d or later",
			version/10000, version%10000, minServerVersion/10000)
	}
	var collate, provider string
	if err := conn.QueryRow(ctx, qServerCollation).Scan(&collate, &provider); err != nil {
		return fmt.Errorf("postgres: database collation: %w", err)
	}
	return checkCollation(collate, provider)
}

// checkCollation says whether a database's default collation orders text
// by its bytes, as SQLite does and as the store's queries, and the Go code
// that compares their results, expect: the C library's C or POSIX, or the
// builtin provider's (by code point, which is byte order in UTF-8). A
// language's collation, or any of ICU's, sorts "a" before "B".
func checkCollation(collate, provider string) error {
	switch {
	case provider == "b":
		return nil
	case provider == "c" && (collate == "C" || collate == "POSIX"):
		return nil
	}
	name := fmt.Sprintf("%q", collate)
	if provider == "i" {
		name = "an ICU locale"
	}
	return fmt.Errorf("postgres: the database collates text with %s, not C: Praxis needs C, which orders text by "+
		"its bytes as SQLite does; create the database with "+
		"CREATE DATABASE praxis TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C' (docs/postgres.md)", name)
}
