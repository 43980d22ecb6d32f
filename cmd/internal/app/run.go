package app

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/sync/errgroup"

	"praxis/bot/config"
	"praxis/bot/slackio"
)

// Run runs every component under one errgroup until ctx ends or one of
// them fails: the back-fill first primed, then the expert index, question
// routing, the scheduler, the inbox, the dispatcher, members' profiles, the
// poster, the back-fill, the transport and the admin server.
func (a *App) Run(ctx context.Context) error {
	if a.Backfill != nil {
		if err := a.Backfill.Prime(ctx); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	for _, run := range a.loops() {
		g.Go(func() error { return run(gctx) })
	}
	connected, err := a.listen(gctx, g)
	if err != nil {
		cancel()
		_ = g.Wait()
		return err
	}
	if addr := a.cfg.Admin.Listen; addr != "" {
		h := adminHandler(a.Store, a.deps.Metrics, connected, a.replicas.ttl)
		g.Go(func() error { return serveHTTP(gctx, addr, h, a.deps.Log) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	a.deps.Log.Info("praxis stopped")
	return nil
}

// loops are what runs until the context ends, the transport aside.
func (a *App) loops() []func(context.Context) error {
	loops := []func(context.Context) error{
		a.runEngine,
		func(ctx context.Context) error { return a.Router.Run(ctx, a.deps.RouteEvery) },
		a.Scheduler.Run,
		a.Receiver.Run,
		a.Dispatcher.Run,
		a.Recorder.Run, // members' profiles, fetched beside recording
		a.Poster.Run,
		a.replicas.Run,
		a.replicas.Follow,
	}
	if a.Backfill != nil {
		loops = append(loops, a.Backfill.Run)
	}
	return loops
}

// runEngine loads the expert index while events are acknowledged and
// stored (expert queries wait for it), then keeps it current. A stop
// during the load is a stop, not an error.
func (a *App) runEngine(ctx context.Context) error {
	if err := a.Engine.Load(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	return a.Engine.Run(ctx)
}

// transport makes the configured way in: the HTTP Events API, or Socket
// Mode, whose every connection back-fills what an outage missed.
func (a *App) transport() {
	if a.cfg.Slack.Mode == "http" {
		a.HTTP = slackio.NewHTTP(a.Receiver, a.cfg.Secrets.SigningSecret, a.botDeps)
		return
	}
	a.Socket = slackio.NewSocket(a.Slack, a.Receiver, a.botDeps, slackio.SocketOptions{
		Handlers:  16,
		OnConnect: func(context.Context, int) { a.kick() },
	})
}

// kick starts a back-fill, if there is one.
func (a *App) kick() {
	if a.Backfill != nil {
		a.Backfill.Kick()
	}
}

// listen starts the transport and returns how to tell whether Slack can
// reach Praxis.
func (a *App) listen(ctx context.Context, g *errgroup.Group) (func() bool, error) {
	if a.Socket != nil {
		g.Go(func() error { return a.Socket.Run(ctx) })
		return a.Socket.Connected, nil
	}
	addr := a.cfg.Slack.Listen
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for Slack on %s: %w", addr, err)
	}
	log := a.deps.Log
	log.Info("events API listening", "addr", ln.Addr().String())
	a.deps.Metrics.SlackConnected.Set(1)
	a.kick()
	g.Go(func() error { return serveListener(ctx, ln, a.HTTP.Handler(), log) })
	g.Go(func() error { return a.HTTP.Run(ctx) }) // rejected requests, summarised per minute
	return func() bool { return true }, nil
}

// SlackClient is the Web API client Praxis talks to Slack with, for the
// commands that read Slack without running (praxis discover --slack).
func SlackClient(cfg *config.Config) *slack.Client {
	return slack.New(cfg.Secrets.BotToken, slackOptions(cfg)...)
}

// slackOptions are the Web API client's: a timeout, the charset Slack
// wants, the configured API URL (the emulator's in tests) and app token.
func slackOptions(cfg *config.Config) []slack.Option {
	client := &http.Client{Timeout: 20 * time.Second, Transport: slackio.JSONCharset(nil)}
	opts := []slack.Option{slack.OptionHTTPClient(client)}
	if cfg.Slack.APIURL != "" {
		u := cfg.Slack.APIURL
		if !strings.HasSuffix(u, "/") {
			u += "/"
		}
		opts = append(opts, slack.OptionAPIURL(u))
	}
	if cfg.Secrets.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.Secrets.AppToken))
	}
	return opts
}
