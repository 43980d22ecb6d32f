-- Monthly digests: a member may ask for one a month ("less often" on a
-- weekly digest). SQLite cannot change a CHECK constraint in place, so the
-- table is copied.

CREATE TABLE digest_prefs_new (
    member_id  TEXT PRIMARY KEY,
    frequency  TEXT NOT NULL DEFAULT '' CHECK (frequency IN ('', 'off', 'daily', 'weekly', 'monthly')), -- '': the community's
    hour       INTEGER NOT NULL DEFAULT -1 CHECK (hour BETWEEN -1 AND 23),                                -- -1: the community's
    updated_at INTEGER NOT NULL
);
INSERT INTO digest_prefs_new(member_id, frequency, hour, updated_at)
    SELECT member_id, frequency, hour, updated_at FROM digest_prefs;
DROP TABLE digest_prefs;
ALTER TABLE digest_prefs_new RENAME TO digest_prefs;

-- When each member's last digest went out (the window of the next starts there).
CREATE INDEX digest_items_sent_member ON digest_items_sent(member_id, sent_at);
