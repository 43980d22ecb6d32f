-- Where the back-fill of each mapped channel stands, committed with the
-- messages it fetched so that a crash resumes exactly where it stopped.
CREATE TABLE backfill (
    channel_id TEXT PRIMARY KEY,
    done_until TEXT NOT NULL DEFAULT '', -- every message up to this ts is recorded
    run_oldest TEXT NOT NULL DEFAULT '', -- the run in progress fetches what came after this ts
    run_newest TEXT NOT NULL DEFAULT '', -- the newest ts the run has recorded so far
    cursor     TEXT NOT NULL DEFAULT '', -- the next history page of the run
    pages_done INTEGER NOT NULL DEFAULT 0, -- history read; the recent threads' sweep remains
    updated_at INTEGER NOT NULL
);
