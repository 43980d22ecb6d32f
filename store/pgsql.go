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

	// The full-text index (docs/postgres.md): the terms as they are.
	string(qFTSInsert): `INSERT INTO messages_fts(id, terms) VALUES (?, to_tsvector('simple', ?))`,
	string(qFTSReplace): `INSERT INTO messages_fts(id, terms) VALUES (?, to_tsvector('simple', ?))
		ON CONFLICT(id) DO UPDATE SET terms = excluded.terms`,
	string(qFTSDelete): `DELETE FROM messages_fts WHERE id = ?`,
	// Each term at its position: a term the 'simple' parser split in two
	// would show.
	string(qIndexedTerms): `SELECT f.id, t.lexeme FROM messages_fts f
		CROSS JOIN LATERAL unnest(f.terms) AS t
		CROSS JOIN LATERAL unnest(t.positions) AS p(at) ORDER BY f.id, p.at`,
	// Ranked by ts_rank until bm25 is computed (docs/postgres.md).
	string(qSearch): `SELECT m.channel_id, m.ts, m.thread_ts, m.user_id, m.text, m.subtype, m.is_bot,
		m.edited_ts, m.deleted, m.posted_at FROM messages_fts f JOIN messages m ON m.id = f.id
		WHERE f.terms @@ CAST(?1 AS tsquery) AND m.deleted = 0
		ORDER BY ts_rank(f.terms, CAST(?1 AS tsquery)) DESC, m.id LIMIT ?2`,

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
