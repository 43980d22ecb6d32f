package outbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"praxis/bot/metrics"
	"praxis/store"
)

// Slack is the part of the Web API the poster uses.
type Slack interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
	GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
	GetConversationRepliesContext(ctx context.Context, params *slack.GetConversationRepliesParameters) ([]slack.Message, bool, string, error)
	OpenConversationContext(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
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
	// pausedUntil holds every send after a 429 (only the Run goroutine
	// touches it).
	pausedUntil time.Time
	// doubt is set while some message's delivery is unknown: left "sending"
	// after an ambiguous failure, or not yet settled. lastSettle rate-limits
	// the look-ups.
	doubt      bool
	lastSettle time.Time
}

// NewPoster returns a Poster.
func NewPoster(st *store.Store, api Slack, m *metrics.Metrics, log *slog.Logger, opts Options) *Poster {
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
	if opts.Idle <= 0 {
		opts.Idle = 5 * time.Second
	}
	return &Poster{st: st, api: api, m: m, log: log, opts: opts,
		limiter: rate.NewLimiter(rate.Limit(opts.Rate), opts.Burst), wake: make(chan struct{}, 1), now: st.Now}
}

// Wake tells the poster that a message was enqueued. It never blocks.
func (p *Poster) Wake() {
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
		if p.doubt && p.now().Sub(p.lastSettle) >= p.opts.BaseBackoff {
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

func (p *Poster) failed(ctx context.Context, row store.OutRow, err error) {
	stopping := ctx.Err() != nil
	ctx = context.WithoutCancel(ctx)
	attempts := row.Attempts + 1
	var rl *slack.RateLimitedError
	switch kind := classify(err); {
	case errors.As(err, &rl):
		p.m.SlackRateLimited.Inc()
		p.m.OutboxRetries.WithLabelValues("ratelimited").Inc()
		wait := max(rl.RetryAfter, time.Second)
		// Slack asks us to hold off: pause the whole poster, not just this message.
		p.pausedUntil = p.now().Add(wait)
		if err := p.st.MarkRetry(ctx, row.ID, p.now().Add(wait), err.Error()); err != nil {
			p.log.Error("mark retry", "key", row.Key, "err", err)
		}
		return
	case kind == ambiguous && (row.Method == PostMessage || row.Method == PostEphemeral || row.Method == UploadFile):
		// Slack may have posted it (a timeout, a 5xx, a connection cut after
		// the request left, a shutdown mid-call): sending it again could post
		// it twice. The row stays "sending" and is settled by looking for it
		// in the channel, as after a crash.
		p.m.OutboxRetries.WithLabelValues("in_doubt").Inc()
		p.doubt = true
		if !stopping {
			p.log.Warn("delivery unknown; will check Slack before sending again", "key", row.Key, "err", err)
		}
		return
	case kind != permanent && attempts < p.opts.MaxAttempts:
		// Not delivered for sure (Slack said so, or the connection was never
		// made), or an idempotent call: try again after a back-off.
		p.m.OutboxRetries.WithLabelValues("transient").Inc()
		if err := p.st.MarkRetry(ctx, row.ID, p.now().Add(p.backoff(attempts)), err.Error()); err != nil {
			p.log.Error("mark retry", "key", row.Key, "err", err)
		}
		return
	}
	p.m.OutboxDead.Inc()
	p.log.Error("message parked as dead", "key", row.Key, "method", row.Method, "attempts", attempts, "err", err)
	if err := p.st.MarkDead(ctx, row.ID, err.Error()); err != nil {
		p.log.Error("mark dead", "key", row.Key, "err", err)
	}
}

// backoff is exponential with full jitter, capped.
func (p *Poster) backoff(attempts int) time.Duration {
	d := p.opts.BaseBackoff << min(max(attempts-1, 0), 20)
	if d > p.opts.MaxBackoff || d <= 0 {
		d = p.opts.MaxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

type failure int

const (
	// notDelivered: Slack answered ok:false with a "try again" error, or the
	// connection was never made. Safe to send again.
	notDelivered failure = iota
	// ambiguous: the request may have been carried out (timeout, 5xx,
	// connection lost after sending, cancelled mid-call).
	ambiguous
	// permanent: sending again will not help.
	permanent
)

// classify sorts a failed call's error.
func classify(err error) failure {
	if errors.Is(err, errPermanent) {
		return permanent
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited":
			return notDelivered
		}
		return permanent
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		if sc.Code >= 500 || sc.Code == 408 {
			return ambiguous
		}
		return permanent
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return notDelivered
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		return notDelivered
	}
	// Timeouts, cancellations, resets, EOF: the request may have arrived.
	return ambiguous
}

var errPermanent = errors.New("permanent")

// call sends one message with slack-go and returns where it landed.
func (p *Poster) call(ctx context.Context, row store.OutRow) (channel, ts string, err error) {
	var m Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
		return "", "", fmt.Errorf("%w: bad payload: %v", errPermanent, err)
	}
	if row.Method == UploadFile {
		return p.upload(ctx, row, m)
	}
	opts, err := msgOptions(m, row.Key)
	if err != nil {
		return "", "", err
	}
	switch row.Method {
	case PostMessage:
		return p.api.PostMessageContext(ctx, row.ChannelID, opts...)
	case PostEphemeral:
		ts, err := p.api.PostEphemeralContext(ctx, row.ChannelID, m.User, opts...)
		return row.ChannelID, ts, err
	case UpdateMessage:
		ch, ts, _, err := p.api.UpdateMessageContext(ctx, row.ChannelID, m.TS, opts...)
		return ch, ts, err
	case PublishView:
		var view slack.HomeTabViewRequest
		if err := json.Unmarshal(m.View, &view); err != nil {
			return "", "", fmt.Errorf("%w: bad view: %v", errPermanent, err)
		}
		_, err := p.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: m.User, View: view})
		return "", "", err
	}
	return "", "", fmt.Errorf("%w: unknown method %q", errPermanent, row.Method)
}

