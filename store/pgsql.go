package store

// pgStatements are the store's statements that PostgreSQL spells
// differently, by their SQLite text, each beside its PostgreSQL form (see
// pgdriver.go). Everything else is written once, in SQL both read alike,
// with the help of the few SQLite functions migrations_pg defines with
// SQLite's meaning (scalar max and min, instr, json_each,
// json_group_array) and of the BLOB domain.
//
// An insert whose id the store reads with LastInsertId says RETURNING id
// here: pgx's driver has no LastInsertId (SQLite's path does not say it,
// see insertMessage).
var pgStatements = map[string]sqlText{
	// Unix ms outgrow PostgreSQL's 32-bit INTEGER.
	string(qSchemaMigrations): `CREATE TABLE IF NOT EXISTS schema_migrations (
		version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,

	string(qNewMessage):     qNewMessage + ` RETURNING id`,
	string(qAddExpertQuery): qAddExpertQuery + ` RETURNING id`,
	string(qClaimRun):       qClaimRun + ` RETURNING id`,

	// The ids as an array, read once, so that the rows are found by the
	// index (a join with json_each scanned the inbox).
	string(qMarkManyProcessed): `UPDATE inbox SET processed_at = ?, attempts = attempts + 1
		WHERE id = ANY(ARRAY(SELECT CAST(json_array_elements_text(CAST(? AS json)) AS BIGINT)))
		AND processed_at IS NULL RETURNING id`,

	// The full-text index (docs/postgres.md): the terms as they are, and
	// how many.
	string(qFTSInsert): `INSERT INTO messages_fts(id, terms, tokens)
		VALUES (?1, to_tsvector('simple', ?2), array_length(string_to_array(?2, ' '), 1))`,
	string(qFTSReplace): `INSERT INTO messages_fts(id, terms, tokens)
		VALUES (?1, to_tsvector('simple', ?2), array_length(string_to_array(?2, ' '), 1))
		ON CONFLICT(id) DO UPDATE SET terms = excluded.terms, tokens = excluded.tokens`,
	string(qFTSDelete): `DELETE FROM messages_fts WHERE id = ?`,
	// Each term at its position: a term the 'simple' parser split in two
	// would show.
	string(qIndexedTerms): `SELECT f.id, t.lexeme FROM messages_fts f
		CROSS JOIN LATERAL unnest(f.terms) AS t
		CROSS JOIN LATERAL unnest(t.positions) AS p(at) ORDER BY f.id, p.at`,
	string(qSearch): qSearchBM25,

	string(qTableExists): `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name = ?`,

	// Without SQLite's planner hints (unary +, CROSS JOIN's order), and
	// with the alias PostgreSQL wants on a subquery.
	string(qQuestionTicked): `SELECT min(at) FROM (SELECT added_at AS at FROM reactions
		WHERE channel_id = ? AND message_ts = ? AND user_id = ? AND name IN (?, ?, ?, ?, ?)
		UNION ALL SELECT at FROM question_acts WHERE channel_id = ? AND message_ts = ? AND user_id = ? AND kind = 'tick')
		AS ticks`,
	string(qAnswerTicked): `SELECT min(at) FROM (SELECT r.added_at AS at FROM messages m
			JOIN reactions r ON r.channel_id = m.channel_id AND r.message_ts = m.ts
		WHERE m.channel_id = ? AND m.thread_ts = ? AND m.thread_ts <> '' AND m.ts <> ?
		AND m.user_id <> ? AND m.user_id <> '' AND r.user_id = ?
		AND r.name IN (?, ?, ?, ?, ?)
		UNION ALL SELECT a.at FROM messages m
			JOIN question_acts a ON a.channel_id = m.channel_id AND a.message_ts = m.ts
		WHERE m.channel_id = ? AND m.thread_ts = ? AND m.thread_ts <> '' AND m.ts <> ?
		AND m.user_id <> ? AND m.user_id <> '' AND a.user_id = ? AND a.kind = 'tick') AS ticks`,
	string(qThanked): `SELECT min(a.at) FROM messages m
			JOIN question_acts a ON a.channel_id = m.channel_id AND a.message_ts = m.ts
		WHERE m.channel_id = ? AND m.thread_ts = ? AND m.thread_ts <> '' AND m.ts <> ?
		AND a.user_id = ? AND a.kind = 'thanks' AND a.at > ?`,
}

// qSearchBM25 is Search on PostgreSQL, ranked by bm25 as FTS5 ranks
// (k1 = 1.2, b = 0.75; an inverse document frequency of at least 1e-6):
// each term of the query (its quoted lexemes) weighs by how few rows hold
// it, among the totals messages_fts_totals keeps, and counts in a row as
// often as the row's tsvector has it, against the row's length.
const qSearchBM25 = `WITH q AS (SELECT CAST(?1 AS tsquery) AS q),
	qterms AS (SELECT DISTINCT replace(m[1], '''''', '''') AS term
		FROM q CROSS JOIN LATERAL regexp_matches(q.q::text, '''((?:[^'']|'''')+)''', 'g') AS m),
	totals AS (SELECT docs, tokens::float8 / greatest(docs, 1) AS avgdl FROM messages_fts_totals WHERE id = 1),
	idf AS (SELECT t.term, greatest(ln((tot.docs - hit.n + 0.5) / (hit.n + 0.5)), 1e-6) AS idf
		FROM qterms t CROSS JOIN totals tot
		CROSS JOIN LATERAL (SELECT count(*) AS n FROM messages_fts f
			WHERE f.terms @@ CAST(quote_literal(t.term) AS tsquery)) AS hit),
	hits AS (SELECT f.id, f.terms, f.tokens FROM messages_fts f CROSS JOIN q WHERE f.terms @@ q.q)
	SELECT m.channel_id, m.ts, m.thread_ts, m.user_id, m.text, m.subtype, m.is_bot,
		m.edited_ts, m.deleted, m.posted_at
	FROM hits h JOIN messages m ON m.id = h.id CROSS JOIN totals tot
	WHERE m.deleted = 0
	ORDER BY (SELECT sum(i.idf * tf.n * 2.2 / (tf.n + 1.2 * (0.25 + 0.75 * h.tokens / tot.avgdl)))
		FROM idf i CROSS JOIN LATERAL (SELECT array_length(u.positions, 1) AS n
			FROM unnest(h.terms) AS u WHERE u.lexeme = i.term) AS tf) DESC, m.id
	LIMIT ?2`
