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
	"praxis/store"
)

// Throttle hands a member's requests to Praxis (commands, mentions, direct
// messages, clicks, Home openings) to next at a bounded rate, so that one
// member cannot fill the outbox, which every digest and answer shares. The
// first request over the limit in a minute gets a short answer by DM; the
// others are dropped (still stored in the inbox). Everything else (the
// contributions the recorder keeps) is never throttled: put only the
// request handlers behind a Throttle.
type Throttle struct {
	next    Handler
	st      *store.Store
	m       *metrics.Metrics // nil: none
	now     func() time.Time
	limit   rate.Limit
	burst   int
	decided *Stash[bool] // event id → over the limit, decided once (Prepare, else Apply)

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

// Requests per member: ThrottleRate a minute on average, ThrottleBurst at once.
const (
	ThrottleRate  = 20
	ThrottleBurst = 10
)

// NewThrottle returns next behind a per-member limit of ThrottleRate
// requests a minute (ThrottleBurst at once). now is the clock (nil:
// time.Now); m counts the requests dropped (nil: none).
func NewThrottle(next Handler, st *store.Store, m *metrics.Metrics, now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{next: next, st: st, m: m, now: now, limit: rate.Limit(float64(ThrottleRate) / 60), burst: ThrottleBurst,
		decided: NewStash[bool](10*time.Minute, 65536), buckets: map[string]*rate.Limiter{}}
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

// over decides, once per event, whether it is over its member's limit.
func (t *Throttle) over(ev bot.Event) bool {
	if v, ok := t.decided.Get(ev.ID); ok {
		return v
	}
	t.mu.Lock()
	l, ok := t.buckets[ev.User]
	if !ok {
		l = rate.NewLimiter(t.limit, t.burst)
		t.buckets[ev.User] = l
	}
	over := !l.AllowN(t.now(), 1)
	t.mu.Unlock()
	t.decided.Put(ev.ID, over)
	if over && t.m != nil {
		t.m.RequestsThrottled.Inc()
	}
	return over
}

// Prepare decides and, within the limit, prepares the request.
func (t *Throttle) Prepare(ctx context.Context, ev bot.Event) {
	if nobodys(ev) {
		return
	}
	if !request(ev) || !t.over(ev) {
		t.next.Prepare(ctx, ev)
	}
}

// Apply applies a request within the limit; over it, the member is told
// once a minute to slow down.
func (t *Throttle) Apply(ctx context.Context, ev bot.Event, tx *store.Tx) error {
	if nobodys(ev) {
		return nil
	}
	if !request(ev) || !t.over(ev) {
		return t.next.Apply(ctx, ev, tx)
	}
	lang := "en"
	if m, err := t.st.Member(ctx, ev.User); err == nil {
		lang = i18n.Lang(m.Locale)
	}
	minute := t.now().UTC().Format("2006-01-02T15:04")
	_, err := tx.Enqueue(ctx, outbox.New(fmt.Sprintf("slow:%s:%s", ev.User, minute), outbox.PostMessage, ev.User,
		outbox.Message{Text: throttleCatalog.T(lang, "slow", ThrottleRate)}))
	return err
}

var throttleCatalog = i18n.Catalog{
	"en": {"slow": ":hourglass: You are asking faster than Praxis answers (%d requests a minute at most): give it a moment, then try again."},
	"fr": {"slow": ":hourglass: Vous demandez plus vite que Praxis ne répond (%d demandes par minute au plus) : patientez un instant, puis réessayez."},
}
