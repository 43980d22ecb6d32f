package slackemu

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Faults describes failures injected into Web API calls. Injection is
// deterministic: with a fraction f, the n-th eligible call fails when
// floor(n*f) > floor((n-1)*f), so failures are evenly spread (f = 0.5 fails
// calls 2, 4, 6, ...; f = 1 fails them all) and tests are reproducible.
type Faults struct {
	// RateLimitEvery is the fraction (0..1) of eligible calls answered 429
	// with a Retry-After header. It wins over ServerErrorEvery when both fire.
	RateLimitEvery float64
	// RetryAfter is the delay the 429s announce. Retry-After carries whole
	// seconds, so it is rounded up: 0 sends "0" (retry at once, handy in
	// tests), 10ms sends "1". slack-go reports it as
	// *slack.RateLimitedError.RetryAfter.
	RetryAfter time.Duration
	// ServerErrorEvery is the fraction (0..1) of eligible calls answered 500
	// without being carried out.
	ServerErrorEvery float64
	// LoseResponseEvery is the fraction (0..1) of eligible calls that are
	// carried out (a message is posted) but answered 500, as when Slack's
	// answer is lost on the way back: the caller cannot tell what happened.
	LoseResponseEvery float64
	// Delay is added before answering each eligible call, faulted or not
	// (after carrying it out for LoseResponseEvery, so that a client timing
	// out leaves the call done).
	Delay time.Duration
	// Methods restricts faults to these methods. Empty means every method but
	// apps.connections.open and auth.test.
	Methods []string
}

// faultInjector applies the current Faults and the rate limits.
type faultInjector struct {
	mu     sync.Mutex
	f      Faults
	n      int // eligible calls since SetFaults
	limits map[string]*rate.Limiter
}

// SetRateLimit makes a method answer 429, as Slack's tiers do, when called
// faster than perSecond (with bursts of burst calls); Retry-After says when
// the next call will be allowed. perSecond <= 0 removes the limit.
func (s *Server) SetRateLimit(method string, perSecond float64, burst int) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if s.faults.limits == nil {
		s.faults.limits = map[string]*rate.Limiter{}
	}
	if perSecond <= 0 {
		delete(s.faults.limits, method)
		return
	}
	s.faults.limits[method] = rate.NewLimiter(rate.Limit(perSecond), max(burst, 1))
}

// SetFaults replaces the injected faults and restarts their count; the zero
// Faults turns injection off.
func (s *Server) SetFaults(f Faults) {
	f.Methods = slices.Clone(f.Methods)
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.f, s.faults.n = f, 0
}

// statusLost is decide's status for a call carried out but answered 500.
const statusLost = -1

// decide returns what to inject into a call: a delay, a status (0 for
// none, statusLost) and, for a 429, the Retry-After delay.
func (fi *faultInjector) decide(method string) (time.Duration, int, time.Duration) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if l := fi.limits[method]; l != nil {
		if r := l.Reserve(); r.Delay() > 0 {
			wait := r.Delay()
			r.Cancel()
			return 0, http.StatusTooManyRequests, wait
		}
	}
	f := fi.f
	eligible := slices.Contains(f.Methods, method)
	if len(f.Methods) == 0 {
		eligible = method != "apps.connections.open" && method != "auth.test"
	}
	if !eligible {
		return 0, 0, 0
	}
	fi.n++
	switch {
	case fires(fi.n, f.RateLimitEvery):
		return f.Delay, http.StatusTooManyRequests, f.RetryAfter
	case fires(fi.n, f.ServerErrorEvery):
		return f.Delay, http.StatusInternalServerError, 0
	case fires(fi.n, f.LoseResponseEvery):
		return f.Delay, statusLost, 0
	}
	return f.Delay, 0, 0
}

// fires reports whether the n-th call (from 1) is among a fraction f.
func fires(n int, f float64) bool {
	switch {
	case f <= 0:
		return false
	case f >= 1:
		return true
	}
	return math.Floor(float64(n)*f) > math.Floor(float64(n-1)*f)
}

// injectFaults applies the faults to a call. It reports whether the call
// should proceed; if not, it has answered it. lose > 0 says to carry the
// call out, wait lose-1, and answer 500.
func (s *Server) injectFaults(w http.ResponseWriter, r *http.Request, method string) (
	proceed bool, lose time.Duration) {
	delay, status, retryAfter := s.faults.decide(method)
	if status == statusLost {
		return true, delay + 1
	}
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return false, 0
		case <-s.ctx.Done():
			http.Error(w, "server closing", http.StatusServiceUnavailable)
			return false, 0
		}
	}
	switch status {
	case http.StatusTooManyRequests:
		secs := int64(math.Ceil(retryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.FormatInt(max(secs, 0), 10))
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"ok":false,"error":"ratelimited"}`))
		return false, 0
	case http.StatusInternalServerError:
		http.Error(w, "internal server error (injected by slackemu)", status)
		return false, 0
	}
	return true, 0
}
