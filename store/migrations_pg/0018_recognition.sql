-- A member's choice about the monthly thanks (bot/recognition), as SQLite's
-- 0018: off, the recognition ritual and the sponsors' report never name them.
CREATE TABLE recognition_prefs (
    member_id  TEXT PRIMARY KEY,
    off        BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
