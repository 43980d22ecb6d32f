package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"praxis/store"
)

const (
	// maxSleep bounds one wait, so that a wall clock that jumps (a
	// suspended VM, an NTP step) is noticed within minutes.
	maxSleep = 10 * time.Minute
	// maxPassedOver bounds the periods recorded skipped at once.
	maxPassedOver = 24
	// writeTimeout bounds the store writes made after ctx ended.
	writeTimeout = 10 * time.Second
)

var (
	errTimeout = errors.New("timed out")
	errLost    = errors.New("claim lost: another process took the run over")
)

// loop is one job's life: handle the latest due period if it has not yet,
// else sleep until the next. Only the latest due period is ever considered,
// so a restart (or a run that overran) does the one missed period still in
// its window and never a backlog; a job is handled by one goroutine, so it
// never overlaps itself in a process (the claim sees to other processes).
func (s *Scheduler) loop(ctx context.Context, j *job) {
	var last time.Time // the latest period dealt with
	for ctx.Err() == nil {
		now := s.now()
		due := j.spec.prev(now.Add(time.Nanosecond)) // latest instant <= now
		if !due.IsZero() && due.After(last) {
			s.passOver(ctx, j, last, due)
			last = due
			if end := j.windowEnd(due); now.Before(end) {
				s.handle(ctx, j, j.period(due), end)
			} else {
				s.skip(ctx, j, due, fmt.Sprintf("missed: due %s ago, grace %s", now.Sub(due).Round(time.Second), j.Grace))
			}
			continue
		}
		next := j.spec.next(now)
		if next.IsZero() {
			s.log.Warn("job never fires again", "job", j.Name, "spec", j.Spec)
			<-ctx.Done()
			return
		}
		s.sleepUntil(ctx, j.Name, "next", next)
	}
}

// passOver records skipped the periods between last and due: their turn
// came and went while the job was still busy with last.
func (s *Scheduler) passOver(ctx context.Context, j *job, last, due time.Time) {
	if last.IsZero() {
		return
	}
	n := 0
	for t := j.spec.next(last); !t.IsZero() && t.Before(due); t = j.spec.next(t) {
		if n == maxPassedOver {
			s.log.Warn("more periods passed over, not recorded", "job", j.Name, "until", due)
			return
		}
		s.skip(ctx, j, t, "passed over: the period "+last.UTC().Format(time.RFC3339)+" was still being handled")
		n++
	}
}

func (s *Scheduler) skip(ctx context.Context, j *job, at time.Time, reason string) {
	key := at.UTC().Format(time.RFC3339)
	added, err := s.st.SkipJobRun(ctx, j.Name, key, at, reason)
	switch {
	case err != nil && ctx.Err() == nil:
		s.log.Error("record skipped period", "job", j.Name, "period", key, "err", err)
	case added:
		s.log.Info("period skipped", "job", j.Name, "period", key, "reason", reason)
	}
}

// handle runs period p if it can claim it before end, retrying a failed
// attempt with back-off and looking again (every Poll) at a period another
// process holds, in case that process dies.
func (s *Scheduler) handle(ctx context.Context, j *job, p Period, end time.Time) {
	log := s.log.With("job", j.Name, "period", p.Key)
	for ctx.Err() == nil {
		run, ok, err := s.st.ClaimJobRun(ctx, store.RunClaim{Job: j.Name, Period: p.Key, ScheduledAt: p.At,
			MaxAttempts: j.maxAttempts, StaleAfter: s.opts.StaleAfter})
		wait, reason := s.now().Add(s.opts.Poll), "poll"
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return
			}
			log.Error("claim period", "err", err)
		case ok:
			retry := s.finish(ctx, j, run, s.attempt(ctx, j, p, run, log), end, log)
			if retry.IsZero() {
				return
			}
			wait, reason = retry, "retry"
		case run.Period != p.Key || run.Status == store.RunRunning:
			log.Debug("period held elsewhere", "held_period", run.Period, "status", run.Status)
		case run.Status == store.RunFailed && run.Attempts < j.maxAttempts:
			wait, reason = run.RetryAt, "retry"
		default: // done, skipped, or failed for good
			return
		}
		if !wait.Before(end) {
			log.Info("period window closed", "waiting_for", reason, "end", end)
			return
		}
		if !s.sleepUntil(ctx, j.Name, reason, wait) {
			return
		}
	}
}

