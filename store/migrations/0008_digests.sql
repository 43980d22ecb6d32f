-- Personal digests: each member's choices, the channels they muted, and
-- every item a digest carried, so that nothing is sent twice.

CREATE TABLE digest_prefs (
    member_id  TEXT PRIMARY KEY,
    frequency  TEXT NOT NULL DEFAULT '' CHECK (frequency IN ('', 'off', 'daily', 'weekly')), -- '': the community's
    hour       INTEGER NOT NULL DEFAULT -1 CHECK (hour BETWEEN -1 AND 23),                     -- -1: the community's
    updated_at INTEGER NOT NULL
);

CREATE TABLE muted_channels (
    member_id  TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    muted_at   INTEGER NOT NULL,
    PRIMARY KEY (member_id, channel_id)
) WITHOUT ROWID;

CREATE TABLE digest_items_sent (
    member_id TEXT NOT NULL,
    item      TEXT NOT NULL, -- thread:C…:ts, question:C…:ts, resource:id, newcomer:C…:U…
    period    TEXT NOT NULL, -- the digest's period (2024-05-06, 2024-W19)
    sent_at   INTEGER NOT NULL,
    PRIMARY KEY (member_id, item)
) WITHOUT ROWID;
CREATE INDEX digest_items_sent_at ON digest_items_sent(sent_at);

-- What a digest window reads: reactions, resources and joins by time.
CREATE INDEX reactions_added ON reactions(added_at);
CREATE INDEX resources_shared ON resources(shared_at);
CREATE INDEX membership_events_at ON membership_events(at) WHERE kind = 'join';
