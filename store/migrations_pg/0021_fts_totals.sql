-- The full-text index's totals (bm25's, see 0017) and the index rows of
-- deleted messages, kept once per statement rather than once per row. The
-- trigger that updated the one row of messages_fts_totals for each indexed
-- message left, inside a transaction, a chain of versions of that row that
-- every later update walked: a transaction indexing n messages cost n², an
-- import of a million messages hours. Now each statement updates the totals
-- once, from its transition tables, and the store indexes a transaction's
-- new messages in one statement (Tx.applyFTS).
DROP TRIGGER messages_fts_totals ON messages_fts;
DROP FUNCTION messages_fts_totals();
CREATE FUNCTION messages_fts_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d_docs   BIGINT := 0;
    d_tokens BIGINT := 0;
    n        BIGINT;
    s        BIGINT;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT count(*), coalesce(sum(tokens), 0) INTO n, s FROM added;
        d_docs := d_docs + n;
        d_tokens := d_tokens + s;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT count(*), coalesce(sum(tokens), 0) INTO n, s FROM gone;
        d_docs := d_docs - n;
        d_tokens := d_tokens - s;
    END IF;
    IF d_docs <> 0 OR d_tokens <> 0 THEN
        UPDATE messages_fts_totals SET docs = docs + d_docs, tokens = tokens + d_tokens WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER messages_fts_totals_insert AFTER INSERT ON messages_fts
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION messages_fts_totals();
CREATE TRIGGER messages_fts_totals_update AFTER UPDATE ON messages_fts
    REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION messages_fts_totals();
CREATE TRIGGER messages_fts_totals_delete AFTER DELETE ON messages_fts
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION messages_fts_totals();

DROP TRIGGER messages_fts_delete ON messages;
DROP FUNCTION messages_fts_delete();
CREATE FUNCTION messages_fts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM messages_fts f USING gone WHERE f.id = gone.id;
    RETURN NULL;
END $$;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION messages_fts_delete();
