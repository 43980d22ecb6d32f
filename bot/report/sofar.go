package report

import (
	"context"
	"fmt"
	"sync"
	"time"

	"praxis/bot"
	"praxis/store"
)

// sofarTTL is how long a community's figures of the week so far are
// shown before they are built again: a report reads a quarter of the
// community's history.
const sofarTTL = 10 * time.Minute

// SoFar keeps each community's latest report of the week so far: the Home
// shows it to the community's facilitators on every opening, and "run the
// report now" builds it afresh, which the next opening shows. It is safe
// for concurrent use; build one and share it.
type SoFar struct {
	st  *store.Store
	url string
	mu  sync.Mutex
	got map[string]built
}

type built struct {
	r  *Report
	at time.Time
}

// NewSoFar returns an empty SoFar over st; url is the workspace's, for
// permalinks ("": Slack's generic one).
func NewSoFar(st *store.Store, url string) *SoFar {
	return &SoFar{st: st, url: url, got: map[string]built{}}
}

// Report returns c's report of the week so far at now, in c's zone: the
// one kept unless fresh is asked or it is older than ten minutes.
func (s *SoFar) Report(ctx context.Context, c bot.Community, now time.Time, fresh bool) (*Report, error) {
	s.mu.Lock()
	b, ok := s.got[c.Name]
	s.mu.Unlock()
	if ok && !fresh && now.Sub(b.at) < sofarTTL && now.Sub(b.at) >= 0 {
		return b.r, nil
	}
	r, err := Build(ctx, s.st, c, Week(now, c.Loc), Options{TeamURL: s.url, Now: now})
	if err != nil {
		return nil, fmt.Errorf("report of %s: %w", c.Name, err)
	}
	s.mu.Lock()
	s.got[c.Name] = built{r, now}
	s.mu.Unlock()
	return r, nil
}
