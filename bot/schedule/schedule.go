package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"praxis/bot"
	"praxis/store"
)

// Job is work to do on a schedule.
type Job struct {
	// Name identifies the job in the job_runs table: keep it stable
	// ("digest", "ritual:platform-guild:show-and-tell").
	Name string
	// Spec is a 5-field cron spec read on Loc's wall clock: "0 9 * * MON".
	Spec string
	// Loc is the time zone of Spec (a community's). Default UTC.
	Loc *time.Location
	// Grace is how late a period may still start: after a restart, after
	// the previous run overran, or for a retry. A period never starts once
	// the next one is due, whatever the grace. Default 1h.
	Grace time.Duration
	// Timeout bounds one attempt: its context is cancelled then. Default 15m.
	Timeout time.Duration
	// Retries is how many times a failed period is tried again, within its
	// grace. 0 means 3; negative means never.
	Retries int
	// Backoff is the wait before the first retry, doubled for each next
	// one. Default 1m.
	Backoff time.Duration
	// Fn does the work for one period. It must return when ctx ends. An
	// error records the attempt failed and may retry it, so Fn must be safe
	// to run again for the same period (key what it sends by p.Key).
	Fn func(ctx context.Context, p Period) error
}

// Period is one scheduled occurrence of a job.
type Period struct {
	// Key names the period for good: the scheduled instant in RFC 3339
	// UTC ("2024-03-31T01:30:00Z"), the same after a restart and on every
	// replica. Use it in outbox keys.
	Key string
	// At is the scheduled instant, in the job's Loc. The run may start
	// later (within the grace).
	At time.Time
	// Prev is the job's scheduled instant before At, in Loc: the period
	// covers (Prev, At]. Zero when there is none within five years.
	Prev time.Time
}

// Options tune a Scheduler.
type Options struct {
	// After is the scheduler's sleep on its clock (its Deps' Now); tests
	// move a fake one. They go together: set both or neither. Default
	// time.After.
	After func(time.Duration) <-chan time.Time
	// StaleAfter is how long a running period may go without a heartbeat
	// before its process is presumed dead and another may take it over.
	// Running jobs heartbeat every quarter of it. Default 10m.
	StaleAfter time.Duration
	// Poll is how often a period held by another process (or waiting for
	// another period of the same job to end) is looked at again. Default 1m.
	Poll time.Duration
	// StopTimeout bounds how long Run waits for running jobs once its
	// context ends. It is real time, whatever the clock. Default 30s.
	StopTimeout time.Duration
}

// Scheduler runs jobs on their schedules, each period at most once across
// restarts and replicas sharing the database.
type Scheduler struct {
	st   *store.Store
	now  func() time.Time
	log  *slog.Logger
	opts Options

	mu      sync.Mutex
	jobs    []*job
	started bool
	running map[string]bool // job names with an attempt in progress
	done    chan struct{}   // closed when every job loop has returned

	// onWait, set by tests, is told each time a job loop starts waiting.
	onWait func(job, reason string, until time.Time)
}

type job struct {
	Job
	spec        spec
	maxAttempts int
}

// New returns a Scheduler that records runs in st.
func New(st *store.Store, d bot.Deps, opts Options) *Scheduler {
	d = d.For("schedule")
	if opts.After == nil {
		opts.After = time.After
	}
	if opts.StaleAfter <= 0 {
		opts.StaleAfter = 10 * time.Minute
	}
	if opts.Poll <= 0 {
		opts.Poll = time.Minute
	}
	if opts.StopTimeout <= 0 {
		opts.StopTimeout = 30 * time.Second
	}
	return &Scheduler{st: st, now: d.Now, log: d.Log, opts: opts,
		running: map[string]bool{}, done: make(chan struct{})}
}

// Add registers a job. It must be called before Run.
func (s *Scheduler) Add(j Job) error {
	if j.Name == "" || j.Fn == nil {
		return fmt.Errorf("add job %q: name and Fn are required", j.Name)
	}
	if j.Loc == nil {
		j.Loc = time.UTC
	}
	sp, err := parseSpec(j.Spec, j.Loc)
	if err != nil {
		return fmt.Errorf("add job %s: %w", j.Name, err)
	}
	if sp.next(s.now()).IsZero() {
		return fmt.Errorf("add job %s: spec %q never fires", j.Name, j.Spec)
	}
	if j.Grace <= 0 {
		j.Grace = time.Hour
	}
	if j.Timeout <= 0 {
		j.Timeout = 15 * time.Minute
	}
	if j.Retries == 0 {
		j.Retries = 3
	}
	if j.Backoff <= 0 {
		j.Backoff = time.Minute
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return fmt.Errorf("add job %s: the scheduler is running", j.Name)
	}
	if slices.ContainsFunc(s.jobs, func(o *job) bool { return o.Name == j.Name }) {
		return fmt.Errorf("add job %s: a job has that name", j.Name)
	}
	s.jobs = append(s.jobs, &job{Job: j, spec: sp, maxAttempts: 1 + max(j.Retries, 0)})
	return nil
}

// Run runs the jobs until ctx ends, then cancels the attempts in progress
// and waits for them, at most Options.StopTimeout. It returns nil after a
// clean stop, or an error naming the jobs that did not stop in time (their
// periods keep heartbeating while they run, so nobody takes them over).
func (s *Scheduler) Run(ctx context.Context) error {
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return errors.New("run scheduler: already running")
	}
	s.started = true
	jobs := s.jobs
	s.mu.Unlock()

	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() { s.loop(ctx, j) })
	}
	s.log.Info("scheduler started", "jobs", len(jobs))
	<-ctx.Done()
	go func() { wg.Wait(); close(s.done) }()
	t := time.NewTimer(s.opts.StopTimeout)
	defer t.Stop()
	select {
	case <-s.done:
		s.log.Info("scheduler stopped")
		return nil
	case <-t.C:
		names := s.runningJobs()
		s.log.Error("jobs still running at shutdown", "jobs", names, "waited", s.opts.StopTimeout)
		return fmt.Errorf("stop scheduler: still running after %s: %v", s.opts.StopTimeout, names)
	}
}

func (s *Scheduler) runningJobs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for n, r := range s.running {
		if r {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

func (s *Scheduler) setRunning(name string, r bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running[name] = r
}

// period returns the period scheduled at at.
func (j *job) period(at time.Time) Period {
	return Period{Key: at.UTC().Format(time.RFC3339), At: at.In(j.Loc), Prev: j.spec.prev(at)}
}

// windowEnd is when period at may no longer start: after its grace, or
// when the next period is due.
func (j *job) windowEnd(at time.Time) time.Time {
	end := at.Add(j.Grace)
	if n := j.spec.next(at); !n.IsZero() && n.Before(end) {
		end = n
	}
	return end
}
