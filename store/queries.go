package store

// The statements of the hot paths, prepared once at Open (see prepareHot).
const (
	qPutMessage = `INSERT INTO messages
		(channel_id, ts, thread_ts, user_id, text, subtype, is_bot, edited_ts, deleted, posted_at, erased)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(channel_id, ts) DO UPDATE SET
			thread_ts = CASE WHEN excluded.thread_ts <> '' THEN excluded.thread_ts ELSE messages.thread_ts END,
			user_id = CASE WHEN messages.user_id = '' THEN excluded.user_id ELSE messages.user_id END,
			subtype = CASE WHEN messages.subtype = '' THEN excluded.subtype ELSE messages.subtype END,
			is_bot = max(messages.is_bot, excluded.is_bot),
			text = CASE
				WHEN messages.deleted = 1 OR excluded.deleted = 1 OR messages.erased = 1 OR excluded.erased = 1 THEN ''
				WHEN excluded.edited_ts >= messages.edited_ts THEN excluded.text ELSE messages.text END,
			edited_ts = max(messages.edited_ts, excluded.edited_ts),
			deleted = max(messages.deleted, excluded.deleted),
			erased = max(messages.erased, excluded.erased)
		WHERE excluded.edited_ts > messages.edited_ts OR excluded.deleted > messages.deleted
			OR excluded.erased > messages.erased
			OR (messages.thread_ts = '' AND excluded.thread_ts <> '') OR (messages.user_id = '' AND excluded.user_id <> '')
			OR (messages.subtype = '' AND excluded.subtype <> '') OR excluded.is_bot > messages.is_bot
			OR (messages.deleted = 0 AND messages.erased = 0 AND excluded.edited_ts = messages.edited_ts
				AND excluded.text <> messages.text)
		RETURNING id, text`
	// A reaction is recorded unless a removal at or after its time is known;
	// added again later, it is dated by its latest addition.
	qAddReaction = `INSERT INTO reactions(channel_id, message_ts, user_id, name, item_user, added_at)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM reaction_removals
			WHERE channel_id = ?1 AND message_ts = ?2 AND user_id = ?3 AND name = ?4 AND removed_at >= ?6)
		ON CONFLICT(channel_id, message_ts, user_id, name) DO UPDATE SET added_at = excluded.added_at
		WHERE excluded.added_at > reactions.added_at`
	// The same where no removal is recorded at all.
	qAddReactionAnew = `INSERT INTO reactions(channel_id, message_ts, user_id, name, item_user, added_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6)
		ON CONFLICT(channel_id, message_ts, user_id, name) DO UPDATE SET added_at = excluded.added_at
		WHERE excluded.added_at > reactions.added_at`
	qReactionRemovalsKnown = `SELECT EXISTS (SELECT 1 FROM reaction_removals)`
	qRemoveReaction        = `DELETE FROM reactions
		WHERE channel_id = ? AND message_ts = ? AND user_id = ? AND name = ? AND added_at <= ?`
	qReactionGone = `INSERT INTO reaction_removals(channel_id, message_ts, user_id, name, removed_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(channel_id, message_ts, user_id, name) DO UPDATE SET removed_at = excluded.removed_at
		WHERE excluded.removed_at > reaction_removals.removed_at`
	// The same move within a minute is one move, dated by the earliest.
	qMembershipNear = `SELECT at, ts FROM membership_events
		WHERE channel_id = ?1 AND member_id = ?2 AND kind = ?3 AND abs(at - ?4) < 60000 ORDER BY at, ts LIMIT 1`
	qMembershipLater = `DELETE FROM membership_events WHERE channel_id = ?1 AND member_id = ?2 AND kind = ?3
		AND abs(at - ?4) < 60000 AND (at > ?4 OR at = ?4 AND ts > ?5)`
	qMembershipEvent = `INSERT INTO membership_events(channel_id, member_id, kind, ts, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`
	// A membership is what its moves say, by their time: joined at the
	// latest join, left at the latest leave unless a join came after it.
	qMembershipRow = `INSERT INTO channel_members(channel_id, member_id, joined_at, left_at)
		SELECT ?1, ?2, j, CASE WHEN l >= coalesce(j, l) THEN l END FROM (SELECT
			(SELECT max(at) FROM membership_events WHERE channel_id = ?1 AND member_id = ?2 AND kind = 'join') AS j,
			(SELECT max(at) FROM membership_events WHERE channel_id = ?1 AND member_id = ?2 AND kind = 'leave') AS l) AS moves
		WHERE true
		ON CONFLICT(channel_id, member_id) DO UPDATE SET joined_at = excluded.joined_at, left_at = excluded.left_at`
	// A deleted message's resources are not recorded; a title comes from the
	// newest version of the message that has one.
	qAddResource = `INSERT INTO resources(kind, url, title, user_id, channel_id, message_ts, shared_at, version)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
		WHERE NOT EXISTS (SELECT 1 FROM messages WHERE channel_id = ?5 AND ts = ?6 AND deleted = 1)
		ON CONFLICT(channel_id, message_ts, url) DO UPDATE SET title = excluded.title, version = excluded.version
		WHERE excluded.title <> '' AND (resources.title = '' OR excluded.version > resources.version
			OR excluded.version = resources.version AND excluded.title > resources.title)`
	// The same for a message known not to be deleted.
	qAddResourceLive = `INSERT INTO resources(kind, url, title, user_id, channel_id, message_ts, shared_at, version)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
		ON CONFLICT(channel_id, message_ts, url) DO UPDATE SET title = excluded.title, version = excluded.version
		WHERE excluded.title <> '' AND (resources.title = '' OR excluded.version > resources.version
			OR excluded.version = resources.version AND excluded.title > resources.title)`
	qRemoveResources = `DELETE FROM resources WHERE channel_id = ? AND message_ts = ?`
	// The newest rename wins, whichever arrives last.
	qRenameChannel = `INSERT INTO channels(id, name, updated_at, renamed_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET
			name = excluded.name, updated_at = excluded.updated_at, renamed_at = excluded.renamed_at
		WHERE channels.renamed_at IS NULL OR excluded.renamed_at > channels.renamed_at
			OR excluded.renamed_at = channels.renamed_at AND excluded.name > channels.name`
	qSeeMember = `INSERT INTO members(id, first_seen, last_seen) VALUES (?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET
			first_seen = min(coalesce(members.first_seen, excluded.first_seen), excluded.first_seen),
			last_seen = max(coalesce(members.last_seen, excluded.last_seen), excluded.last_seen)
		WHERE members.first_seen IS NULL OR members.last_seen IS NULL
			OR excluded.first_seen < members.first_seen OR excluded.last_seen > members.last_seen`
	// qSeeMembers is qSeeMember for many members at once, on PostgreSQL
	// (see Tx.seeMembers).
	qSeeMembers = `INSERT INTO members(id, first_seen, last_seen)
		SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]))
		ON CONFLICT(id) DO UPDATE SET
			first_seen = min(coalesce(members.first_seen, excluded.first_seen), excluded.first_seen),
			last_seen = max(coalesce(members.last_seen, excluded.last_seen), excluded.last_seen)
		WHERE members.first_seen IS NULL OR members.last_seen IS NULL
			OR excluded.first_seen < members.first_seen OR excluded.last_seen > members.last_seen`
	qMarkProcessed = `UPDATE inbox SET processed_at = ?, attempts = attempts + 1
		WHERE id = ? AND processed_at IS NULL`
	qEnqueue = `INSERT INTO outbox(key, method, channel_id, payload, next_attempt_at, created_at, shard)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING`
)

