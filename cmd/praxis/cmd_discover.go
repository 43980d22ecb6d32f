package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/bot/discover"
	"praxis/bot/discover/source"
	"praxis/bot/history"
	"praxis/bot/i18n"
	"praxis/cmd/internal/app"
	"praxis/store"
)

func cmdDiscover(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "discover", "discover [--format text|markdown] [--out communities.yaml] [--limit N] "+
		"[--lang en|fr] [--config FILE] [--db PATH] [EXPORT | --slack [--since DATE]]\n\n"+
		"Finds the communities of practice a workspace already has: groups of public channels that share their\n"+
		"people and the people who answer each other, each with its core group, subjects, needs and how well they\n"+
		"are met, ranked by what Praxis would add. It reads an export (.zip or folder), else the database. With a\n"+
		"language model configured (llm), it drafts each community's vocation; else it takes the channels' purpose.\n"+
		"With --slack, it reads Slack with the bot token instead: every public channel Praxis is in, since --since\n"+
		"(default: 180 days ago), in memory only, nothing stored (scopes "+discoverScopes+").\n"+
		"--out writes them as a configuration to edit, which praxis check-config accepts. See docs/discover.md.")
	format := fs.String("format", "text", "text or markdown")
	out := fs.String("out", "", "also write the communities found as a configuration file (YAML)")
	limit := fs.Int("limit", 10, "communities shown at most (0: all; --out writes them all)")
	lang := fs.String("lang", "", "en or fr (default: the configuration's language, else en)")
	cfgPath := fs.String("config", "", "configuration file: its channels are shown as already configured "+
		"(default $PRAXIS_CONFIG or praxis.yaml when present)")
	dbPath := fs.String("db", "", offlineDBHelp+", without EXPORT")
	fromSlack := fs.Bool("slack", false, "read Slack with the bot token ("+config.EnvBotToken+
		"): the public channels Praxis is in")
	since := fs.String("since", "", "with --slack, read from this date (YYYY-MM-DD or RFC 3339; default 180 days ago)")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if err := discoverUsage(fs.NArg(), *format, *lang, *dbPath, *fromSlack, *since); err != nil {
		return err
	}
	cfg, err := discoverConfig(e, *cfgPath)
	if err != nil {
		return err
	}
	f := discover.Format{Lang: *lang, Markdown: *format == "markdown", Limit: *limit}
	if f.Lang == "" {
		f.Lang = "en"
		if cfg != nil {
			f.Lang = i18n.Lang(cfg.Language)
		}
	}
	var read source.Read
	if *fromSlack {
		read, f.Source, err = discoverSlack(ctx, e, cfg, *since, f.Lang)
	} else {
		read, f.Source, err = discoverRead(ctx, fs.Arg(0), cfg, *dbPath)
	}
	if err != nil {
		return err
	}
	for _, p := range read.Problems {
		fmt.Fprintln(e.stderr, p)
	}
	res := discover.Find(read.Histories, read.Names)
	return discoverOutput(ctx, e, cfg, res, f, *out)
}

// discoverUsage checks the flags and arguments of discover together.
func discoverUsage(exports int, format, lang, db string, fromSlack bool, since string) error {
	switch {
	case exports > 1:
		return fmt.Errorf("%w: discover takes one export at most", errUsage)
	case format != "text" && format != "markdown":
		return fmt.Errorf("%w: --format is text or markdown", errUsage)
	case lang != "" && lang != "en" && lang != "fr":
		return fmt.Errorf("%w: --lang is en or fr", errUsage)
	case fromSlack && (exports > 0 || db != ""):
		return fmt.Errorf("%w: --slack reads Slack: give no export nor --db with it", errUsage)
	case since != "" && !fromSlack:
		return fmt.Errorf("%w: --since goes with --slack", errUsage)
	}
	return nil
}

// discoverOutput drafts the vocations when a model is configured (those
// shown, or all when the configuration written holds them all), writes
// that configuration when asked, and prints the communities.
func discoverOutput(ctx context.Context, e env, cfg *config.Config, res discover.Result, f discover.Format,
	out string) error {
	if cfg != nil {
		if model := app.Model(cfg, bot.Deps{}); model != nil {
			n := max(f.Limit, 0)
			if out != "" {
				n = 0
			}
			discover.Draft(ctx, &res, model, n)
		}
	}
	if out != "" {
		if err := writeFileAtomic(out, func(w io.Writer) error { return discover.WriteConfig(w, res, f.Lang) }); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(e.stdout)
	if err := discover.Print(w, res, f); err != nil {
		return err
	}
	return w.Flush()
}

// discoverConfig loads the configuration when one is named or present:
// discovery needs none.
func discoverConfig(e env, flag string) (*config.Config, error) {
	path := configPath(flag, e)
	cfg, err := loadFileConfig(path, e)
	named := flag != "" || strings.TrimSpace(e.getenv("PRAXIS_CONFIG")) != ""
	if errors.Is(err, os.ErrNotExist) && !named {
		return nil, nil
	}
	return cfg, err
}

// discoverRead reads the export, or the database, and says which.
func discoverRead(ctx context.Context, export string, cfg *config.Config, db string) (source.Read, string, error) {
	if export == "" {
		return discoverStore(ctx, cfg, db)
	}
	exp, err := history.OpenExport(export)
	if err != nil {
		return source.Read{}, "", err
	}
	defer exp.Close()
	configured := map[string]string{}
	if cfg != nil {
		resolved, _ := exp.ResolveChannels(cfg.Channels())
		configured = configuredChannels(cfg, func(ref string) string { return resolved[ref].ID })
	}
	read, err := source.Export(ctx, exp, configured)
	return read, exp.Name(), err
}

// discoverStore reads the database: db, else the configuration's, else
// praxis.db.
func discoverStore(ctx context.Context, cfg *config.Config, db string) (source.Read, string, error) {
	if db == "" {
		db = "praxis.db"
		if cfg != nil {
			db = cfg.Store()
		}
	}
	st, err := openExisting(ctx, db, store.Options{})
	if err != nil {
		return source.Read{}, "", fmt.Errorf("%w (or give an export: praxis discover EXPORT)", err)
	}
	defer st.Close()
	configured := map[string]string{}
	if cfg != nil {
		stored, err := st.Communities(ctx)
		if err != nil {
			return source.Read{}, "", err
		}
		known := map[string]string{} // id or #name → id
		for _, c := range stored {
			for id, name := range c.Channels {
				known[id], known["#"+strings.ToLower(name)] = id, id
			}
		}
		configured = configuredChannels(cfg, func(ref string) string {
			if id, ok := known[ref]; ok {
				return id
			}
			return known["#"+strings.ToLower(strings.TrimPrefix(ref, "#"))]
		})
	}
	read, err := source.Store(ctx, st, configured)
	return read, config.ShowDatabase(db), err
}

// configuredChannels maps each configured channel's id to its community.
func configuredChannels(cfg *config.Config, id func(ref string) string) map[string]string {
	out := map[string]string{}
	for _, c := range cfg.Communities {
		for _, ref := range c.Channels {
			if i := id(strings.TrimSpace(ref)); i != "" {
				out[i] = c.Name
			}
		}
	}
	return out
}
