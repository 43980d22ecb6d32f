package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/bot/expert"
	"praxis/bot/history"
	"praxis/cmd/internal/app"
	"praxis/store"
)

func cmdImport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "import", "import [--config FILE | --all-channels] [--db PATH] EXPORT\n\n"+
		"Imports a Slack workspace export (a .zip or an unzipped folder, Slack's layout or slackdump's).\n"+
		"Channels are matched to communities by the configuration; with --all-channels, each public\n"+
		"channel becomes its own community. Importing again adds nothing twice.")
	cfgPath := fs.String("config", "", "configuration file (default $PRAXIS_CONFIG or praxis.yaml)")
	dbPath := fs.String("db", "", "database file or postgres:// URL (default: the configuration's, else praxis.db)")
	all := fs.Bool("all-channels", false, "make one community per public channel (no configuration needed)")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: import takes one export (a .zip file or a folder)", errUsage)
	}
	opts := history.Options{AllChannels: *all, Progress: e.stderr, Terminal: isTerminalWriter(e.stderr)}
	var cfg *config.Config
	var eopts expert.Options
	path := *dbPath
	if !*all || *cfgPath != "" {
		var err error
		if cfg, err = loadFileConfig(configPath(*cfgPath, e), e); err != nil {
			return err
		}
		if path == "" {
			path = cfg.Store()
		}
	}
	if path == "" {
		var err error
		if path, err = envDatabase(e); err != nil {
			return err
		}
		path = cmp.Or(path, "praxis.db")
	}
	exp, err := history.OpenExport(fs.Arg(0))
	if err != nil {
		return err
	}
	defer exp.Close()
	if cfg != nil {
		if err := exportCommunities(cfg, exp, &opts); err != nil {
			return err
		}
		eopts = app.EngineOptions(cfg, opts.Communities)
	}
	st, err := store.OpenDB(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	before, _ := st.Stats(ctx)
	sum, err := history.Import(ctx, st, exp, opts)
	if err != nil {
		return err
	}
	sum.Report(e.stdout)
	// What the live tracker records and an export does not carry: the
	// questions, for the reports, digests and nudges.
	start := time.Now()
	questions, err := history.FollowAllQuestions(ctx, st)
	if err != nil {
		return err
	}
	took := time.Since(start).Round(time.Millisecond)
	fmt.Fprintf(e.stdout, "Questions followed in the mapped channels: %d (%s).\n", questions, took)
	if err := fitExperts(ctx, e, st, eopts); err != nil {
		return err
	}
	after, _ := st.Stats(ctx)
	fmt.Fprintf(e.stdout, "New in %s: %d messages (%d replies), %d reactions, %d resources, %d members.\n",
		config.ShowDatabase(path), after.Messages-before.Messages, after.Replies-before.Replies,
		after.Reactions-before.Reactions, after.Resources-before.Resources, after.Members-before.Members)
	if n := len(sum.Errors); n > 0 { // what could be read stays imported: importing again adds nothing twice
		return fmt.Errorf("import incomplete: %d problem(s), listed above; what could be read is in %s", n,
			config.ShowDatabase(path))
	}
	return nil
}

// fitExperts fits the expert ranking on the history just imported (see
// expert.Fit) and says how it did.
func fitExperts(ctx context.Context, e env, st *store.Store, opts expert.Options) error {
	start := time.Now()
	eng := expert.New(st, bot.Deps{}, opts)
	if err := eng.Load(ctx); err != nil {
		return err
	}
	m, err := eng.Fit(ctx, expert.FitOptions{Now: start})
	if err != nil {
		return err
	}
	took := time.Since(start).Round(time.Millisecond)
	if q := m.Quality; m.Fitted {
		fmt.Fprintf(e.stdout, "Expert ranking fitted on %d answered threads (%s): on the latest %d, MRR %.3f "+
			"(default weights %.3f, the channel's most active repliers %.3f).\n",
			q.Queries, took, q.Checked, q.MRR, q.DefaultMRR, q.RepliersMRR)
		return nil
	}
	fmt.Fprintf(e.stdout, "Expert ranking: %s (%s).\n", m.Note, took)
	return nil
}

// exportCommunities resolves the configuration's communities against an
// export, for its import: the channels it lacks are reported, not fatal.
func exportCommunities(cfg *config.Config, exp *history.Export, opts *history.Options) error {
	resolved, missing := exp.ResolveChannels(cfg.Channels())
	cs, err := app.Communities(cfg, resolved)
	if err != nil {
		return err
	}
	opts.Communities, opts.Absent = cs, missing
	return nil
}

// loadFileConfig loads a configuration for an offline command: the file
// must be valid, but Slack's secrets are not needed.
func loadFileConfig(path string, e env) (*config.Config, error) {
	cfg, err := config.Load(path, e.getenv)
	var probs config.Problems
	if err == nil || !errors.As(err, &probs) {
		return cfg, err
	}
	var rest config.Problems
	for _, p := range probs {
		secret := p.Key == config.EnvBotToken || p.Key == config.EnvAppToken ||
			p.Key == config.EnvSigningSecret || p.Key == config.EnvOpenAIAPIKey
		if p.Line == 0 && secret {
			continue
		}
		rest = append(rest, p)
	}
	if len(rest) > 0 {
		return nil, rest
	}
	return cfg, nil
}

func isTerminalWriter(w any) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}
