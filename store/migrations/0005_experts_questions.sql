-- Expert finding and the question lifecycle.

-- A member's Slack status (emoji then text) and when it expires: someone
-- on leave is not the first person to suggest.
ALTER TABLE members ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN status_expires INTEGER;

-- A member's choices about expert finding (the App Home adds more).
CREATE TABLE expert_prefs (
    member_id  TEXT PRIMARY KEY,
    suggest    INTEGER NOT NULL DEFAULT 1, -- 0: never suggest me as an expert
    updated_at INTEGER NOT NULL
);

-- Skills members declare themselves (/praxis skills add …): weak evidence
-- until answers back them.
CREATE TABLE skills (
    member_id TEXT NOT NULL,
    skill     TEXT NOT NULL,
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (member_id, skill)
) WITHOUT ROWID;

-- Every time Praxis asks an expert to look at a question: invited by the
-- asker's button, or routed to an unanswered question. It counts against
-- the expert's weekly budget, and one question never pings a person twice.
CREATE TABLE expert_pings (
    id          INTEGER PRIMARY KEY,
    member_id   TEXT NOT NULL,
    channel_id  TEXT NOT NULL,
    question_ts TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('invited', 'routed')),
    at          INTEGER NOT NULL,
    UNIQUE (member_id, channel_id, question_ts)
);
CREATE INDEX expert_pings_member ON expert_pings(member_id, at);

-- Each "who knows about…?" asked of Praxis, with the people it suggested,
-- so that the answer's buttons can refer to it and feedback is recorded.
CREATE TABLE expert_queries (
    id           INTEGER PRIMARY KEY,
    asker        TEXT NOT NULL,
    channel_id   TEXT NOT NULL DEFAULT '', -- where it was asked
    thread_ts    TEXT NOT NULL DEFAULT '', -- the question's message, when there is one
    text         TEXT NOT NULL,
    community    TEXT NOT NULL DEFAULT '',
    ranked       TEXT NOT NULL,            -- JSON: the members suggested, best first
    source       TEXT NOT NULL,            -- command, mention, dm, shortcut
    asked_at     INTEGER NOT NULL,
    feedback     TEXT NOT NULL DEFAULT '', -- '', not_helpful or invited
    feedback_at  INTEGER
);

-- Questions asked in community channels (detected live), and what became
-- of them.
CREATE TABLE questions (
    channel_id      TEXT NOT NULL,
    ts              TEXT NOT NULL,
    asker           TEXT NOT NULL,
    asked_at        INTEGER NOT NULL,
    why             TEXT NOT NULL DEFAULT '', -- what made it a question
    first_answer_at INTEGER,
    first_answerer  TEXT NOT NULL DEFAULT '',
    resolved_at     INTEGER,
    resolution      TEXT NOT NULL DEFAULT '', -- accepted (the asker ticked an answer ✅), thanked, or solved (ticked the question)
    routed_at       INTEGER,                  -- experts invited into the thread
    escalated_at    INTEGER,                  -- facilitators told
    closed          INTEGER NOT NULL DEFAULT 0, -- deleted: no longer followed
    PRIMARY KEY (channel_id, ts)
) WITHOUT ROWID;
CREATE INDEX questions_open ON questions(asked_at) WHERE first_answer_at IS NULL AND closed = 0;
