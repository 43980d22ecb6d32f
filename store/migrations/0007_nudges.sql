-- Nudges: every decision to nudge a member, sent or held out, so that the
-- effect of nudges can be measured against the holdout.

CREATE TABLE nudges (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE, -- nudge:<kind>:<member>:<subject>, the outbox key when sent
    member_id   TEXT NOT NULL,
    community   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('welcome', 'reader', 'reengage', 'thank')),
    subject     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('sent', 'holdout')),
    at          INTEGER NOT NULL,
    contributed INTEGER,              -- NULL until 7 days have passed; then 1 if the member posted or reacted within them
    checked_at  INTEGER
);
CREATE INDEX nudges_member ON nudges(member_id, at);
CREATE INDEX nudges_unchecked ON nudges(at) WHERE contributed IS NULL;

-- A member's choice about nudges (/praxis nudges off, the button).
CREATE TABLE nudge_prefs (
    member_id  TEXT PRIMARY KEY,
    off        INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);

-- Whether a member reacted after a nudge.
CREATE INDEX reactions_user ON reactions(user_id, added_at);
