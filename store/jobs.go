package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unicode/utf8"
)

// Job run statuses.
const (
	RunRunning = "running" // claimed; its process heartbeats while the job runs
	RunDone    = "done"
	RunFailed  = "failed"  // Error says why; claimable again while attempts allow
	RunSkipped = "skipped" // deliberately not run; Error says why
)

// maxRunError bounds the error text kept with a run.
const maxRunError = 2000

// JobRun is one scheduled job's run for one period. The pair (Job, Period)
// is unique: whoever claims it first runs it, so neither a restart nor a
// second replica runs a period twice.
type JobRun struct {
	ID          int64
	Job         string
	Period      string    // the period's key
	ScheduledAt time.Time // the instant the period was due
	Status      string
	Attempts    int
	StartedAt   time.Time // of the latest attempt
	HeartbeatAt time.Time // last sign of life of the running attempt
	FinishedAt  time.Time
	RetryAt     time.Time // a failed run is claimable again from then (zero: at once)
	Error       string
}

// RunClaim asks for the right to run a job's period.
type RunClaim struct {
	Job         string
	Period      string
	ScheduledAt time.Time
	// MaxAttempts bounds the attempts: a failed run that had as many is not
	// retried, and a stale one is given up. 0: no bound.
	MaxAttempts int
	// StaleAfter is how long a running attempt may go without a heartbeat
	// before its process is presumed dead and the run may be taken over.
	// The running process heartbeats far more often, so a run that may still
	// be going is never taken. 0: never taken over.
	StaleAfter time.Duration
}

const jobRunCols = `id, job, period, scheduled_at, status, attempts, started_at, heartbeat_at,
	finished_at, retry_at, error`

// ClaimJobRun takes the right to run a job's period, in one transaction:
// it inserts the run, or takes back a failed run that may be retried, or a
// running one whose heartbeat is stale. It reports false, with the run that
// stands in the way, when the period is done, skipped, failed for good,
// failed but not yet due for a retry (RetryAt), or running; and also when
// another period of the same job is running, so that a job never overlaps
// itself, even across processes. Stale runs of other periods are recorded
// failed on the way.
func (s *Store) ClaimJobRun(ctx context.Context, c RunClaim) (JobRun, bool, error) {
	if c.Job == "" || c.Period == "" {
		return JobRun{}, false, fmt.Errorf("claim job run: job and period are required")
	}
	now := s.Now()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return JobRun{}, false, fmt.Errorf("claim job run %s %s: %w", c.Job, c.Period, err)
	}
	defer tx.Rollback()
	run, ok, err := claimJobRun(ctx, tx, c, now)
	if err != nil {
		return JobRun{}, false, fmt.Errorf("claim job run %s %s: %w", c.Job, c.Period, err)
	}
	if err := tx.Commit(); err != nil {
		return JobRun{}, false, fmt.Errorf("claim job run %s %s: %w", c.Job, c.Period, err)
	}
	return run, ok, nil
}

// qClaimRun claims a job's period: the first attempt's row.
const qClaimRun = `INSERT INTO job_runs(job, period, scheduled_at, status, attempts,
			started_at, heartbeat_at) VALUES (?, ?, ?, 'running', 1, ?, ?)`

