// Package app builds Praxis once from its configuration: each component
// exactly once, in dependency order, from the communities resolved at start
// and one set of dependencies (clock, logger, metrics: bot.Deps, handed to
// every component the same way), then runs them under one errgroup. `praxis
// run` and the demo serve it; the offline commands take the pieces they
// need (NewDirectory, StoredDirectory, LoadCore). With cmd's commands, it is
// the only package that reads bot/config.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/bot/dispatch"
	"praxis/bot/expert/slackedge"
	"praxis/bot/history"
	"praxis/bot/metrics"
	"praxis/bot/outbox"
	"praxis/bot/privacy"
	"praxis/bot/record"
	"praxis/bot/schedule"
	"praxis/bot/slackio"
	"praxis/store"
)

// Deps are what the program hands the application besides its
// configuration: what every component is given (Now, Log, Metrics) and the
// switches the demo and tests turn. The zero value is production's: the
// wall clock, a logger that discards (run gives its own), fresh metrics,
// every scheduled job.
type Deps struct {
	// Now is every component's clock (the store, the poster, the
	// dispatcher's throttle, expert finding, question routing, the
	// scheduler, Home, reports, the model's daily budget, the back-fill):
	// the demo's runs fast, tests start it at the instant they test.
	// Deadlines and timeouts stay on real time.
	Now     func() time.Time
	After   func(time.Duration) <-chan time.Time // the scheduler's sleeps on that clock; default time.After
	Log     *slog.Logger
	Metrics *metrics.Metrics // what /metrics serves; default new ones
	// RouteEvery is how often unanswered questions are checked; default 1m.
	RouteEvery time.Duration
	// NoJobs leaves the scheduler without jobs (digests, nudges, rituals,
	// reports, retention): a test turns them on only when it tests one.
	NoJobs bool
	// PosterIdle is the poster's longest sleep when nothing is due
	// (outbox.Options.Idle): tests make it long, so that only the store's
	// report of a commit wakes it.
	PosterIdle time.Duration
	// AfterStore, AfterPrepare and AfterSend, when set, run at the crash
	// tests' points: an event stored and not yet acknowledged, an event
	// prepared and its step not yet committed, a message Slack accepted
	// and the outbox not yet told.
	AfterStore, AfterPrepare, AfterSend func(key string)
	// ReplicaTTL is how long the replicas' leases last without a
	// heartbeat (store.Heartbeat); default store.DefaultReplicaTTL.
	ReplicaTTL time.Duration
}

// App is Praxis built from one configuration: what Run runs, and what the
// demo and tests look at. Every field is set by New, once; Backfill is nil
// without slack.backfill_depth, HTTP or Socket is the configured transport.
type App struct {
	Store     *store.Store
	Slack     *slack.Client
	Identity  slackio.Identity // Praxis's user and the workspace's URL
	Directory *bot.Directory
	Core
	Poster     *outbox.Poster
	Recorder   *record.Recorder
	Tracker    *slackedge.Tracker
	Privacy    *privacy.Privacy
	Handlers   dispatch.Chain // the dispatcher's: recording, questions, members' requests
	Dispatcher *dispatch.Dispatcher
	Receiver   *slackio.Receiver
	Backfill   *history.Backfiller
	Router     *slackedge.Router
	Scheduler  *schedule.Scheduler
	Jobs       []schedule.Job // the scheduler's (none with Deps.NoJobs)
	HTTP       *slackio.HTTP
	Socket     *slackio.Socket

	cfg      *config.Config
	deps     Deps
	botDeps  bot.Deps           // deps as each component takes them
	slackDir *slackio.Directory // members' profiles, channels, history
	replicas *replicas          // the shards this replica holds
}

