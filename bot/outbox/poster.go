package outbox

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/store"
)

// Slack is the part of the Web API the poster uses.
type Slack interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string,
		options ...slack.MsgOption) (string, string, string, error)
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
	GetConversationHistoryContext(ctx context.Context,
		params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
	GetConversationRepliesContext(ctx context.Context,
		params *slack.GetConversationRepliesParameters) ([]slack.Message, bool, string, error)
	OpenConversationContext(ctx context.Context,
		params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
	UploadFileContext(ctx context.Context, params slack.UploadFileParameters) (*slack.FileSummary, error)
}

var _ Slack = (*slack.Client)(nil)

// metadataType marks Praxis's messages so that a send in doubt can be found
// again in the channel's history.
const metadataType = "praxis_outbox"

// Options tune a Poster.
type Options struct {
	Rate        float64       // messages per second; default 1
	Burst       int           // default 1
	MaxAttempts int           // then dead; default 8
	Timeout     time.Duration // per Web API call; default 10s
	BaseBackoff time.Duration // first retry delay after a 5xx or timeout; default 1s
	MaxBackoff  time.Duration // default 5m
	Idle        time.Duration // longest sleep when nothing is due; default 5s
	// AfterSend, when set, runs after Slack accepted a message and before the
	// outbox records it. Crash tests stop the process there.
	AfterSend func(key string)
	// HTTP posts to response URLs; default a client that follows no
	// redirect (an answer goes to Slack, nowhere else).
	HTTP *http.Client
	// ReplicaTTL is the replicas' lease time (store.Heartbeat): a message
	// left "sending" by a replica not seen for that long is in doubt, and
	// on a shared store the poster looks for such messages that often.
	// Default store.DefaultReplicaTTL.
	ReplicaTTL time.Duration
}

// Poster sends the outbox.
type Poster struct {
	st      *store.Store
	api     Slack
	m       *metrics.Metrics
	log     *slog.Logger
	opts    Options
	limiter *rate.Limiter
	wake    chan struct{}
	now     func() time.Time // the store's clock: retries are due by it
	http    *http.Client
	// pausedUntil holds every send after a 429 (only the Run goroutine
	// touches it).
	pausedUntil time.Time
	// doubt is set while some message's delivery is unknown: left "sending"
	// after an ambiguous failure, or not yet settled. lastSettle rate-limits
	// the look-ups.
	doubt      bool
	lastSettle time.Time
}

// NewPoster returns a Poster. Its clock (a response_url's age, back-offs)
// is d's, the store's as it stamps the rows.
func NewPoster(st *store.Store, api Slack, d bot.Deps, opts Options) *Poster {
	d = d.For("outbox")
	if opts.Rate <= 0 {
		opts.Rate = 1
	}
	if opts.Burst <= 0 {
		opts.Burst = 1
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 8
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.BaseBackoff <= 0 {
		opts.BaseBackoff = time.Second
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 5 * time.Minute
	}
	if opts.ReplicaTTL <= 0 {
		opts.ReplicaTTL = store.DefaultReplicaTTL
	}
	if opts.Idle <= 0 {
		opts.Idle = 5 * time.Second
	}
	if opts.HTTP == nil {
		opts.HTTP = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	return &Poster{
		st:      st,
		api:     api,
		m:       d.Metrics,
		log:     d.Log,
		opts:    opts,
		limiter: rate.NewLimiter(rate.Limit(opts.Rate), opts.Burst),
		wake:    make(chan struct{}, 1),
		now:     d.Now,
		http:    opts.HTTP,
	}
}

// Share sets the poster's part of the configured rate when replicas share
// the sending (store.Shard): held of the shards, so that together they
// keep to the rate Slack allows the app. A replica alone holds them all.
func (p *Poster) Share(held, of int) {
	if held <= 0 || of <= 0 {
		return // it sends nothing until it holds a shard
	}
	r := p.opts.Rate * float64(min(held, of)) / float64(of)
	p.limiter.SetLimit(rate.Limit(r))
}

// Committed is how the poster follows the store, registered once with
// store.OnCommit: a commit that enqueued a message wakes it, whoever
// wrote it (an event's step, a job, a command). It never blocks.
func (p *Poster) Committed(c store.Changes) {
	if !c.Outbox {
		return
	}
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Run sends due messages until ctx ends. It first settles the messages a
// previous run left in doubt.
func (p *Poster) Run(ctx context.Context) error {
	if err := p.settleInDoubt(ctx); err != nil && ctx.Err() == nil {
		p.log.Error("settle in-doubt messages", "err", err)
	}
	for {
		if p.doubt && p.now().Sub(p.lastSettle) >= p.opts.BaseBackoff ||
			p.st.Shared() && p.now().Sub(p.lastSettle) >= p.opts.ReplicaTTL {
			if err := p.settleInDoubt(ctx); err != nil && ctx.Err() == nil {
				p.log.Warn("settle in-doubt messages", "err", err)
			}
		}
		due, err := p.st.DueOutbox(ctx, 64)
		if err != nil && ctx.Err() == nil {
			p.log.Error("read outbox", "err", err)
		}
		for _, row := range due {
			if err := p.waitTurn(ctx); err != nil {
				return nil
			}
			p.send(ctx, row)
		}
		if ctx.Err() != nil {
			return nil
		}
		if len(due) > 0 {
			continue
		}
		if err := p.sleep(ctx); err != nil {
			return nil
		}
	}
}

// waitTurn waits out a rate-limit pause, then for the limiter.
func (p *Poster) waitTurn(ctx context.Context) error {
	if d := p.pausedUntil.Sub(p.now()); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return p.limiter.Wait(ctx)
}

// sleep waits until the next message is due, a wake-up, or Idle.
func (p *Poster) sleep(ctx context.Context) error {
	d := p.opts.Idle
	if next, ok, err := p.st.NextOutboxAttempt(ctx); err == nil && ok {
		d = min(d, max(next.Sub(p.now()), time.Millisecond))
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-p.wake:
	case <-t.C:
	}
	return nil
}

// send makes one attempt. The row is marked "sending" before the call, so a
// crash during it leaves the message in doubt, to be settled at start-up.
func (p *Poster) send(ctx context.Context, row store.OutRow) {
	if err := p.st.MarkSending(ctx, row.ID); err != nil {
		if errors.Is(err, store.ErrNotFound) { // another replica took it, or sent it
			return
		}
		p.log.Error("mark sending", "key", row.Key, "err", err)
		return
	}
	cctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	start := time.Now()
	channel, ts, err := p.call(cctx, row)
	cancel()
	p.m.SendLatency.Observe(time.Since(start).Seconds())
	if err == nil {
		if p.opts.AfterSend != nil {
			p.opts.AfterSend(row.Key)
		}
		if err := p.st.MarkSent(context.WithoutCancel(ctx), row.ID, channel, ts); err != nil {
			// The row stays "sending": settling finds the message in Slack
			// and records it, rather than posting it again.
			p.log.Error("record sent message", "key", row.Key, "err", err)
			p.doubt = true
			return
		}
		p.m.OutboxSent.Inc()
		return
	}
	p.failed(ctx, row, err)
}
