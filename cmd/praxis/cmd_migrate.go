package main

import (
	"context"
	"fmt"

	"praxis/bot/config"
	"praxis/store"
)

// migrateHelp is migrate's --help: its two uses.
const migrateHelp = "migrate [--config FILE] [--db PATH]\n" +
	"       praxis migrate --from FILE [--to postgres://…] [--batch N]\n\n" +
	"Without --from: creates the database, or applies the migrations it lacks (a SQLite file, or PostgreSQL\n" +
	"with a postgres:// URL).\n\n" +
	"With --from: copies everything in the SQLite database FILE into the PostgreSQL database --to (default\n" +
	"$PRAXIS_DATABASE_URL), migrated first, so that a team that started on SQLite keeps its history\n" +
	"(docs/postgres.md, Moving over). Nothing may write FILE meanwhile: stop praxis run first, or copy a\n" +
	"praxis backup file. FILE must be at this praxis's schema version (praxis migrate --db FILE upgrades\n" +
	"it). The target must be an empty database, or one where this same copy was interrupted: run again,\n" +
	"it goes on where it stopped and copies nothing twice. At the end every table is counted on both sides;\n" +
	"a difference exits with status 1."

func cmdMigrate(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "migrate", migrateHelp)
	cfgPath := fs.String("config", "",
		"configuration file (default $PRAXIS_CONFIG or praxis.yaml); only its database is used")
	dbPath := fs.String("db", "", "database file or postgres:// URL (default $PRAXIS_DATABASE_URL, "+
		"else the configuration's)")
	from := fs.String("from", "", "the SQLite database to copy into PostgreSQL")
	to := fs.String("to", "", "the PostgreSQL database to copy into, a postgres:// URL (default $PRAXIS_DATABASE_URL)")
	batch := fs.Int("batch", 10_000, "rows per transaction of the copy")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if *from != "" || *to != "" {
		if *cfgPath != "" || *dbPath != "" {
			return fmt.Errorf("%w: --from and --to copy a database; --config and --db name the one to migrate", errUsage)
		}
		return migrateCopy(ctx, e, *from, *to, *batch)
	}
	db := *dbPath
	if db == "" {
		u, err := envDatabase(e)
		if err != nil {
			return err
		}
		db = u
	}
	if db == "" {
		db = "praxis.db"
		if cfg, err := config.Load(configPath(*cfgPath, e), func(string) string { return "" }); err == nil || cfg != nil {
			if cfg != nil && cfg.Store() != "" {
				db = cfg.Store()
			}
		}
	}
	st, err := store.OpenDB(ctx, db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: schema version %d, up to date\n", databaseName(db), v)
	return nil
}
