package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"praxis/store/terms"
)

// MessageByTS returns one message, or ErrNotFound.
func (s *Store) MessageByTS(ctx context.Context, channelID, ts string) (Message, error) {
	var m Message
	var posted int64
	err := s.r.QueryRowContext(ctx, `SELECT channel_id, ts, thread_ts, user_id, text, subtype, is_bot, edited_ts, deleted,
			posted_at
		FROM messages WHERE channel_id = ? AND ts = ?`, channelID, ts).Scan(
		&m.ChannelID, &m.TS, &m.ThreadTS, &m.UserID, &m.Text, &m.Subtype, &m.IsBot, &m.EditedTS, &m.Deleted, &posted)
	if errors.Is(err, sql.ErrNoRows) {
		return Message{}, ErrNotFound
	}
	if err != nil {
		return Message{}, fmt.Errorf("message %s/%s: %w", channelID, ts, err)
	}
	m.PostedAt = fromMS(posted)
	return m, nil
}

// contribution selects the messages that are a member's contribution: not
// deleted, not from a bot, and not a system notice (joins, topic changes…).
const contribution = `is_bot = 0 AND deleted = 0 AND subtype IN ('', 'thread_broadcast', 'file_share', 'me_message')`

// Stats are headline counts of what is recorded.
type Stats struct {
	Communities, Channels, Members    int
	Messages, Replies, Deleted, Bot   int
	Reactions, Resources, Joins       int
	InboxPending, OutboxPending, Dead int
}

// Stats counts what the store holds.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM communities),
		(SELECT count(*) FROM channels WHERE community_id IS NOT NULL),
		(SELECT count(*) FROM members),
		(SELECT count(*) FROM messages WHERE `+contribution+`),
		(SELECT count(*) FROM messages WHERE `+contribution+` AND thread_ts <> '' AND thread_ts <> ts),
		(SELECT count(*) FROM messages WHERE deleted = 1),
		(SELECT count(*) FROM messages WHERE is_bot = 1),
		(SELECT count(*) FROM reactions),
		(SELECT count(*) FROM resources),
		(SELECT count(*) FROM membership_events WHERE kind = 'join'),
		(SELECT count(*) FROM inbox WHERE processed_at IS NULL),
		(SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')),
		(SELECT count(*) FROM outbox WHERE status = 'dead')`).Scan(
		&st.Communities, &st.Channels, &st.Members, &st.Messages, &st.Replies, &st.Deleted, &st.Bot,
		&st.Reactions, &st.Resources, &st.Joins, &st.InboxPending, &st.OutboxPending, &st.Dead)
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// qSearch finds messages by a full-text expression, best first.
const qSearch = `SELECT m.channel_id, m.ts, m.thread_ts, m.user_id, m.text, m.subtype, m.is_bot,
		m.edited_ts, m.deleted, m.posted_at FROM messages_fts f JOIN messages m ON m.id = f.rowid
		WHERE messages_fts MATCH ? AND m.deleted = 0 ORDER BY bm25(messages_fts) LIMIT ?`

// Search finds the live messages that share words with query, a person's
// words in English or French (stemmed and folded as the index is, see
// terms.Query; no FTS5 syntax), best first (bm25). A query of stop words
// only finds nothing.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Message, error) {
	expr := terms.Query(query, nil)
	if s.pg {
		expr = terms.TSQuery(query, nil)
	}
	if expr == "" {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, qSearch, expr, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var posted int64
		if err := rows.Scan(&m.ChannelID, &m.TS, &m.ThreadTS, &m.UserID, &m.Text, &m.Subtype, &m.IsBot,
			&m.EditedTS, &m.Deleted, &posted); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		m.PostedAt = fromMS(posted)
		out = append(out, m)
	}
	return out, rows.Err()
}

// CommunityStats are headline counts for one community.
type CommunityStats struct {
	Members, Messages, Replies, Reactions, Resources int
}

// CommunityStats counts what is recorded in a community's channels.
func (s *Store) CommunityStats(ctx context.Context, community string) (CommunityStats, error) {
	var st CommunityStats
	err := s.r.QueryRowContext(ctx, `WITH ch AS (SELECT ch.id FROM channels ch
			JOIN communities c ON c.id = ch.community_id WHERE c.name = ?)
		SELECT
		(SELECT count(DISTINCT user_id) FROM messages WHERE channel_id IN (SELECT id FROM ch)
			AND is_bot = 0 AND user_id <> ''),
		(SELECT count(*) FROM messages WHERE channel_id IN (SELECT id FROM ch) AND `+contribution+`),
		(SELECT count(*) FROM messages WHERE channel_id IN (SELECT id FROM ch) AND `+contribution+`
			AND thread_ts <> '' AND thread_ts <> ts),
		(SELECT count(*) FROM reactions WHERE channel_id IN (SELECT id FROM ch)),
		(SELECT count(*) FROM resources WHERE channel_id IN (SELECT id FROM ch))`, community).Scan(
		&st.Members, &st.Messages, &st.Replies, &st.Reactions, &st.Resources)
	if err != nil {
		return CommunityStats{}, fmt.Errorf("community stats %s: %w", community, err)
	}
	return st, nil
}
