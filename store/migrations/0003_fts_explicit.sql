-- The full-text index is now kept by the store's code on insert and update:
-- through triggers, every statement opened a savepoint on the FTS5 table,
-- which flushes its in-memory index each time and made imports 3x slower.
-- Row deletions keep their trigger (they are rare).
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_update;
