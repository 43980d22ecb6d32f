package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
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
	"praxis/bot/question"
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
	return serve(ctx, cfg, log, serveOptions{faults: faultsFrom(e.getenv)})
}

// serveOptions are what the demo and tests change in serve.
type serveOptions struct {
	faults     faults
	now        func() time.Time                     // the clock of expert finding, question routing and the scheduler (the demo's runs fast); default time.Now
	after      func(time.Duration) <-chan time.Time // the scheduler's sleeps on that clock; default time.After
	routeEvery time.Duration                        // how often unanswered questions are checked; default 1m
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
	st, err := store.Open(ctx, cfg.Database.Path, store.Options{})
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
	mapping, channelID, err := mapCommunities(ctx, cfg, st, dir)
	if err != nil {
		return err
	}
	log.Info("connected to workspace", "team", id.Team, "bot_user", id.UserID, "channels", len(mapping.Channels()))

	poster := outbox.NewPoster(st, api, m, log.With("component", "outbox"), outbox.Options{
		Rate: cfg.Outbox.RatePerSecond, Burst: cfg.Outbox.Burst, MaxAttempts: cfg.Outbox.MaxAttempts, AfterSend: f.afterSend})
	rec := record.New(st, mapping, dir, id.UserID, log.With("component", "record"))
	eopts := engineOptions(cfg)
	eopts.Log, eopts.Now, eopts.Metrics = log.With("component", "expert"), so.now, m
	eng := expert.New(st, eopts)
	model := llm.New(cfg.LLM, cfg.Secrets.OpenAIAPIKey, llm.Options{Log: log.With("component", "llm"), MaxConcurrent: cfg.LLM.MaxConcurrent})
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
	tracker := expert.NewTracker(eng, mapping, id.UserID, classifier)
	asker := expert.NewAsker(eng, st, mapping, languageFor(cfg, mapping), id.URL, cfg.Experts.Suggest)
	resp := command.New(st, mapping, languageFor(cfg, mapping))
	prefs := nudge.NewPrefs(st)
	var summarizer digest.Summarizer
	if model != nil {
		summarizer = model
	}
	plans, err := ritual.FromConfig(cfg.Communities, channelID)
	if err != nil {
		return err
	}
	digests := digest.New(st, digest.Options{Communities: digest.FromConfig(cfg.Communities, channelID), Experts: eng,
		Rituals: plans, Summarizer: summarizer, TeamURL: id.URL, Log: log, Wake: poster.Wake, Metrics: m})
	reports := report.NewCommand(st, cfg, id.URL, so.now)
	priv := privacy.New(st, privacy.Options{Retention: cfg.Retention.MessageText.Std(), Language: languageFor(cfg, mapping),
		Forgotten: func(string) { eng.PeopleChanged(); eng.Reload() }, Erased: eng.Reload, Log: log.With("component", "privacy")})
	resp.Delegate(asker, prefs, digests, reports, priv)
	homeNudger, err := newNudger(ctx, cfg, st, eng, id.URL, log, poster.Wake, m)
	if err != nil {
		return err
	}
	homeTab := home.New(st, cfg, home.Options{Experts: eng, Digests: digests, Nudger: homeNudger, TeamURL: id.URL, Now: so.now,
		Log: log})
	// Members' requests behind a per-member rate limit (dispatch.Throttle);
	// what they contribute is always recorded.
	requests := dispatch.NewThrottle(dispatch.Chain{resp, asker, prefs, digests, reports, homeTab, priv}, st, m, so.now)
	handlers := dispatch.Chain{rec, tracker, requests}
	var backfill *history.Backfiller
	if cfg.Slack.BackfillDepth > 0 {
		backfill = history.NewBackfiller(st, dir, dispatch.Chain{rec, tracker}, mapping, history.BackfillOptions{Rate: cfg.Slack.BackfillRate,
			Depth: cfg.Slack.BackfillDepth.Std(), Log: log.With("component", "backfill")})
		if err := backfill.Prime(ctx); err != nil {
			return err
		}
		handlers = append(handlers, backfill.WatchJoins(id.UserID))
	}
	disp := dispatch.New(st, slackio.Decode, handlers, m, log.With("component", "dispatch"),
		dispatch.Options{Workers: cfg.Inbox.Workers, OnProcessed: poster.Wake})
	recv := slackio.NewReceiver(st, mapping, m, log.With("component", "inbox"), disp.Wake)
	recv.AfterStore = f.afterStore

	routes, err := routeCommunities(cfg)
	if err != nil {
		return err
	}
	router := expert.NewRouter(st, eng, mapping, routes, id.URL, log.With("component", "questions"), poster.Wake)
	// Questions from before this start (a back-fill, an outage) wait at
	// most a day's worth of routing: older ones are only recorded.
	router.Now, router.Since = so.now, so.now().Add(-24*time.Hour)
	var drafter ritual.Drafter
	if model != nil {
		drafter = model
	}
	sched, err := scheduleRituals(st, plans, drafter, m, log, so, poster.Wake)
	if err != nil {
		return err
	}
	if err := scheduleNudges(ctx, sched, cfg, st, eng, id.URL, log, poster.Wake, m); err != nil {
		return err
	}
	if err := sched.Add(digests.Job()); err != nil {
		return err
	}
	if err := sched.Add(priv.Job()); err != nil {
		return err
	}
	for _, j := range report.NewDeliverer(st, cfg, report.DeliverOptions{TeamURL: id.URL, Log: log, Wake: poster.Wake}).Jobs() {
		if err := sched.Add(j); err != nil {
			return err
		}
	}

	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		// The index loads while events are acknowledged and stored; expert
		// queries wait for it.
		if err := eng.Load(gctx); err != nil {
			return err
		}
		return eng.Run(gctx)
	})
	g.Go(func() error { return router.Run(gctx, so.routeEvery) })
	g.Go(func() error { return sched.Run(gctx) })
	g.Go(func() error { return recv.Run(gctx) })
	g.Go(func() error { return disp.Run(gctx) })
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
	opts := []slack.Option{slack.OptionHTTPClient(&http.Client{Timeout: 20 * time.Second})}
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
		return func() bool { return true }, nil
	}
	sock := slackio.NewSocket(api, recv, m, log.With("component", "socket"), 16, 0)
	sock.OnConnect = func(context.Context, int) { onConnect() } // back-fill what the outage missed
	g.Go(func() error { return sock.Run(ctx) })
	return sock.Connected, nil
}

