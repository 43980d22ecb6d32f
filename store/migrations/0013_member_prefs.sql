-- A member's own choices that are not a feature's: the language Praxis
-- speaks to them, chosen on the Home tab ('' follows their Slack locale).
-- The store's member lookups return it as the member's locale.

CREATE TABLE member_prefs (
    member_id  TEXT PRIMARY KEY,
    language   TEXT NOT NULL DEFAULT '' CHECK (language IN ('', 'en', 'fr')),
    updated_at INTEGER NOT NULL
);
