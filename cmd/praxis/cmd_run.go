package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/sync/errgroup"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/config"
	"praxis/bot/digest"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/history"
	"praxis/bot/home"
	"praxis/bot/llm"
	"praxis/bot/metrics"
	"praxis/bot/nudge"
	"praxis/bot/outbox"
	"praxis/bot/privacy"
	"praxis/bot/record"
	"praxis/bot/redact"
	"praxis/bot/report"
	"praxis/bot/ritual"
	"praxis/bot/schedule"
	"praxis/bot/slackio"
	"praxis/store"
)

func cmdRun(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "run", "run [--config FILE]\n\nConnects to Slack (Socket Mode or the HTTP Events API, as configured) and runs until interrupted.")
	cfgPath := fs.String("config", "", "configuration file (default $PRAXIS_CONFIG or praxis.yaml)")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	cfg, err := config.Load(configPath(*cfgPath, e), e.getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.Log, e.stderr, cfg.Secrets)
	log.Info("starting praxis", "version", version, "config", cfg)
	so := e.serve
	so.faults = faultsFrom(e.getenv)
	return serve(ctx, cfg, log, so)
}

// serveOptions are what the demo and tests change in serve. The zero value
// is production's: the wall clock, every scheduled job.
type serveOptions struct {
	faults faults
	// now is the clock of every component (the store, the poster, the
	// dispatcher's throttle, expert finding, question routing, the
	// scheduler, Home, reports, the model's daily budget, the back-fill):
	// the demo's runs fast, tests start it at the instant they test;
	// default time.Now. Deadlines and timeouts stay on real time.
	now        func() time.Time
	after      func(time.Duration) <-chan time.Time // the scheduler's sleeps on that clock; default time.After
	routeEvery time.Duration                        // how often unanswered questions are checked; default 1m
	// noJobs leaves the scheduler without jobs (digests, nudges, rituals,
	// reports, retention): a test turns them on only when it tests one.
	noJobs bool
	// posterIdle is the poster's longest sleep when nothing is due
	// (outbox.Options.Idle): tests make it long, so that only the store's
	// report of a commit wakes it.
	posterIdle time.Duration
}