// New opens the store, connects to Slack (auth.test), resolves the
// configured channels against the workspace and builds every component.
// Close closes what it opened.
func New(ctx context.Context, cfg *config.Config, d Deps) (*App, error) {
	d = d.withDefaults()
	st, err := store.OpenDB(ctx, cfg.Store(), store.Options{Now: d.Now})
	if err != nil {
		return nil, err
	}
	d.Metrics.WatchDepths(st)
	a := &App{Store: st, cfg: cfg, deps: d, botDeps: bot.Deps{Now: d.Now, Log: d.Log, Metrics: d.Metrics}}
	a.replicas = newReplicas(st, d.ReplicaTTL, d.Log, d.Metrics)
	if err := a.replicas.beat(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if err := a.connect(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if err := a.build(); err != nil {
		st.Close()
		return nil, err
	}
	if err := a.addJobs(); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

func (d Deps) withDefaults() Deps {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.After == nil {
		d.After = time.After
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Metrics == nil {
		d.Metrics = metrics.New()
	}
	if d.RouteEvery <= 0 {
		d.RouteEvery = time.Minute
	}
	return d
}

// connect makes the Slack client, asks who Praxis is and resolves the
// communities.
func (a *App) connect(ctx context.Context) error {
	a.Slack = SlackClient(a.cfg)
	a.slackDir = slackio.NewDirectory(a.Slack)
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	id, err := a.slackDir.Whoami(wctx)
	cancel()
	if err != nil {
		return fmt.Errorf("connect to Slack (check SLACK_BOT_TOKEN and slack.api_url): %w", err)
	}
	a.Identity = id
	if err := a.resolve(ctx); err != nil {
		return err
	}
	a.deps.Log.Info("connected to workspace", "team", id.Team, "bot_user", id.UserID,
		"channels", len(a.Directory.Channels()))
	return nil
}

// build makes the components, each once, in the order they depend on one
// another: the README's data path, then what runs beside it.
func (a *App) build() error {
	d, cfg, st, dir, me := a.botDeps, a.cfg, a.Store, a.Directory, a.Identity.UserID
	a.Poster = outbox.NewPoster(st, a.Slack, d, outbox.Options{
		Rate:        cfg.Outbox.RatePerSecond,
		Burst:       cfg.Outbox.Burst,
		MaxAttempts: cfg.Outbox.MaxAttempts,
		AfterSend:   a.deps.AfterSend,
		Idle:        a.deps.PosterIdle,
		ReplicaTTL:  a.replicas.ttl,
	})
	// What a commit enqueued wakes the poster, whoever wrote it; the
	// engine follows the commits likewise (NewCore).
	st.OnCommit(a.Poster.Committed)
	a.Recorder = record.New(st, dir, a.slackDir, me, d)
	a.Core = NewCore(cfg, st, dir, a.Identity.URL, d)
	a.watchModel()
	a.Tracker = slackedge.NewTracker(a.Engine, st, dir, me, modelAs[slackedge.Classifier](a.Model))
	a.Privacy = privacy.New(st, d, privacy.Options{Retention: cfg.Retention.MessageText.Std()})
	requests, err := a.requests()
	if err != nil {
		return err
	}
	a.Handlers = dispatch.Chain{a.Recorder, a.Tracker, requests}
	if cfg.Slack.BackfillDepth > 0 {
		writes := []history.Write{a.Recorder.Record, a.Tracker.Follow}
		a.Backfill = history.NewBackfiller(st, a.slackDir, writes, dir, d,
			history.BackfillOptions{Rate: cfg.Slack.BackfillRate, Depth: cfg.Slack.BackfillDepth.Std(),
				Holds: a.replicas.Holds})
		a.Handlers = append(a.Handlers, a.Backfill.WatchJoins(me))
	}
	a.Dispatcher = dispatch.New(st, slackio.Decode, a.Handlers, d,
		dispatch.Options{Workers: cfg.Inbox.Workers, AfterPrepare: a.deps.AfterPrepare, Holds: a.replicas.Holds,
			Apart: dispatch.Contribution(dir)})
	a.replicas.stored = a.Dispatcher.WakeFrom
	a.replicas.changed = func(held int) {
		a.Poster.Share(held, store.Shards)
		a.Dispatcher.WakeFrom(0) // events that became this replica's, from the start
		a.kick()                 // and their channels brought up to date
	}
	a.Poster.Share(len(a.replicas.list()), store.Shards)
	a.Receiver = slackio.NewReceiver(st, dir, d,
		slackio.ReceiverOptions{Wake: a.Dispatcher.Wake, AfterStore: a.deps.AfterStore})
	// Questions from before this start (a back-fill, an outage) wait at
	// most a day's worth of routing: older ones are only recorded.
	a.Router = slackedge.NewRouter(st, a.Engine, dir, a.Identity.URL, d,
		slackedge.RouterOptions{Since: a.deps.Now().Add(-24 * time.Hour), Holds: a.replicas.Holds})
	a.Scheduler = schedule.New(st, d, schedule.Options{After: a.deps.After})
	a.transport()
	return nil
}

// watchModel has /metrics read the model's totals.
func (a *App) watchModel() {
	if a.Model == nil {
		return
	}
	a.deps.Metrics.WatchLLM(func() metrics.LLMStats {
		s := a.Model.Stats()
		return metrics.LLMStats{
			Requests:         s.Requests,
			Errors:           s.Errors,
			CacheHits:        s.CacheHits,
			Refused:          s.Refused,
			PromptTokens:     s.PromptTokens,
			CompletionTokens: s.CompletionTokens,
			Latency:          s.Latency,
			TokensToday:      s.TokensToday,
			DailyBudget:      s.DailyBudget,
		}
	})
}

// Close closes the store, once Run has returned (or if it never ran).
func (a *App) Close() error { return a.Store.Close() }
