package main

import (
	"context"
	"log/slog"
	"os"

	"praxis/bot/config"
	"praxis/bot/redact"
	"praxis/cmd/internal/app"
)

func cmdRun(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "run", "run [--config FILE]\n\n"+
		"Connects to Slack (Socket Mode or the HTTP Events API, as configured) and runs until interrupted.")
	cfgPath := fs.String("config", "", "configuration file (default $PRAXIS_CONFIG or praxis.yaml)")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	cfg, err := config.Load(configPath(*cfgPath, e), e.getenv)
	if err != nil {
		return err
	}
	d := e.deps
	d.Log = newLogger(cfg.Log, e.stderr, cfg.Secrets)
	d.Log.Info("starting praxis", "version", version, "config", cfg)
	faultsFrom(e.getenv).arm(&d)
	return serve(ctx, cfg, d)
}

// serve runs the bot, built once from the configuration (app.New: the
// data path of the README's architecture section), until ctx ends.
func serve(ctx context.Context, cfg *config.Config, d app.Deps) error {
	a, err := app.New(ctx, cfg, d)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Run(ctx)
}

// newLogger builds the process logger: JSON in production, text on a
// terminal, at the configured level. Every record goes through the
// redaction of secrets (the configured ones and anything shaped like one)
// and of long upstream errors, whoever logs it.
func newLogger(c config.Log, w interface{ Write([]byte) (int, error) }, secrets config.Secrets) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	format := c.Format
	if format == "" || format == "auto" {
		format = "json"
		if f, ok := w.(*os.File); ok && isTerminal(f) {
			format = "text"
		}
	}
	var h slog.Handler = slog.NewJSONHandler(w, opts)
	if format == "text" {
		h = slog.NewTextHandler(w, opts)
	}
	return slog.New(redact.New(secrets.Values()...).Handler(h))
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