// serve runs the bot: the data path of the README's architecture section.
func serve(ctx context.Context, cfg *config.Config, log *slog.Logger, so serveOptions) error {
	f := so.faults
	if so.now == nil {
		so.now = time.Now
	}
	if so.after == nil {
		so.after = time.After
	}
	if so.routeEvery <= 0 {
		so.routeEvery = time.Minute
	}
	st, err := store.Open(ctx, cfg.Database.Path, store.Options{Now: so.now})
	if err != nil {
		return err
	}
	defer st.Close()
	m := metrics.New()
	m.WatchDepths(st)

	api := slack.New(cfg.Secrets.BotToken, slackOptions(cfg)...)
	dir := slackio.NewDirectory(api)
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	id, err := dir.Whoami(wctx)
	cancel()
	if err != nil {
		return fmt.Errorf("connect to Slack (check SLACK_BOT_TOKEN and slack.api_url): %w", err)
	}
	comms, err := resolveCommunities(ctx, cfg, st, dir)
	if err != nil {
		return err
	}
	log.Info("connected to workspace", "team", id.Team, "bot_user", id.UserID, "channels", len(comms.Channels()))

	poster := outbox.NewPoster(st, api, m, log.With("component", "outbox"), outbox.Options{
		Rate: cfg.Outbox.RatePerSecond, Burst: cfg.Outbox.Burst, MaxAttempts: cfg.Outbox.MaxAttempts, AfterSend: f.afterSend,
		Idle: so.posterIdle})
	rec := record.New(st, comms, dir, id.UserID, log.With("component", "record"))
	eopts := engineOptions(cfg, comms.Communities())
	eopts.Log, eopts.Now, eopts.Metrics = log.With("component", "expert"), so.now, m
	eng := expert.New(st, eopts)
	// What a commit changed wakes the poster and keeps the expert index
	// current, whoever wrote it.
	st.OnCommit(poster.Committed)
	st.OnCommit(eng.Committed)
	model := llm.New(modelSettings(cfg.LLM), cfg.Secrets.OpenAIAPIKey, llm.Options{Log: log.With("component", "llm"),
		MaxConcurrent: cfg.LLM.MaxConcurrent,
		Now:           so.now})
	if model != nil {
		m.WatchLLM(func() metrics.LLMStats {
			s := model.Stats()
			return metrics.LLMStats{Requests: s.Requests, Errors: s.Errors, CacheHits: s.CacheHits, Refused: s.Refused,
				PromptTokens: s.PromptTokens, CompletionTokens: s.CompletionTokens, Latency: s.Latency,
				TokensToday: s.TokensToday, DailyBudget: s.DailyBudget}
		})
	}
	var classifier expert.Classifier
	if model != nil {
		classifier = model
	}
	tracker := expert.NewTracker(eng, comms, id.UserID, classifier)
	asker := expert.NewAsker(eng, st, comms, id.URL, cfg.Experts.Suggest)
	var summarizer digest.Summarizer
	if model != nil {
		summarizer = model
	}
	digests := digest.New(st, digest.Options{Directory: comms, Experts: eng, Summarizer: summarizer, TeamURL: id.URL,
		Log: log, Metrics: m})
	reports := report.NewCommand(st, comms, id.URL, so.now)
	priv := privacy.New(st, privacy.Options{Retention: cfg.Retention.MessageText.Std(),
		Log: log.With("component", "privacy")})
	nudges := nudge.Options{Log: log, Experts: eng.WhoCouldAnswer, URL: id.URL, Metrics: m}
	homeTab := home.New(st, comms, home.Options{Experts: eng, Digests: digests, Nudger: nudge.New(st, comms, nudges),
		TeamURL: id.URL, Now: so.now, Log: log})
	// One route table for commands, buttons and shortcuts, and /praxis help.
	resp, err := command.New(st, comms, slices.Concat(asker.Routes(), digests.Routes(), nudge.NewPrefs().Routes(),
		reports.Routes(), priv.Routes(), homeTab.Routes())...)
	if err != nil {
		return err
	}
	// Members' requests behind a per-member rate limit (dispatch.Throttle);
	// what they contribute is always recorded.
	requests := dispatch.NewThrottle(dispatch.Chain{resp, homeTab}, comms, m, so.now)
	handlers := dispatch.Chain{rec, tracker, requests}
	var backfill *history.Backfiller
	if cfg.Slack.BackfillDepth > 0 {
		backfill = history.NewBackfiller(st, dir, []history.Write{rec.Record, tracker.Follow}, comms,
			history.BackfillOptions{Rate: cfg.Slack.BackfillRate, Depth: cfg.Slack.BackfillDepth.Std(), Now: so.now,
				Log: log.With("component", "backfill")})
		if err := backfill.Prime(ctx); err != nil {
			return err
		}
		handlers = append(handlers, backfill.WatchJoins(id.UserID))
	}
	disp := dispatch.New(st, slackio.Decode, handlers, m, log.With("component", "dispatch"),
		dispatch.Options{Workers: cfg.Inbox.Workers, AfterPrepare: f.afterPrepare})
	recv := slackio.NewReceiver(st, comms, m, log.With("component", "inbox"), disp.Wake)
	recv.AfterStore = f.afterStore

	router := expert.NewRouter(st, eng, comms, id.URL, log.With("component", "questions"))
	// Questions from before this start (a back-fill, an outage) wait at
	// most a day's worth of routing: older ones are only recorded.
	router.Now, router.Since = so.now, so.now().Add(-24*time.Hour)
	var drafter ritual.Drafter
	if model != nil {
		drafter = model
	}
	sched := schedule.New(st, schedule.Options{Log: log, Now: so.now, After: so.after})
	if !so.noJobs {
		jobs := jobSources{drafter: drafter, digests: digests, priv: priv, nudges: nudges, teamURL: id.URL}
		if err := addJobs(sched, comms, st, eng, m, log, jobs); err != nil {
			return err
		}
	}

	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		// The index loads while events are acknowledged and stored; expert
		// queries wait for it. A stop during the load is a stop, not an
		// error.
		if err := eng.Load(gctx); err != nil {
			if gctx.Err() != nil {
				return nil
			}
			return err
		}
		return eng.Run(gctx)
	})
	g.Go(func() error { return router.Run(gctx, so.routeEvery) })
	g.Go(func() error { return sched.Run(gctx) })
	g.Go(func() error { return recv.Run(gctx) })
	g.Go(func() error { return disp.Run(gctx) })
	g.Go(func() error { return rec.Run(gctx) }) // members' profiles, fetched beside recording
	g.Go(func() error { return poster.Run(gctx) })
	kick := func() {}
	if backfill != nil {
		g.Go(func() error { return backfill.Run(gctx) })
		kick = backfill.Kick
	}
	connected, err := startTransport(gctx, g, cfg, api, recv, m, log, kick)
	if err != nil {
		return err
	}
	if cfg.Admin.Listen != "" {
		g.Go(func() error { return serveHTTP(gctx, cfg.Admin.Listen, adminHandler(st, m, connected), log) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	log.Info("praxis stopped")
	return nil
}

func slackOptions(cfg *config.Config) []slack.Option {
	opts := []slack.Option{slack.OptionHTTPClient(&http.Client{Timeout: 20 * time.Second, Transport: slackio.JSONCharset(nil)})}
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

// startTransport starts Socket Mode or the HTTP Events API and returns how to
// tell whether Slack can reach Praxis.
func startTransport(ctx context.Context, g *errgroup.Group, cfg *config.Config, api *slack.Client,
	recv *slackio.Receiver, m *metrics.Metrics, log *slog.Logger, onConnect func()) (func() bool, error) {
	if cfg.Slack.Mode == "http" {
		h := slackio.NewHTTP(recv, cfg.Secrets.SigningSecret, log.With("component", "http"))
		ln, err := net.Listen("tcp", cfg.Slack.Listen)
		if err != nil {
			return nil, fmt.Errorf("listen for Slack on %s: %w", cfg.Slack.Listen, err)
		}
		log.Info("events API listening", "addr", ln.Addr().String())
		m.SlackConnected.Set(1)
		onConnect()
		g.Go(func() error { return serveListener(ctx, ln, h.Handler(), log) })
		g.Go(func() error { return h.Run(ctx) }) // rejected requests, summarised per minute
		return func() bool { return true }, nil
	}
	sock := slackio.NewSocket(api, recv, m, log.With("component", "socket"), 16, 0)
	sock.OnConnect = func(context.Context, int) { onConnect() } // back-fill what the outage missed
	g.Go(func() error { return sock.Run(ctx) })
	return sock.Connected, nil
}

// resolveCommunities resolves the configured channels against the
// workspace, records the communities and returns their directory.
func resolveCommunities(ctx context.Context, cfg *config.Config, st *store.Store,
	dir *slackio.Directory) (*bot.Directory, error) {
	rctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	resolved, missing, err := dir.ResolveChannels(rctx, cfg.Channels())
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("channels not found in the workspace (invite Praxis or fix the name): %s",
			strings.Join(missing, ", "))
	}
	cs, err := communities(cfg, resolved)
	if err != nil {
		return nil, err
	}
	fb, err := fallback(cfg)
	if err != nil {
		return nil, err
	}
	if err := record.SyncCommunities(ctx, st, cs); err != nil {
		return nil, err
	}
	return bot.NewDirectory(cs, fb, record.People(st)), nil
}

// jobSources are the capabilities serve built that scheduled jobs run.
type jobSources struct {
	drafter ritual.Drafter
	digests *digest.Builder
	priv    *privacy.Privacy
	nudges  nudge.Options
	teamURL string
}

// addJobs gives the scheduler every job: the communities' rituals, nudges,
// digests, retention, the weekly reports and the expert ranking's weekly fit.
func addJobs(sched *schedule.Scheduler, comms *bot.Directory, st *store.Store, eng *expert.Engine, m *metrics.Metrics,
	log *slog.Logger, js jobSources) error {
	add := func(jobs ...schedule.Job) error {
		for _, j := range jobs {
			if err := sched.Add(j); err != nil {
				return err
			}
		}
		return nil
	}
	rituals := ritual.New(st, comms.Communities(), ritual.Options{Log: log, Drafter: js.drafter, Metrics: m})
	if err := add(rituals.Jobs()...); err != nil {
		return err
	}
	if err := scheduleNudges(sched, st, comms, js.nudges); err != nil {
		return err
	}
	if err := add(js.digests.Job(), js.priv.Job(), eng.FitJob()); err != nil {
		return err
	}
	reports := report.NewDeliverer(st, comms.Communities(), report.DeliverOptions{TeamURL: js.teamURL, Log: log})
	return add(reports.Jobs()...)
}

// modelSettings is the configuration's llm section as bot/llm takes it.
func modelSettings(c config.LLM) llm.Settings {
	return llm.Settings{BaseURL: c.BaseURL, Model: c.Model, DailyTokenBudget: c.DailyTokenBudget, Timeout: c.Timeout.Std()}
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
