package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net"
	"time"

	"github.com/slack-go/slack"

	"praxis/store"
)

// failed decides what becomes of a message whose send failed: retried after
// a back-off, left in doubt to be looked up, sent another way, or parked.
func (p *Poster) failed(ctx context.Context, row store.OutRow, err error) {
	stopping := ctx.Err() != nil
	ctx = context.WithoutCancel(ctx)
	attempts := row.Attempts + 1
	var rl *slack.RateLimitedError
	switch kind := classify(err); {
	case row.Method == Respond && errors.Is(err, errResponseGone):
		p.reroute(ctx, row, err)
		return
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
		// made), or an idempotent call: try again after a back-off. An answer
		// through a response_url is retried on a 5xx or a timeout too: seen
		// twice by its one reader is better than never, and the URL expires.
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
	var re *responseError
	if errors.As(err, &re) {
		if re.Status >= 500 || re.Status == 408 {
			return ambiguous
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

// reroute sends an answer whose response_url can no longer be used through
// its fallback (chat.postEphemeral, as before response URLs), from now on:
// the row's method changes for good, so an expired URL is never tried
// again. Without a fallback the answer is parked, saying why.
func (p *Poster) reroute(ctx context.Context, row store.OutRow, cause error) {
	var m Message
	_ = json.Unmarshal([]byte(row.Payload), &m) // the call that failed decoded it
	if m.Fallback == "" || m.Fallback == Respond {
		p.m.OutboxDead.Inc()
		p.log.Error("message parked as dead", "key", row.Key, "method", row.Method, "err", cause)
		if err := p.st.MarkDead(ctx, row.ID, cause.Error()); err != nil {
			p.log.Error("mark dead", "key", row.Key, "err", err)
		}
		return
	}
	p.m.OutboxRetries.WithLabelValues("fallback").Inc()
	p.log.Info("response_url unusable; answering another way", "key", row.Key, "fallback", m.Fallback, "err", cause)
	// Due again at once.
	if err := p.st.MarkRerouted(ctx, row.ID, m.Fallback, row.NextAttemptAt, cause.Error()); err != nil {
		p.log.Error("reroute", "key", row.Key, "err", err)
	}
}