func claimJobRun(ctx context.Context, tx *sql.Tx, c RunClaim, now time.Time) (JobRun, bool, error) {
	runs, err := jobRunsTx(ctx, tx, `WHERE job = ? AND period = ?`, c.Job, c.Period)
	if err != nil {
		return JobRun{}, false, err
	}
	var r JobRun
	exhausted := false
	if len(runs) > 0 {
		r = runs[0]
		exhausted = c.MaxAttempts > 0 && r.Attempts >= c.MaxAttempts
		if r.Status == RunDone || r.Status == RunSkipped || r.Status == RunFailed && exhausted {
			return r, false, nil
		}
	}
	others, err := jobRunsTx(ctx, tx, `WHERE job = ? AND status = 'running' AND period <> ?`, c.Job, c.Period)
	if err != nil {
		return JobRun{}, false, err
	}
	for _, o := range others {
		if !stale(o, c.StaleAfter, now) {
			return o, false, nil
		}
		if err := abandon(ctx, tx, o, now); err != nil {
			return JobRun{}, false, err
		}
	}
	if len(runs) == 0 {
		res, err := tx.ExecContext(ctx, qClaimRun,
			c.Job, c.Period, ms(c.ScheduledAt), ms(now), ms(now))
		if err != nil {
			return JobRun{}, false, err
		}
		id, _ := res.LastInsertId()
		return JobRun{
			ID:          id,
			Job:         c.Job,
			Period:      c.Period,
			ScheduledAt: fromMS(ms(c.ScheduledAt)),
			Status:      RunRunning,
			Attempts:    1,
			StartedAt:   now,
			HeartbeatAt: now,
		}, true, nil
	}
	switch {
	case stale(r, c.StaleAfter, now) && exhausted:
		if err := abandon(ctx, tx, r, now); err != nil {
			return JobRun{}, false, err
		}
		return oneJobRun(ctx, tx, r.ID)
	case stale(r, c.StaleAfter, now):
		r.Error = abandoned(r)
	case r.Status == RunFailed && !r.RetryAt.After(now):
	default: // running and alive, or failed and not yet due
		return r, false, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE job_runs SET status = 'running', attempts = attempts + 1, started_at = ?,
		heartbeat_at = ?, finished_at = NULL, retry_at = NULL, error = ? WHERE id = ?`, ms(now), ms(now), r.Error, r.ID)
	if err != nil {
		return JobRun{}, false, err
	}
	run, _, err := oneJobRun(ctx, tx, r.ID)
	return run, err == nil, err
}

// stale reports whether a running attempt's process is presumed dead.
func stale(r JobRun, after time.Duration, now time.Time) bool {
	return r.Status == RunRunning && after > 0 && !r.HeartbeatAt.After(now.Add(-after))
}

// abandon records as failed a running attempt whose process died.
func abandon(ctx context.Context, tx *sql.Tx, r JobRun, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE job_runs SET status = 'failed', finished_at = ?, error = ?
		WHERE id = ? AND status = 'running' AND attempts = ?`, ms(now), abandoned(r), r.ID, r.Attempts)
	return err
}

func abandoned(r JobRun) string {
	return fmt.Sprintf("attempt %d abandoned: no heartbeat since %s", r.Attempts, r.HeartbeatAt.Format(time.RFC3339))
}

func oneJobRun(ctx context.Context, tx *sql.Tx, id int64) (JobRun, bool, error) {
	runs, err := jobRunsTx(ctx, tx, `WHERE id = ?`, id)
	if err != nil {
		return JobRun{}, false, err
	}
	if len(runs) == 0 {
		return JobRun{}, false, ErrNotFound
	}
	return runs[0], false, nil
}

// HeartbeatJobRun records that a claimed run's process is alive and the job
// still going. It returns ErrNotFound when the claim was lost (the run was
// taken over after its heartbeat went stale).
func (s *Store) HeartbeatJobRun(ctx context.Context, run JobRun) error {
	return s.updateJobRun(ctx, "heartbeat", run, `UPDATE job_runs SET heartbeat_at = ?
		WHERE id = ? AND status = 'running' AND attempts = ?`, ms(s.Now()), run.ID, run.Attempts)
}

