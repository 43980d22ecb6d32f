package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/cmd/internal/app"
	"praxis/store"
)

// The --config and --db help of every offline command (expert, member,
// report, digest, nudges): they read the database, not Slack.
const (
	offlineConfigHelp = "configuration file (default $PRAXIS_CONFIG or praxis.yaml; " +
		"without one, the database's communities with default settings)"
	offlineDBHelp = "database file or postgres:// URL (default: the configuration's, else praxis.db)"
)

// offline is what an offline command reads: the configuration, its
// communities resolved against the database, and the database.
type offline struct {
	cfg   *config.Config
	comms *bot.Directory
	st    *store.Store
}

// openOffline opens what an offline command reads. The configuration is
// the file when there is one (named by cfgFlag or $PRAXIS_CONFIG, else
// praxis.yaml if it exists); a named file that is missing, or any invalid
// one, is an error. Without a file, it is the defaults with the
// communities the database holds, as `praxis import --all-channels` leaves
// them. Either way its channels are the database's. The database is
// dbFlag, else the configuration's, else praxis.db; it must exist: a
// command that only reads never creates an empty one.
func openOffline(ctx context.Context, e env, cfgFlag, dbFlag string, opts store.Options) (offline, error) {
	cfg, st, err := openOfflineStore(ctx, e, cfgFlag, dbFlag, opts)
	if err != nil {
		return offline{}, err
	}
	comms, err := app.StoredDirectory(ctx, cfg, st)
	if err != nil {
		st.Close()
		return offline{}, err
	}
	return offline{cfg: cfg, comms: comms, st: st}, nil
}

// openOfflineStore opens the configuration and the database (see
// openOffline).
func openOfflineStore(ctx context.Context, e env, cfgFlag, dbFlag string,
	opts store.Options) (*config.Config, *store.Store, error) {
	cfg, db, err := offlineDB(e, cfgFlag, dbFlag)
	if err != nil {
		return nil, nil, err
	}
	st, err := openExisting(ctx, db, opts)
	if err != nil || cfg != nil {
		return cfg, st, err
	}
	cfg, err = storedConfig(ctx, st, e)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return cfg, st, nil
}

// offlineDB finds an offline command's configuration file and database
// (see openOffline): the configuration, nil when there is no file, and
// the database, a file's path or a PostgreSQL URL (see store.OpenDB);
// without a file, $PRAXIS_DATABASE_URL names it when set.
func offlineDB(e env, cfgFlag, dbFlag string) (*config.Config, string, error) {
	path := configPath(cfgFlag, e)
	cfg, err := loadFileConfig(path, e)
	named := cfgFlag != "" || strings.TrimSpace(e.getenv("PRAXIS_CONFIG")) != ""
	switch {
	case err == nil && dbFlag != "":
		return cfg, dbFlag, nil
	case err == nil:
		return cfg, cfg.Store(), nil
	case named || !errors.Is(err, os.ErrNotExist):
		return nil, "", err
	}
	if dbFlag != "" {
		return nil, dbFlag, nil
	}
	if u, err := envDatabase(e); u != "" || err != nil {
		return nil, u, err
	}
	if _, err := os.Stat("praxis.db"); errors.Is(err, os.ErrNotExist) {
		return nil, "", errors.New("no praxis.yaml and no praxis.db here: " +
			"run praxis import --all-channels EXPORT first, or give --config")
	}
	return nil, "praxis.db", nil
}

// envDatabase is the database $PRAXIS_DATABASE_URL names, "" when it is
// not set: without a configuration file (which validates it), a command
// checks it is a URL rather than take it for a file's name.
func envDatabase(e env) (string, error) {
	u := config.SecretsFromEnv(e.getenv).DatabaseURL
	if u != "" && !store.IsPostgres(u) {
		return "", fmt.Errorf("%s is not a postgres:// URL: use one such as "+
			"postgres://praxis:PASSWORD@db.example.com:5432/praxis (docs/postgres.md)", config.EnvDatabaseURL)
	}
	return u, nil
}

// openExisting opens the database db names (see store.OpenDB); a SQLite
// file must exist.
func openExisting(ctx context.Context, db string, opts store.Options) (*store.Store, error) {
	if _, err := os.Stat(db); err != nil && !store.IsPostgres(db) {
		return nil, fmt.Errorf("database %s: %w (import an export or run Praxis first)", db, err)
	}
	return store.OpenDB(ctx, db, opts)
}

// storedConfig is the default configuration with the database's
// communities: their name, vocation, language, time zone and channels.
func storedConfig(ctx context.Context, st *store.Store, e env) (*config.Config, error) {
	stored, err := st.Communities(ctx)
	if err != nil {
		return nil, err
	}
	cs := make([]config.Community, 0, len(stored))
	for _, s := range stored {
		c := config.DefaultCommunity()
		c.Name, c.Vocation, c.Language, c.Timezone = s.Name, s.Vocation, s.Language, s.Timezone
		for id := range s.Channels {
			c.Channels = append(c.Channels, id)
		}
		slices.Sort(c.Channels)
		cs = append(cs, c)
	}
	cfg := config.ForCommunities(cs)
	cfg.Secrets = config.SecretsFromEnv(e.getenv)
	return cfg, nil
}
