-- The full-text index now holds terms computed in Go (package store/terms:
-- Snowball's English and French stemmers, diacritics folded), no longer the
-- raw text: FTS5 stems only English, and the SQLite driver cannot run a Go
-- tokenizer. The store fills it again from messages right after this
-- migration, in the same transaction (see afterMigration in fts.go).
--
-- content='': the index does not keep a second copy of every message.
-- contentless_delete=1: a row is deleted or replaced by its rowid alone,
-- without its old text. detail=full: bm25() needs each term's frequency,
-- which detail=column and detail=none do not keep (bm25 scores every row 0
-- with them), and phrase queries stay possible.
-- A message without terms (deleted, empty, only stop words) has no row.
DROP TRIGGER messages_fts_delete;
DROP TABLE messages_fts;
CREATE VIRTUAL TABLE messages_fts USING fts5(
    terms,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = old.id;
END;
