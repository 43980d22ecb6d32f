package slackio

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"
)

// rejectSummary counts the requests refused at the door (unsigned, badly
// signed, too old, too large) and logs them once a minute: one line with
// the counts by reason. Anyone can send such requests, and a WARN line for
// each (22,562 lines for two runs of bad requests) drowned the log and cost
// disk; the metric praxis_http_rejected_total still counts every one.
type rejectSummary struct {
	log   *slog.Logger
	now   func() time.Time
	every time.Duration

	mu     sync.Mutex
	period time.Time // the minute being counted; zero: nothing counted
	counts map[string]int
	remote string // the last refused peer
}

func newRejectSummary(log *slog.Logger, now func() time.Time) *rejectSummary {
	return &rejectSummary{log: log, now: now, every: time.Minute, counts: map[string]int{}}
}

// add counts one refused request, first logging the previous minute's if
// that minute is over.
func (r *rejectSummary) add(reason, remote string) {
	now := r.now().Truncate(r.every)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.period.IsZero() && !r.period.Equal(now) {
		r.flushLocked()
	}
	r.period = now
	r.counts[reason]++
	r.remote = remote
}

// tick logs the counted minute once it is over.
func (r *rejectSummary) tick() {
	now := r.now().Truncate(r.every)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.period.IsZero() && !r.period.Equal(now) {
		r.flushLocked()
	}
}

func (r *rejectSummary) flushLocked() {
	total := 0
	attrs := []any{"minute", r.period.UTC().Format(time.RFC3339)}
	for _, reason := range slices.Sorted(maps.Keys(r.counts)) {
		attrs = append(attrs, reason, r.counts[reason])
		total += r.counts[reason]
	}
	attrs = append(attrs, "total", total, "last_remote", r.remote)
	r.log.Warn("rejected requests", attrs...)
	clear(r.counts)
	r.period, r.remote = time.Time{}, ""
}

// run logs each minute's summary soon after the minute ends, until ctx
// ends; then the last one.
func (r *rejectSummary) run(ctx context.Context) {
	t := time.NewTicker(r.every / 6)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			r.mu.Lock()
			if !r.period.IsZero() {
				r.flushLocked()
			}
			r.mu.Unlock()
			return
		case <-t.C:
			r.tick()
		}
	}
}
