package main

import (
	"context"
	"io"
	"os"
	"time"

	"praxis/bot/config"
	"praxis/internal/demo"
)

func cmdDemo(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "demo", "demo [--seed N] [--dir DIR]\n\n"+
		"Shows Praxis working with no Slack account: generates a sample workspace, imports its\n"+
		"history, starts the built-in Slack emulator and the real bot over a real websocket, replays\n"+
		"a few days of live activity on a fast clock, prints what happened and what Praxis did, then\n"+
		"previews two members' personal digests of that week (one in English, one in French).")
	seed := fs.Int64("seed", 42, "seed of the sample workspace (same seed, same story)")
	dir := fs.String("dir", "", "where to keep the demo's files (default: a new temporary directory)")
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
	return demo.Run(ctx, demo.Options{Seed: *seed, Dir: *dir, Out: e.stdout, Serve: serveDemo,
		Engine: engineOptions, Channels: storeChannels, WriteFile: writeFileAtomic})
}

// serveDemo runs the bot as `praxis run` does, on the demo's clock, logging
// everything (debug, JSON) to the demo's log file.
func serveDemo(ctx context.Context, cfg *config.Config, logw io.Writer, clock demo.Clock) error {
	log := newLogger(config.Log{Level: "debug", Format: "json"}, logw, cfg.Secrets)
	return serve(ctx, cfg, log, serveOptions{now: clock.Now, after: clock.After, routeEvery: clock.RouteEvery})
}
