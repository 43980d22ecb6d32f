-- An inbox event's shard (its channel's, store.Shard), written as it is
-- stored, so that each replica reads only the events of the shards it
-- holds rather than every replica reading and decoding every event. -1:
-- not known (the events stored before this migration), read by all.
ALTER TABLE inbox ADD COLUMN shard INTEGER NOT NULL DEFAULT -1;
