package main

import (
	"context"
	"fmt"

	"praxis/bot/config"
	"praxis/store"
)

func cmdMigrate(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "migrate", "migrate [--config FILE] [--db PATH]")
	cfgPath := fs.String("config", "",
		"configuration file (default $PRAXIS_CONFIG or praxis.yaml); only its database path is used")
	dbPath := fs.String("db", "", "database file (overrides the configuration)")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	path := *dbPath
	if path == "" {
		path = "praxis.db"
		if cfg, err := config.Load(configPath(*cfgPath, e), func(string) string { return "" }); err == nil || cfg != nil {
			if cfg != nil && cfg.Database.Path != "" {
				path = cfg.Database.Path
			}
		}
	}
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: schema version %d, up to date\n", path, v)
	return nil
}
