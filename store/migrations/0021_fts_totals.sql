-- Nothing to do on SQLite: FTS5 keeps its own totals. PostgreSQL's 0021
-- keeps the full-text index's totals by statement rather than by row (see
-- migrations_pg/0021_fts_totals.sql); the number is shared so that the
-- schema version means the same on both.
SELECT 1;
