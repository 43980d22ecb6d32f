package main

import (
	"context"
	"fmt"
	"time"

	"praxis/bot/config"
	"praxis/store"
)

// cmdBackup writes a consistent copy of the SQLite database while `praxis
// run` goes on (see store.Backup); the README says how to restore it.
func cmdBackup(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "backup", "backup [--config FILE] [--db PATH] FILE\n\n"+
		"A consistent copy of the database in FILE (which must not exist), taken while Praxis runs, checked and\n"+
		"its owner's only. To restore it: stop Praxis, remove the database's -wal and -shm files, put FILE in\n"+
		"the database's place, start Praxis (README, Backups).")
	cfgPath := fs.String("config", "", offlineConfigHelp)
	dbPath := fs.String("db", "", offlineDBHelp)
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: backup takes one argument, the backup's file", errUsage)
	}
	_, src, err := offlineDB(e, *cfgPath, *dbPath)
	if err != nil {
		return err
	}
	if store.IsPostgres(src) {
		return fmt.Errorf("praxis backup copies a SQLite database, and %s is PostgreSQL: back it up with "+
			"PostgreSQL's tools, pg_dump or the server's own backups (docs/postgres.md, Backups)", config.ShowDatabase(src))
	}
	start := time.Now() // for the figure printed only
	res, err := store.Backup(ctx, src, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s in %s: %.1f MB, schema version %d, %d events, %d messages; checked.\n",
		src, fs.Arg(0), time.Since(start).Round(time.Millisecond), float64(res.Bytes)/1e6, res.Schema,
		res.Events, res.Messages)
	return nil
}
