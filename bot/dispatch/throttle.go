package dispatch

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"praxis/bot"
	"praxis/bot/i18n"
	"praxis/bot/metrics"
	"praxis/bot/outbox"
)

// Throttle hands a member's requests to Praxis (commands, mentions, direct
// messages, clicks, Home openings) to next at a bounded rate, so that one
// member cannot fill the outbox, which every digest and answer shares. The
// first request over the limit in a minute gets a short answer by DM; the
// others are dropped (still stored in the inbox). Everything else (the
// contributions the recorder keeps) is never throttled: put only the
// request handlers behind a Throttle.
type Throttle struct {
	next  Handler
	dir   *bot.Directory // the language of the "slow down" message
	m     *metrics.Metrics
	now   func() time.Time
	limit rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

// Requests per member: ThrottleRate a minute on average, ThrottleBurst at once.
const (
	ThrottleRate  = 20
	ThrottleBurst = 10
)

// NewThrottle returns next behind a per-member limit of ThrottleRate
// requests a minute (ThrottleBurst at once), on d's clock; d's metrics
// count the requests dropped; dir tells the language each member reads.
func NewThrottle(next Handler, dir *bot.Directory, d bot.Deps) *Throttle {
	d = d.For("throttle")
	return &Throttle{next: next, dir: dir, m: d.Metrics, now: d.Now, limit: rate.Limit(float64(ThrottleRate) / 60),
		burst:   ThrottleBurst,
		buckets: map[string]*rate.Limiter{}}
}

// request reports whether an event is a request to Praxis (commands,
// mentions, direct messages, clicks, Home openings).
func request(ev bot.Event) bool {
	switch ev.Kind {
	case bot.KindCommand, bot.KindMention, bot.KindDirect, bot.KindAction, bot.KindHomeOpened:
		return true
	}
	return false
}

// nobodys reports whether ev is a request from no member: there is no one
// to answer (nor anywhere, when it names no channel either), so it is
// dropped, not answered to an empty address Slack would refuse.
func nobodys(ev bot.Event) bool { return request(ev) && ev.User == "" }

// take takes one of the member's requests from their bucket at now; nil
// when they are over the limit (nothing is taken then).
func (t *Throttle) take(member string, now time.Time) *rate.Reservation {
	t.mu.Lock()
	defer t.mu.Unlock()
	l, ok := t.buckets[member]
	if !ok {
		l = rate.NewLimiter(t.limit, t.burst)
		t.buckets[member] = l
	}
	r := l.ReserveN(now, 1)
	if !r.OK() || r.DelayFrom(now) > 0 {
		r.CancelAt(now)
		return nil
	}
	return r
}

// Prepare decides whether a request is over its member's limit, and its
// step carries the decision: within the limit, the request is prepared and
// applied by next; over it, the member is told once a minute to slow down.
// A request whose preparation fails is given back to the bucket: it counts
// when it is tried again. Other events go to next untouched.
func (t *Throttle) Prepare(ctx context.Context, ev bot.Event) (Step, error) {
	if nobodys(ev) {
		return nil, nil
	}
	if !request(ev) {
		return t.next.Prepare(ctx, ev)
	}
	now := t.now()
	r := t.take(ev.User, now)
	if r == nil {
		t.m.RequestsThrottled.Inc()
		return t.slowDown(ctx, ev, now), nil
	}
	step, err := t.next.Prepare(ctx, ev)
	if err != nil {
		r.CancelAt(now)
	}
	return step, err
}

// slowDown is the step that tells the member, by DM and at most once a
// minute, that they are over the limit.
func (t *Throttle) slowDown(ctx context.Context, ev bot.Event, now time.Time) Step {
	lang := t.dir.Lang(ctx, ev.User, ev.Channel)
	key := fmt.Sprintf("slow:%s:%s", ev.User, now.UTC().Format("2006-01-02T15:04"))
	text := throttleCatalog.T(lang, "slow", ThrottleRate)
	return Enqueue(outbox.New(key, outbox.PostMessage, ev.User, outbox.Message{Text: text}))
}

var throttleCatalog = i18n.Catalog{
	"en": {
		"slow": ":hourglass: You are asking faster than Praxis answers (%d " +
			"requests a minute at most): give it a moment, then try again.",
	},
	"fr": {
		"slow": ":hourglass: Vos demandes arrivent plus vite que Praxis ne peut y répondre (%d " +
			"par minute au plus) : patientez un instant, puis réessayez.",
	},
}
