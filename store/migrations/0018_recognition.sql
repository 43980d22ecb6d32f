-- A member's choice about the monthly thanks (bot/recognition): off, the
-- recognition ritual and the sponsors' report never name them. Members who
-- chose nothing are named when they helped.
CREATE TABLE recognition_prefs (
    member_id  TEXT PRIMARY KEY,
    off        INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
