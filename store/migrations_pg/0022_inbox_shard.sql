-- An inbox event's shard, as SQLite's 0022: each replica reads only the
-- events of its shards. -1: not known, read by all.
ALTER TABLE inbox ADD COLUMN shard BIGINT NOT NULL DEFAULT -1;
