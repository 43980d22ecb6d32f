package record

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"praxis/bot"
	"praxis/store"
)

// profileSync keeps members' profiles (name, time zone, locale, status)
// fresh without holding up recording. users.info takes 50–100 ms and more,
// and on real traffic one event in ten comes from a member Praxis has not
// met: fetched inside the dispatcher's workers, those lookups made recording
// five times slower than acknowledgement. A contribution is therefore
// recorded at once with the member's id, and a few background workers fetch
// the profile, once per member however many of their events arrive
// meanwhile. Only a request someone waits on (a command, a button, the Home
// tab) fetches the profile before it is answered, so that the answer is in
// the member's language.
type profileSync struct {
	profiles Profiles
	st       *store.Store
	now      func() time.Time // the program's clock, the store's
	log      *slog.Logger
	ttl      time.Duration // a profile older than this is fetched again
	queue    chan string

	mu          sync.Mutex
	synced      map[string]time.Time // member id → last sync, on now
	pending     map[string]bool      // queued or being fetched in the background
	pausedUntil time.Time            // Slack asked to slow down (real time)
}

// rateLimits is what a Profiles implementation may add: whether an error is
// Slack asking to slow down, and for how long (slackio.Directory does).
type rateLimits interface {
	RetryAfter(err error) (time.Duration, bool)
}

// profileWorkers bounds the users.info calls in flight in the background;
// profileQueue bounds the members waiting for one (more wait for their next
// event: they are still stale then).
const (
	profileWorkers = 4
	profileQueue   = 4096
	profileTimeout = 5 * time.Second
	retryFailed    = 10 * time.Minute // after a failed users.info (other than 429)
)

func newProfileSync(profiles Profiles, st *store.Store, d bot.Deps) *profileSync {
	return &profileSync{
		profiles: profiles,
		st:       st,
		now:      d.Now,
		log:      d.Log,
		ttl:      24 * time.Hour,
		queue:    make(chan string, profileQueue),
		synced:   map[string]time.Time{},
		pending:  map[string]bool{},
	}
}

// stale tells whether a member's profile is unknown or older than the ttl.
func (p *profileSync) stale(ctx context.Context, id string) bool {
	now := p.now()
	p.mu.Lock()
	at, ok := p.synced[id]
	pending := p.pending[id]
	p.mu.Unlock()
	if ok && !pending {
		return now.Sub(at) > p.ttl
	}
	if pending { // being fetched: no need to ask the store
		return true
	}
	m, err := p.st.Member(ctx, id)
	if err != nil || m.SyncedAt.IsZero() || now.Sub(m.SyncedAt) > p.ttl {
		return true
	}
	p.mu.Lock()
	p.synced[id] = m.SyncedAt
	p.mu.Unlock()
	return false
}

// fetchLater queues a member for the background workers. It never blocks: a
// member already queued is not queued twice, and when the queue is full
// the member's next event asks again.
func (p *profileSync) fetchLater(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pending[id] {
		return
	}
	select {
	case p.queue <- id:
		p.pending[id] = true
	default:
	}
}

// fetch fetches and stores a member's profile before returning. It is best
// effort: a failure is logged and the caller goes on. It returns how long
// Slack asked to wait when it refused the call as too fast.
func (p *profileSync) fetch(ctx context.Context, id string) (time.Duration, bool) {
	pctx, cancel := context.WithTimeout(ctx, profileTimeout)
	defer cancel()
	m, err := p.profiles.Profile(pctx, id)
	if rl, ok := p.profiles.(rateLimits); ok && err != nil {
		if wait, limited := rl.RetryAfter(err); limited {
			return max(wait, time.Second), true
		}
	}
	if err != nil {
		if ctx.Err() == nil {
			p.log.Warn("member profile sync failed", "member_id", id, "err", err)
			p.mu.Lock()
			p.synced[id] = p.now().Add(retryFailed - p.ttl) // not asked again on each of their events
			p.mu.Unlock()
		}
		return 0, false
	}
	if err := p.st.PutMember(ctx, m); err != nil {
		p.log.Warn("member profile not stored", "member_id", id, "err", err)
		return 0, false
	}
	p.mu.Lock()
	p.synced[id] = p.now()
	p.mu.Unlock()
	return 0, false
}

// run fetches the queued profiles until ctx ends. When Slack answers 429,
// every worker waits as long as it asks and the member is fetched again.
func (p *profileSync) run(ctx context.Context) error {
	var wg sync.WaitGroup
	for range profileWorkers {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case id := <-p.queue:
					if !p.waitTurn(ctx) {
						return
					}
					wait, limited := p.fetch(ctx, id)
					p.done(id, wait, limited)
				}
			}
		})
	}
	wg.Wait()
	return nil
}

// waitTurn waits out a pause Slack asked for; false when ctx ended first.
func (p *profileSync) waitTurn(ctx context.Context) bool {
	p.mu.Lock()
	d := time.Until(p.pausedUntil)
	p.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// done settles a background fetch: a member refused for speed is queued
// again behind a pause for everyone.
func (p *profileSync) done(id string, wait time.Duration, limited bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if limited {
		if until := time.Now().Add(wait); until.After(p.pausedUntil) {
			p.pausedUntil = until
			p.log.Info("users.info rate limited; profile sync paused", "wait", wait)
		}
		select {
		case p.queue <- id:
			return // still pending
		default:
		}
	}
	delete(p.pending, id)
}
