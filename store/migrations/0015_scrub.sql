-- An erasure that has not reached the file's bytes yet (see scrub.go): the
-- write-ahead log still holds pages as they were and, when full_text is
-- set (a member forgotten, a retention run), the full-text index the
-- erased rows' terms, masked. The row is written in the transaction that
-- erases and deleted once Store.Scrub is done, so a crash in between
-- leaves the work due.
CREATE TABLE scrub_due (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL,           -- one more at each erasure: a scrub clears only what it saw
    full_text  INTEGER NOT NULL DEFAULT 0, -- the full-text index is to be merged too
    since      INTEGER NOT NULL            -- Unix ms of the first erasure not scrubbed
);
