-- Scheduled jobs (digests, nudges, rituals, reports): one row per job and
-- period. The UNIQUE pair is the claim: whoever inserts it runs the period,
-- so a restart or a second replica never runs it twice.
CREATE TABLE job_runs (
    id           INTEGER PRIMARY KEY,
    job          TEXT NOT NULL,
    period       TEXT NOT NULL,            -- the period's key: its scheduled instant, RFC 3339 UTC
    scheduled_at INTEGER NOT NULL,         -- that instant, Unix ms
    status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'skipped')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    started_at   INTEGER,                  -- of the latest attempt
    heartbeat_at INTEGER,                  -- last sign of life of a running attempt
    finished_at  INTEGER,
    retry_at     INTEGER,                  -- a failed run may be claimed again from then
    error        TEXT NOT NULL DEFAULT '', -- why it failed or was skipped
    UNIQUE (job, period)
);
CREATE INDEX job_runs_job ON job_runs(job, scheduled_at);
CREATE INDEX job_runs_running ON job_runs(job) WHERE status = 'running';