// upload sends a file into a channel, or a user's DM (opened first).
func (p *Poster) upload(ctx context.Context, row store.OutRow, m Message) (channel, ts string, err error) {
	if m.File == nil || len(m.File.Data) == 0 || m.File.Name == "" {
		return "", "", fmt.Errorf("%w: no file to upload", errPermanent)
	}
	channel = row.ChannelID
	if strings.HasPrefix(channel, "U") || strings.HasPrefix(channel, "W") {
		ch, _, _, err := p.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{channel}, ReturnIM: true})
		if err != nil {
			return "", "", err
		}
		channel = ch.ID
	}
	f, err := p.api.UploadFileContext(ctx, slack.UploadFileParameters{Channel: channel, Filename: m.File.Name, Title: m.File.Title,
		AltTxt: m.File.AltText, FileSize: len(m.File.Data), Reader: bytes.NewReader(m.File.Data), InitialComment: m.Text,
		ThreadTimestamp: m.ThreadTS})
	if err != nil {
		return "", "", err
	}
	return channel, f.ID, nil
}

func msgOptions(m Message, key string) ([]slack.MsgOption, error) {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: metadataType, EventPayload: map[string]any{"key": key}})}
	if len(m.Blocks) > 0 {
		var blocks slack.Blocks
		if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
			return nil, fmt.Errorf("%w: bad blocks: %v", errPermanent, err)
		}
		opts = append(opts, slack.MsgOptionBlocks(blocks.BlockSet...))
	}
	if m.ThreadTS != "" {
		opts = append(opts, slack.MsgOptionTS(m.ThreadTS))
		if m.Broadcast {
			opts = append(opts, slack.MsgOptionBroadcast())
		}
	}
	return opts, nil
}
