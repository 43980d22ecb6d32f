-- Several replicas of `praxis run` on one database (docs/postgres.md,
-- "Replicas"). Each process that runs registers itself, under an id of
-- its own start, and says it is alive; channels are split into shards,
-- each held by one live replica at a time through a lease it renews.
-- SQLite has one process: it holds every shard, and these tables stay
-- small.
CREATE TABLE replicas (
    id         TEXT PRIMARY KEY,
    host       TEXT NOT NULL,
    pid        INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    seen_at    INTEGER NOT NULL
);
CREATE TABLE leases (
    shard  INTEGER PRIMARY KEY,
    holder TEXT NOT NULL,
    until  INTEGER NOT NULL
);
-- An outbox message's shard (its channel's) says which replica sends it;
-- sender is the replica that marked it "sending", so that a message left
-- "sending" by a replica that died is known to be in doubt.
ALTER TABLE outbox ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN sender TEXT NOT NULL DEFAULT '';
-- What each committed write changed that replicas keep in memory (see
-- store.Changes), in commit order, for the other replicas to follow.
-- Written on PostgreSQL only; kept a few minutes.
CREATE TABLE change_log (
    id      INTEGER PRIMARY KEY,
    replica TEXT NOT NULL,
    at      INTEGER NOT NULL,
    changes TEXT NOT NULL
);
-- Every heartbeat drops what is older than the log keeps.
CREATE INDEX change_log_at ON change_log(at);