const (
	qMessageRow = `SELECT id, thread_ts, user_id, text, subtype, is_bot, edited_ts, deleted, erased FROM messages
		WHERE channel_id = ? AND ts = ?`
	qNewMessage = `INSERT INTO messages
		(channel_id, ts, thread_ts, user_id, text, subtype, is_bot, edited_ts, deleted, posted_at, erased)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(channel_id, ts) DO NOTHING`
	qFTSInsert  = `INSERT INTO messages_fts(rowid, terms) VALUES (?, ?)`
	qFTSReplace = `INSERT OR REPLACE INTO messages_fts(rowid, terms) VALUES (?, ?)`
	qFTSDelete  = `DELETE FROM messages_fts WHERE rowid = ?`
)

// hotQueries lists them for prepareHot.
var hotQueries = []sqlText{
	qPutMessage, qAddReaction, qAddReactionAnew, qRemoveReaction, qReactionGone,
	qMembershipNear, qMembershipLater, qMembershipEvent, qMembershipRow,
	qAddResource, qAddResourceLive, qRemoveResources, qRenameChannel, qSeeMember, qMarkProcessed, qEnqueue,
	qMessageRow, qNewMessage, qFTSInsert, qFTSReplace, qFTSDelete, qPrivacyAny, qMemberPrivacy,
}
