package main

import (
	"context"
	"io"
	"os"
	"time"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/bot/digest"
	"praxis/cmd/internal/app"
	"praxis/internal/demo"
	"praxis/store"
)

func cmdDemo(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "demo", "demo [--seed N] [--dir DIR]\n\n"+
		"Shows Praxis working with no Slack account: generates a sample workspace, imports its\n"+
		"history, starts the built-in Slack emulator and the real bot over a real websocket, replays\n"+
		"a few days of live activity on a fast clock, prints what happened and what Praxis did, then\n"+
		"previews two members' personal digests of that week (one in English, one in French) and writes the\n"+
		"facilitators' report of the history's last whole week.")
	seed := fs.Int64("seed", 42, "seed of the sample workspace (same seed, same story)")
	dir := fs.String("dir", "", "where to keep the demo's files (default: a new temporary directory); "+
		"an earlier demo's files there are replaced, a folder holding anything else refused")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "praxis-demo-")
		if err != nil {
			return err
		}
		*dir = d
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	return demo.Run(ctx, demo.Options{Seed: *seed, Dir: *dir, Out: e.stdout, Serve: serveDemo, Load: loadDemo,
		WriteFile: writeFileAtomic})
}

// serveDemo runs the bot as `praxis run` does, on the demo's clock, logging
// everything (debug, JSON) to the demo's log file.
func serveDemo(ctx context.Context, text []byte, logw io.Writer, clock demo.Clock) error {
	cfg, err := demoConfig(text)
	if err != nil {
		return err
	}
	log := newLogger(config.Log{Level: "debug", Format: "json"}, logw, cfg.Secrets)
	return serve(ctx, cfg, app.Deps{Now: clock.Now, After: clock.After, Log: log, RouteEvery: clock.RouteEvery})
}

// loadDemo resolves the demo's communities among the sample workspace's
// channels, as run resolves them against Slack, and previews digests as
// `praxis digest` does (app.NewCore).
func loadDemo(text []byte, channels map[string]bot.Channel) (demo.Setup, error) {
	cfg, err := demoConfig(text)
	if err != nil {
		return demo.Setup{}, err
	}
	dir, err := app.NewDirectory(cfg, channels, nil)
	if err != nil {
		return demo.Setup{}, err
	}
	digests := func(ctx context.Context, st *store.Store) (*digest.Reader, error) {
		core, err := app.LoadCore(ctx, cfg, st, dir, "", bot.Deps{})
		return core.Digests, err
	}
	return demo.Setup{Communities: dir, Digests: digests}, nil
}

// demoConfig reads the demo's configuration with the demo's changes: no
// admin server, a faster outbox, and only the ritual the replay shows. The
// hourly job would send every member due at an hour their digest, a dozen
// DMs at a time: the demo shows two, previewed. Likewise the weekly
// reports: due on Monday morning, in the middle of the replay, the demo
// shows them at its end instead.
func demoConfig(text []byte) (*config.Config, error) {
	cfg, err := config.Parse(text, "demo.yaml", demoSecrets)
	if err != nil {
		return nil, err
	}
	cfg.Admin.Listen = ""
	cfg.Outbox.RatePerSecond, cfg.Outbox.Burst = 20, 5
	keepOneRitual(cfg)
	for i := range cfg.Communities {
		cfg.Communities[i].Digest.Frequency = bot.FrequencyOff
		cfg.Communities[i].Report.Weekday, cfg.Communities[i].Report.Hour = "saturday", 12
	}
	return cfg, nil
}

func demoSecrets(k string) string {
	return map[string]string{config.EnvBotToken: "xoxb-emulator", config.EnvAppToken: "xapp-emulator"}[k]
}

// keepOneRitual keeps the rituals of the demo's French community's question
// of the week only, the one the replay shows (the first French one):
// the others would fire at moments the replay's clock jumps over or lands
// on, and their posts would mix with the scenes'.
func keepOneRitual(cfg *config.Config) {
	kept := false
	for i := range cfg.Communities {
		c := &cfg.Communities[i]
		var rs []config.Ritual
		if c.Language == "fr" && len(c.Channels) > 0 && !kept {
			for _, r := range c.Rituals {
				if r.Kind == bot.RitualQuestionOfTheWeek {
					rs = append(rs, r)
				}
			}
			kept = true
		}
		c.Rituals = rs
	}
}
