package history

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"golang.org/x/time/rate"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/slackio"
	"praxis/store"
)

// Source reads history from Slack (slackio.Directory).
type Source interface {
	History(ctx context.Context, channel, oldest, cursor string, limit int) ([]slackio.Message, string, error)
	Replies(ctx context.Context, channel, threadTS, oldest, cursor string, limit int) ([]slackio.Message, string, error)
}

var _ Source = (*slackio.Directory)(nil)

// BackfillOptions tune a Backfiller.
type BackfillOptions struct {
	// Rate is the Web API calls per second (conversations.history and
	// .replies are Tier 3: about 50 a minute). Default 0.8.
	Rate float64
	// Depth is how far back a channel with no history at all is fetched.
	// Default 30 days.
	Depth time.Duration
	// ThreadWindow: threads active this recently are checked for replies
	// posted while Praxis was away (their parents are too old to show up in
	// the channel's history). Default 14 days.
	ThreadWindow time.Duration
	PageSize     int // default 200
	// Holds tells whether this replica holds a shard of channels
	// (store.Shard): the others back-fill their own channels. Default:
	// every shard (one process).
	Holds func(shard int) bool
}

// Backfiller fetches what was posted in the mapped channels while Praxis
// was not listening, and records it through the recorder.
type Backfiller struct {
	st      *store.Store
	src     Source
	writes  []Write
	dir     *bot.Directory
	opts    BackfillOptions
	now     func() time.Time
	log     *slog.Logger
	limiter *rate.Limiter
	kick    chan struct{}
}

// Write records an event in a transaction: the recorder's, and what keeps
// derived views (expert finding) current. Back-filled events are written as
// they come, without the dispatcher's Prepare: no profile is fetched, no
// model asked.
type Write func(ctx context.Context, ev bot.Event, tx *store.Tx) error

// NewBackfiller returns a Backfiller that records each event through
// writes, in order. Channels are fetched back from d's clock.
func NewBackfiller(st *store.Store, src Source, writes []Write, dir *bot.Directory, d bot.Deps,
	opts BackfillOptions) *Backfiller {
	d = d.For("backfill")
	if opts.Rate <= 0 {
		opts.Rate = 0.8
	}
	if opts.Depth <= 0 {
		opts.Depth = 30 * 24 * time.Hour
	}
	if opts.ThreadWindow <= 0 {
		opts.ThreadWindow = 14 * 24 * time.Hour
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 200
	}
	return &Backfiller{st: st, src: src, writes: writes, dir: dir, opts: opts, now: d.Now, log: d.Log,
		limiter: rate.NewLimiter(rate.Limit(opts.Rate), 1), kick: make(chan struct{}, 1)}
}

// Kick asks for a back-fill of every mapped channel (at start-up, after a
// reconnect, when Praxis joins a channel). Kicks during a run coalesce into
// one more run.
func (b *Backfiller) Kick() {
	select {
	case b.kick <- struct{}{}:
	default:
	}
}

// Run back-fills every mapped channel (of the shards this replica holds)
// each time it is kicked, until ctx ends.
func (b *Backfiller) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-b.kick:
		}
		channels := b.dir.Channels()
		slices.Sort(channels)
		for _, ch := range channels {
			if b.opts.Holds != nil && !b.opts.Holds(store.Shard(ch)) {
				continue
			}
			n, err := b.Channel(ctx, ch)
			if ctx.Err() != nil {
				return nil
			}
			if err != nil {
				b.log.Warn("back-fill stopped; it resumes from its checkpoint next time", "channel_id", ch, "err", err)
				continue
			}
			if n > 0 {
				b.log.Info("back-filled", "channel_id", ch, "messages", n)
			}
		}
	}
}

// Channel brings one channel up to date and returns how many messages it
// read. Each page is recorded with the checkpoint in one transaction.
func (b *Backfiller) Channel(ctx context.Context, channel string) (int, error) {
	cp, err := b.st.Backfill(ctx, channel)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return 0, err
	}
	if !cp.InProgress() {
		if cp, err = b.start(ctx, cp); err != nil {
			return 0, err
		}
	}
	read := 0
	for !cp.PagesDone {
		page, next, err := paced(ctx, b.limiter, func(ctx context.Context) ([]slackio.Message, string, error) {
			return b.src.History(ctx, channel, cp.RunOldest, cp.Cursor, b.opts.PageSize)
		})
		if err != nil {
			return read, err
		}
		events := flatten(page)
		for _, m := range page { // threads that moved since the run's start
			if m.ReplyCount > 0 && m.LatestReply > cp.RunOldest {
				replies, err := b.thread(ctx, channel, m.TS, cp.RunOldest)
				if err != nil {
					return read, err
				}
				events = append(events, replies...)
			}
		}
		cp.RunNewest = newestTop(cp.RunNewest, page)
		cp.Cursor, cp.PagesDone = next, next == ""
		if err := b.record(ctx, events, cp); err != nil {
			return read, err
		}
		read += len(page)
	}
	// Replies to older threads never show in the channel's history.
	threads, err := b.st.ActiveThreads(ctx, channel, b.now().Add(-b.opts.ThreadWindow))
	if err != nil {
		return read, err
	}
	var events []bot.Event
	for _, ts := range threads {
		if ts > cp.RunOldest {
			continue // already read with the history
		}
		replies, err := b.thread(ctx, channel, ts, cp.RunOldest)
		if err != nil {
			return read, err
		}
		events = append(events, replies...)
	}
	// The next run starts from the newest top-level message read. Replies
	// do not move it: a reply newer than a message posted during this run,
	// after its history page was read, would otherwise hide that message.
	cp.DoneUntil, cp.RunOldest, cp.RunNewest, cp.Cursor, cp.PagesDone = cp.RunNewest, "", "", "", false
	return read, b.record(ctx, events, cp)
}

