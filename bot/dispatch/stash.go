package dispatch

import (
	"sync"
	"time"
)

// Stash carries what a handler's Prepare step computed (outside the
// transaction: a model's verdict, a ranking) to its Apply step, by event id.
// Entries stay until they expire rather than being taken once, so an event
// applied again (its batch retried one by one) finds them still; at most
// max are kept.
type Stash[V any] struct {
	mu      sync.Mutex
	entries map[string]stashed[V]
	ttl     time.Duration
	max     int
}

type stashed[V any] struct {
	v  V
	at time.Time
}

// NewStash returns a Stash keeping entries for ttl, at most max of them.
func NewStash[V any](ttl time.Duration, max int) *Stash[V] {
	return &Stash[V]{entries: map[string]stashed[V]{}, ttl: ttl, max: max}
}

// Put keeps v for the event key. When max entries are live, the oldest
// makes room: the newest event is the one about to be applied.
func (s *Stash[V]) Put(key string, v V) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.entries[key]; !ok && len(s.entries) >= s.max {
		oldest, at := "", now
		for k, e := range s.entries {
			if now.Sub(e.at) > s.ttl {
				delete(s.entries, k)
			} else if !e.at.After(at) {
				oldest, at = k, e.at
			}
		}
		if len(s.entries) >= s.max {
			delete(s.entries, oldest)
		}
	}
	s.entries[key] = stashed[V]{v, now}
}

// Get returns the value kept for key, if it has not expired.
func (s *Stash[V]) Get(key string) (V, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[key]
	if !ok || time.Since(e.at) > s.ttl {
		var zero V
		return zero, false
	}
	return e.v, true
}

// Len counts the entries kept, expired ones included.
func (s *Stash[V]) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}