// mapCommunities resolves the configured channels, records the communities
// and returns the channel → community mapping, and the ID of each channel
// reference of the file.
func mapCommunities(ctx context.Context, cfg *config.Config, st *store.Store, dir *slackio.Directory) (*bot.Mapping, func(ref string) (string, bool), error) {
	rctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	resolved, missing, err := dir.ResolveChannels(rctx, cfg.Channels())
	if err != nil {
		return nil, nil, err
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("channels not found in the workspace (invite Praxis or fix the name): %s", strings.Join(missing, ", "))
	}
	var cs []store.Community
	byID := map[string]string{}
	for _, c := range cfg.Communities {
		sc := store.Community{Name: c.Name, Vocation: c.Vocation, Language: c.Language, Timezone: c.Timezone, Channels: map[string]string{},
			Private: map[string]bool{}}
		for _, ref := range c.Channels {
			ch := resolved[ref]
			sc.Channels[ch.ID], sc.Private[ch.ID] = ch.Name, ch.Private
			byID[ch.ID] = c.Name
		}
		cs = append(cs, sc)
	}
	if _, err := st.SyncCommunities(ctx, cs); err != nil {
		return nil, nil, err
	}
	channelID := func(ref string) (string, bool) { ch, ok := resolved[ref]; return ch.ID, ok }
	return bot.NewMapping(byID), channelID, nil
}

// scheduleRituals returns a scheduler, on serve's clock, running the
// communities' rituals.
func scheduleRituals(st *store.Store, plans []ritual.Community, drafter ritual.Drafter, m *metrics.Metrics, log *slog.Logger, so serveOptions, wake func()) (*schedule.Scheduler, error) {
	sched := schedule.New(st, schedule.Options{Log: log, Now: so.now, After: so.after})
	for _, j := range ritual.New(st, plans, ritual.Options{Log: log, Wake: wake, Drafter: drafter, Metrics: m}).Jobs() {
		if err := sched.Add(j); err != nil {
			return nil, err
		}
	}
	return sched, nil
}

// routeCommunities reads how each community follows its unanswered
// questions.
func routeCommunities(cfg *config.Config) ([]expert.RouteCommunity, error) {
	var out []expert.RouteCommunity
	for _, c := range cfg.Communities {
		loc, err := time.LoadLocation(c.Timezone)
		if err != nil {
			return nil, fmt.Errorf("community %s: %w", c.Name, err)
		}
		h, err := question.ParseHours(c.Questions.WorkingHours, c.Questions.WorkingDays, loc)
		if err != nil {
			return nil, fmt.Errorf("community %s: working hours: %w", c.Name, err)
		}
		out = append(out, expert.RouteCommunity{Name: c.Name, Language: c.Language, Facilitators: c.Facilitators, Hours: h,
			AnswerWithin:  time.Duration(c.Questions.AnswerWithinHours) * time.Hour,
			EscalateAfter: time.Duration(c.Questions.EscalateAfterHours) * time.Hour})
	}
	return out, nil
}

// languageFor returns the default language for a channel: its community's,
// else the workspace's.
func languageFor(cfg *config.Config, mapping *bot.Mapping) func(string) string {
	langs := map[string]string{}
	for _, c := range cfg.Communities {
		langs[c.Name] = c.Language
	}
	return func(channel string) string {
		if name, ok := mapping.Community(channel); ok && langs[name] != "" {
			return langs[name]
		}
		return cfg.Language
	}
}

func adminHandler(st *store.Store, m *metrics.Metrics, connected func() bool) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Timeout: 5 * time.Second}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		var problems []string
		if err := st.Ping(ctx); err != nil {
			problems = append(problems, "store not writable: "+err.Error())
		}
		if !connected() {
			problems = append(problems, "not connected to Slack")
		}
		if len(problems) > 0 {
			http.Error(w, strings.Join(problems, "\n"), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	return mux
}

func serveHTTP(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	log.Info("admin listening", "addr", ln.Addr().String())
	return serveListener(ctx, ln, h, log)
}

// serveListener serves until ctx ends, then shuts down gracefully.
func serveListener(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	return nil
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
