-- Communities of practice and the Slack channels mapped to them.
CREATE TABLE communities (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    vocation   TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT 'en',
    timezone   TEXT NOT NULL DEFAULT 'UTC',
    updated_at INTEGER NOT NULL
);

CREATE TABLE channels (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',
    community_id INTEGER REFERENCES communities(id) ON DELETE SET NULL,
    is_private   INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX channels_community ON channels(community_id);

-- Members of the workspace, synced from users.info and first/last seen from their activity.
CREATE TABLE members (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',
    real_name    TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    tz           TEXT NOT NULL DEFAULT '',
    locale       TEXT NOT NULL DEFAULT '',
    is_bot       INTEGER NOT NULL DEFAULT 0,
    deleted      INTEGER NOT NULL DEFAULT 0,
    first_seen   INTEGER,
    last_seen    INTEGER,
    synced_at    INTEGER
);

-- Current membership of mapped channels, plus the join/leave history.
CREATE TABLE channel_members (
    channel_id TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    joined_at  INTEGER,
    left_at    INTEGER,
    PRIMARY KEY (channel_id, member_id)
) WITHOUT ROWID;

CREATE TABLE membership_events (
    id         INTEGER PRIMARY KEY,
    channel_id TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('join', 'leave')),
    ts         TEXT NOT NULL,
    at         INTEGER NOT NULL,
    UNIQUE (channel_id, member_id, kind, ts)
);

-- Every message in a mapped channel. Identity is (channel_id, ts), as in Slack.
-- A deleted message keeps its row (a tombstone, for counts) with its text erased.
CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    channel_id TEXT NOT NULL,
    ts         TEXT NOT NULL,
    thread_ts  TEXT NOT NULL DEFAULT '',
    user_id    TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL DEFAULT '',
    subtype    TEXT NOT NULL DEFAULT '',
    is_bot     INTEGER NOT NULL DEFAULT 0,
    edited_ts  TEXT NOT NULL DEFAULT '',
    deleted    INTEGER NOT NULL DEFAULT 0,
    posted_at  INTEGER NOT NULL,
    UNIQUE (channel_id, ts)
);
CREATE INDEX messages_thread ON messages(channel_id, thread_ts) WHERE thread_ts <> '';
CREATE INDEX messages_user ON messages(user_id, posted_at);
CREATE INDEX messages_posted ON messages(posted_at);

CREATE TABLE reactions (
    channel_id TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    item_user  TEXT NOT NULL DEFAULT '',
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (channel_id, message_ts, user_id, name)
) WITHOUT ROWID;
CREATE INDEX reactions_item_user ON reactions(item_user);

-- Links and files shared in mapped channels.
CREATE TABLE resources (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('link', 'file')),
    url        TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    user_id    TEXT NOT NULL DEFAULT '',
    channel_id TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    shared_at  INTEGER NOT NULL,
    UNIQUE (channel_id, message_ts, url)
);

-- Raw events exactly as received, stored before Slack is acknowledged.
CREATE TABLE inbox (
    id           INTEGER PRIMARY KEY,
    event_id     TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    payload      BLOB NOT NULL,
    received_at  INTEGER NOT NULL,
    processed_at INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inbox_pending ON inbox(id) WHERE processed_at IS NULL;

-- Every message Praxis sends, written here first under an idempotency key.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    method          TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sending_since   INTEGER,
    sent_channel    TEXT NOT NULL DEFAULT '',
    ts              TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status IN ('pending', 'sending');

-- Full-text index over message text; unicode61 with diacritics folded handles
-- English and French alike ("café" matches "cafe").
CREATE VIRTUAL TABLE messages_fts USING fts5(
    text,
    content = 'messages',
    content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
END;