// Prime gives every mapped channel without a checkpoint its starting point,
// before any live event is recorded: the newest message already recorded (an
// import, an earlier version), else Depth ago for a newly mapped channel.
// Taken later, live messages would hide the gap before them.
func (b *Backfiller) Prime(ctx context.Context) error {
	for _, ch := range b.dir.Channels() {
		if _, err := b.st.Backfill(ctx, ch); !errors.Is(err, store.ErrNotFound) {
			if err != nil {
				return err
			}
			continue
		}
		since, err := b.st.LatestTopLevelTS(ctx, ch)
		if err != nil {
			return err
		}
		if since == "" {
			since = fmt.Sprintf("%d.000000", b.now().Add(-b.opts.Depth).Unix())
		}
		if err := b.record(ctx, nil, store.Checkpoint{ChannelID: ch, DoneUntil: since}); err != nil {
			return err
		}
	}
	return nil
}

// start opens a run from the checkpoint: a run re-reads from the last one's
// newest message, since what came while connected may not have been
// delivered before the connection dropped.
func (b *Backfiller) start(ctx context.Context, cp store.Checkpoint) (store.Checkpoint, error) {
	since := cp.DoneUntil
	if since == "" {
		since = fmt.Sprintf("%d.000000", b.now().Add(-b.opts.Depth).Unix())
	}
	cp.RunOldest, cp.RunNewest, cp.Cursor, cp.PagesDone = since, since, "", false
	return cp, nil
}

// thread reads the replies of a thread posted after oldest.
func (b *Backfiller) thread(ctx context.Context, channel, ts, oldest string) ([]bot.Event, error) {
	var out []bot.Event
	cursor := ""
	for {
		page, next, err := paced(ctx, b.limiter, func(ctx context.Context) ([]slackio.Message, string, error) {
			return b.src.Replies(ctx, channel, ts, oldest, cursor, b.opts.PageSize)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, flatten(page)...)
		if next == "" {
			return out, nil
		}
		cursor = next
	}
}

func (b *Backfiller) record(ctx context.Context, events []bot.Event, cp store.Checkpoint) error {
	return b.st.Batch(ctx, func(tx *store.Tx) error {
		for _, ev := range events {
			for _, write := range b.writes {
				if err := write(ctx, ev, tx); err != nil {
					return err
				}
			}
		}
		return tx.SetBackfill(ctx, cp)
	})
}

// paced makes one Web API call through the limiter, waiting out 429s for
// as long as Slack's Retry-After says (a second at least), ten times at
// most: the back-fill's and discovery's reading of Slack.
func paced[T any](ctx context.Context, l *rate.Limiter,
	fn func(context.Context) (T, string, error)) (T, string, error) {
	for attempt := 0; ; attempt++ {
		var zero T
		if err := l.Wait(ctx); err != nil {
			return zero, "", err
		}
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		v, next, err := fn(cctx)
		cancel()
		wait, limited := slackio.RetryAfter(err)
		if !limited || attempt >= 10 {
			return v, next, err
		}
		t := time.NewTimer(max(wait, time.Second))
		select {
		case <-ctx.Done():
			t.Stop()
			return zero, "", ctx.Err()
		case <-t.C:
		}
	}
}

func flatten(page []slackio.Message) []bot.Event {
	var out []bot.Event
	for _, m := range page {
		out = append(out, m.Events...)
	}
	return out
}

// newestTop returns the newest of ts and the history page's own messages.
func newestTop(ts string, page []slackio.Message) string {
	for _, m := range page {
		ts = max(ts, m.TS)
	}
	return ts
}

// WatchJoins returns a dispatch handler that kicks a back-fill when Praxis
// itself joins a channel (it was just invited to a mapped channel).
func (b *Backfiller) WatchJoins(botUserID string) JoinWatcher {
	return JoinWatcher{b: b, bot: botUserID}
}

// JoinWatcher kicks the back-fill when the bot joins a mapped channel.
type JoinWatcher struct {
	b   *Backfiller
	bot string
}

// Prepare kicks the back-fill for a join by the bot; it writes nothing.
func (w JoinWatcher) Prepare(_ context.Context, ev bot.Event) (dispatch.Step, error) {
	joined := ev.Kind == bot.KindJoin || (ev.Kind == bot.KindMessage && ev.Subtype == "channel_join")
	if joined && ev.User == w.bot {
		if _, mapped := w.b.dir.Of(ev.Channel); mapped {
			w.b.Kick()
		}
	}
	return nil, nil
}
