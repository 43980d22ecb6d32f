package expert

import (
	"sync"
	"time"
)

// stash carries what a handler's Prepare step computed (outside the
// transaction: a model's verdict, a ranking) to its Apply step, by event id.
// Entries stay until they expire rather than being taken once, so an event
// applied again (its batch retried one by one) finds them still; at most
// max are kept.
type stash[V any] struct {
	mu      sync.Mutex
	entries map[string]stashed[V]
	ttl     time.Duration
	max     int
}

type stashed[V any] struct {
	v  V
	at time.Time
}

func newStash[V any](ttl time.Duration, max int) *stash[V] {
	return &stash[V]{entries: map[string]stashed[V]{}, ttl: ttl, max: max}
}

func (s *stash[V]) put(key string, v V) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.entries) >= s.max {
		for k, e := range s.entries {
			if now.Sub(e.at) > s.ttl {
				delete(s.entries, k)
			}
		}
	}
	if len(s.entries) < s.max {
		s.entries[key] = stashed[V]{v, now}
	}
}

func (s *stash[V]) get(key string) (V, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[key]
	if !ok || time.Since(e.at) > s.ttl {
		var zero V
		return zero, false
	}
	return e.v, true
}

func (s *stash[V]) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}