// attempt runs Fn once, heartbeating the claim while it runs and cancelling
// it after the job's Timeout, at shutdown, or if the claim is lost. It waits
// for Fn to return, however long: until then the period may still be
// running, and the heartbeat says so.
func (s *Scheduler) attempt(ctx context.Context, j *job, p Period, run store.JobRun, log *slog.Logger) error {
	s.setRunning(j.Name, true)
	defer s.setRunning(j.Name, false)
	jctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// A real deadline too, for jobs that budget by ctx.Deadline; with an
	// injected clock the timer below is the one that counts.
	jctx, cancelDeadline := context.WithTimeoutCause(jctx, j.Timeout, errTimeout)
	defer cancelDeadline()
	beat, timeout := s.opts.After(s.opts.StaleAfter/4), s.opts.After(j.Timeout)
	done := make(chan error, 1)
	start := s.now()
	log.Info("job started", "attempt", run.Attempts)
	go func() { done <- s.call(jctx, j, p, log) }()
	for {
		select {
		case err := <-done:
			if err != nil {
				err = explain(ctx, jctx, err)
			}
			log.Debug("job returned", "attempt", run.Attempts, "took", s.now().Sub(start))
			return err
		case <-beat:
			beat = s.opts.After(s.opts.StaleAfter / 4)
			wctx, c := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
			err := s.st.HeartbeatJobRun(wctx, run)
			c()
			if errors.Is(err, store.ErrNotFound) {
				log.Error("job run taken over; cancelling it", "err", err)
				cancel(errLost)
				beat = nil
			} else if err != nil {
				log.Warn("job heartbeat", "err", err)
			}
		case <-timeout:
			timeout = nil
			log.Warn("job timed out; cancelling it", "timeout", j.Timeout)
			cancel(errTimeout)
		}
	}
}

// explain says why a job whose context was cancelled failed.
func explain(ctx, jctx context.Context, err error) error {
	switch cause := context.Cause(jctx); {
	case ctx.Err() != nil:
		return fmt.Errorf("interrupted by shutdown: %w", err)
	case cause != nil && !errors.Is(err, cause):
		return fmt.Errorf("%w: %w", cause, err)
	}
	return err
}

// call runs Fn, turning a panic into an error.
func (s *Scheduler) call(ctx context.Context, j *job, p Period, log *slog.Logger) (err error) {
	defer func() {
		if r := recover(); r != nil {
			log.Error("job panicked", "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return j.Fn(ctx, p)
}

// finish records an attempt's outcome and returns when to retry it, or the
// zero time when it is over: done, out of attempts, out of its window, or
// interrupted by shutdown (then claimable again at once, so that the next
// start retries it if still in its window).
func (s *Scheduler) finish(ctx context.Context, j *job, run store.JobRun, cause error, end time.Time,
	log *slog.Logger) time.Time {
	now := s.now()
	var retry time.Time
	if cause != nil && run.Attempts < j.maxAttempts {
		retry = now.Add(backoff(j.Backoff, run.Attempts))
		if ctx.Err() != nil {
			retry = now
		}
	}
	wctx, c := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
	defer c()
	if err := s.st.FinishJobRun(wctx, run, cause, retry); err != nil {
		log.Error("record job run", "err", err)
		return time.Time{}
	}
	switch {
	case cause == nil:
		log.Info("job done", "attempt", run.Attempts)
		return time.Time{}
	case ctx.Err() != nil:
		log.Warn("job interrupted by shutdown", "attempt", run.Attempts, "err", cause)
		return time.Time{}
	case retry.IsZero() || !retry.Before(end):
		log.Error("job failed; no more attempts in its window", "attempt", run.Attempts, "err", cause)
		return time.Time{}
	}
	log.Warn("job failed; will retry", "attempt", run.Attempts, "err", cause, "retry_at", retry)
	return retry
}

// backoff is the wait after the given failed attempt: base, doubled for
// each earlier attempt, up to a day.
func backoff(base time.Duration, attempts int) time.Duration {
	d := base
	for i := 1; i < attempts && d < 24*time.Hour; i++ {
		d *= 2
	}
	return min(d, 24*time.Hour)
}

// sleepUntil waits until the clock reads until, or ctx ends (false).
func (s *Scheduler) sleepUntil(ctx context.Context, job, reason string, until time.Time) bool {
	told := false
	for {
		now := s.now()
		d := until.Sub(now)
		if d <= 0 {
			return true
		}
		ch := s.opts.After(min(d, maxSleep))
		if s.now().Sub(now) > time.Millisecond {
			// The clock jumped while the timer was armed (a test's clock, a
			// suspended machine): it may be armed past until. Arm it again
			// from a fresh reading.
			continue
		}
		if !told && s.onWait != nil {
			s.onWait(job, reason, until) // after After, so a test moving the clock wakes us
			told = true
		}
		select {
		case <-ctx.Done():
			return false
		case <-ch:
		}
	}
}