// FinishJobRun records the end of a claimed attempt: done when cause is nil,
// failed with cause's text otherwise, claimable again from retryAt (zero:
// at once; a run out of attempts is not claimed anyway). It returns
// ErrNotFound when the claim was lost.
func (s *Store) FinishJobRun(ctx context.Context, run JobRun, cause error, retryAt time.Time) error {
	if cause == nil {
		return s.updateJobRun(ctx, "finish", run, `UPDATE job_runs SET status = 'done', finished_at = ?, retry_at = NULL,
			error = '' WHERE id = ? AND status = 'running' AND attempts = ?`, ms(s.Now()), run.ID, run.Attempts)
	}
	var retry sql.NullInt64
	if !retryAt.IsZero() {
		retry = sql.NullInt64{Int64: ms(retryAt), Valid: true}
	}
	return s.updateJobRun(ctx, "finish", run, `UPDATE job_runs SET status = 'failed', finished_at = ?, retry_at = ?,
		error = ? WHERE id = ? AND status = 'running' AND attempts = ?`,
		ms(s.Now()), retry, clip(cause.Error(), maxRunError), run.ID, run.Attempts)
}

func (s *Store) updateJobRun(ctx context.Context, what string, run JobRun, q sqlText, args ...any) error {
	res, err := s.w.ExecContext(ctx, string(q), args...)
	if err != nil {
		return fmt.Errorf("%s job run %s %s: %w", what, run.Job, run.Period, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s job run %s %s: claim lost: %w", what, run.Job, run.Period, ErrNotFound)
	}
	return nil
}

// SkipJobRun records that a period was deliberately not run, and why. It
// reports false, changing nothing, when the period already has a run.
func (s *Store) SkipJobRun(ctx context.Context, job, period string, scheduledAt time.Time,
	reason string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `INSERT INTO job_runs(job, period, scheduled_at, status, finished_at, error)
		VALUES (?, ?, ?, 'skipped', ?, ?) ON CONFLICT (job, period) DO NOTHING`,
		job, period, ms(scheduledAt), ms(s.Now()), clip(reason, maxRunError))
	if err != nil {
		return false, fmt.Errorf("skip job run %s %s: %w", job, period, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// LastJobRun returns the job's run of the latest period; with statuses,
// the latest among runs in one of them (a digest wants its last done run).
func (s *Store) LastJobRun(ctx context.Context, job string, statuses ...string) (JobRun, error) {
	var where sqlText = `WHERE job = ?`
	args := []any{job}
	if len(statuses) > 0 {
		where += ` AND status IN (` + inList(len(statuses)) + `)`
		for _, st := range statuses {
			args = append(args, st)
		}
	}
	runs, err := jobRunsTx(ctx, s.r, where+` ORDER BY scheduled_at DESC, id DESC LIMIT 1`, args...)
	if err != nil {
		return JobRun{}, fmt.Errorf("last job run %s: %w", job, err)
	}
	if len(runs) == 0 {
		return JobRun{}, ErrNotFound
	}
	return runs[0], nil
}

// JobRuns lists the latest runs, latest period first: of one job, or of
// every job when job is "". limit <= 0 means 50.
func (s *Store) JobRuns(ctx context.Context, job string, limit int) ([]JobRun, error) {
	if limit <= 0 {
		limit = 50
	}
	var where sqlText
	args := []any{}
	if job != "" {
		where, args = `WHERE job = ?`, append(args, job)
	}
	runs, err := jobRunsTx(ctx, s.r, where+` ORDER BY scheduled_at DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("job runs %s: %w", job, err)
	}
	return runs, nil
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func jobRunsTx(ctx context.Context, db querier, where sqlText, args ...any) ([]JobRun, error) {
	rows, err := db.QueryContext(ctx, string(`SELECT `+jobRunCols+` FROM job_runs `+where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []JobRun
	for rows.Next() {
		var r JobRun
		var sched int64
		var started, beat, finished, retry sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Job, &r.Period, &sched, &r.Status, &r.Attempts, &started, &beat,
			&finished, &retry, &r.Error); err != nil {
			return nil, err
		}
		r.ScheduledAt = fromMS(sched)
		r.StartedAt, r.HeartbeatAt = nullTime(started), nullTime(beat)
		r.FinishedAt, r.RetryAt = nullTime(finished), nullTime(retry)
		out = append(out, r)
	}
	return out, rows.Err()
}

// clip cuts s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
