package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// What facilitator reports read: everything that happened in the mapped
// channels over a window of weeks, read once for every community
// (messages with their thread's author, reactions, resources, questions,
// nudges), and who is in which channel. All read-only.

// mappedChannels is the set of channels mapped to a community. As an IN
// list it is built once per query, and costs far less than a join per row.
const mappedChannels = `(SELECT id FROM channels WHERE community_id IS NOT NULL)`

// CommunityChannels returns the ids of the channels mapped to each
// community, by community name.
func (s *Store) CommunityChannels(ctx context.Context) (map[string][]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT c.name, ch.id FROM channels ch
		JOIN communities c ON c.id = ch.community_id ORDER BY c.name, ch.id`)
	if err != nil {
		return nil, fmt.Errorf("community channels: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var name, id string
		if err := rows.Scan(&name, &id); err != nil {
			return nil, fmt.Errorf("community channels: %w", err)
		}
		out[name] = append(out[name], id)
	}
	return out, rows.Err()
}

// ChannelNames returns the name of each mapped channel ("" when unknown),
// by id.
func (s *Store) ChannelNames(ctx context.Context) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name FROM channels WHERE community_id IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("channel names: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("channel names: %w", err)
		}
		out[id] = name
	}
	return out, rows.Err()
}

// ActivityMessage is a message of a mapped channel as reports read it.
type ActivityMessage struct {
	ChannelID, TS, ThreadTS, UserID string
	// Text is filled only for messages posted at or after the textFrom of
	// ActivityMessages, and never for deleted ones (their text is gone).
	Text    string
	IsBot   bool  // posted by a bot (is_bot, or subtype bot_message)
	Deleted bool  // a tombstone: the author deleted it
	At      int64 // posted, Unix ms
}

// ActivityMessages calls fn with every message by a member (user set)
// posted in a mapped channel in [from, to) that is a contribution, deleted
// or not: plain messages, thread replies and broadcasts, file shares and
// /me messages, and bot messages flagged IsBot; not channel joins, topic
// changes and other system notices. Messages come in order of posting; the
// same ActivityMessage is reused between calls.
func (s *Store) ActivityMessages(ctx context.Context, from, to, textFrom time.Time,
	fn func(*ActivityMessage) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT m.channel_id, m.ts, m.thread_ts, m.user_id,
			CASE WHEN m.posted_at >= ? THEN m.text ELSE '' END,
			m.is_bot <> 0 OR m.subtype = 'bot_message', m.deleted, m.posted_at
		FROM messages m
		WHERE m.posted_at >= ? AND m.posted_at < ? AND m.user_id <> '' AND m.channel_id IN `+mappedChannels+`
			AND m.subtype IN ('', 'thread_broadcast', 'file_share', 'me_message', 'bot_message')
		ORDER BY m.posted_at`, ms(textFrom), ms(from), ms(to))
	if err != nil {
		return fmt.Errorf("activity messages: %w", err)
	}
	defer rows.Close()
	var m ActivityMessage
	for rows.Next() {
		if err := rows.Scan(&m.ChannelID, &m.TS, &m.ThreadTS, &m.UserID, &m.Text, &m.IsBot, &m.Deleted, &m.At); err != nil {
			return fmt.Errorf("activity messages: %w", err)
		}
		if err := fn(&m); err != nil {
			return err
		}
	}
	return rows.Err()
}

// MessageRef names a message.
type MessageRef struct{ ChannelID, TS string }

// MessageAuthors returns the author of each recorded message of refs
// ("" for a message with no author); messages not recorded are left out.
func (s *Store) MessageAuthors(ctx context.Context, refs []MessageRef) (map[MessageRef]string, error) {
	out := make(map[MessageRef]string, len(refs))
	const batch = 400
	for len(refs) > 0 {
		n := min(batch, len(refs))
		args := make([]any, 0, 2*n)
		for _, r := range refs[:n] {
			args = append(args, r.ChannelID, r.TS)
		}
		rows, err := s.r.QueryContext(ctx, string(`SELECT channel_id, ts, user_id FROM messages
			WHERE (channel_id, ts) IN (VALUES `+repeatSQL("(?, ?)", n)+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("message authors: %w", err)
		}
		for rows.Next() {
			var r MessageRef
			var user string
			if err := rows.Scan(&r.ChannelID, &r.TS, &user); err != nil {
				rows.Close()
				return nil, fmt.Errorf("message authors: %w", err)
			}
			out[r] = user
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, fmt.Errorf("message authors: %w", err)
		}
		refs = refs[n:]
	}
	return out, nil
}

// ActivityReaction is a reaction added in a mapped channel.
type ActivityReaction struct {
	ChannelID, UserID string
	At                int64 // Unix ms
}

// ActivityReactions calls fn with every reaction added in a mapped channel
// in [from, to), oldest first (read from the index on added_at alone, which
// holds the columns it needs). The same ActivityReaction is reused.
func (s *Store) ActivityReactions(ctx context.Context, from, to time.Time, fn func(*ActivityReaction) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT r.channel_id, r.user_id, r.added_at
		FROM reactions r WHERE r.added_at >= ? AND r.added_at < ? AND r.channel_id IN `+mappedChannels+`
		ORDER BY r.added_at`, ms(from), ms(to))
	if err != nil {
		return fmt.Errorf("activity reactions: %w", err)
	}
	defer rows.Close()
	var r ActivityReaction
	for rows.Next() {
		if err := rows.Scan(&r.ChannelID, &r.UserID, &r.At); err != nil {
			return fmt.Errorf("activity reactions: %w", err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ActivityResource is a link or file shared in a mapped channel.
type ActivityResource struct {
	ChannelID, UserID string
	At                int64 // Unix ms
}

// ActivityResources returns the links and files shared in mapped channels
// in [from, to), oldest first.
func (s *Store) ActivityResources(ctx context.Context, from, to time.Time) ([]ActivityResource, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.channel_id, r.user_id, r.shared_at
		FROM resources r WHERE r.shared_at >= ? AND r.shared_at < ? AND r.channel_id IN `+mappedChannels+`
		ORDER BY r.shared_at`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("activity resources: %w", err)
	}
	defer rows.Close()
	var out []ActivityResource
	for rows.Next() {
		var r ActivityResource
		if err := rows.Scan(&r.ChannelID, &r.UserID, &r.At); err != nil {
			return nil, fmt.Errorf("activity resources: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReportQuestions returns the followed questions of mapped channels, not
// closed, asked before to, that a window starting at from can see: asked
// in it, or not yet answered or resolved when it starts.
func (s *Store) ReportQuestions(ctx context.Context, from, to time.Time) ([]Question, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+questionCols+` FROM questions q
		WHERE q.closed = 0 AND q.asked_at < ?2 AND q.channel_id IN `+mappedChannels+`
		AND (q.asked_at >= ?1 OR (q.first_answer_at IS NULL AND q.resolved_at IS NULL)
			OR q.first_answer_at >= ?1 OR q.resolved_at >= ?1)
		ORDER BY q.asked_at, q.channel_id, q.ts`, ms(from), ms(to))
	return scanQuestions(rows, err, "report questions")
}

// ChannelMembership is a member's presence in a mapped channel: since
// JoinedAt (zero: unknown, as an export's channel lists say) and until
// LeftAt (zero: still there). A member who left and came back has the
// latest join and no leave.
type ChannelMembership struct {
	ChannelID, MemberID string
	JoinedAt, LeftAt    time.Time
}

// ChannelMemberships returns every membership of a mapped channel.
func (s *Store) ChannelMemberships(ctx context.Context) ([]ChannelMembership, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT cm.channel_id, cm.member_id, cm.joined_at, cm.left_at
		FROM channel_members cm JOIN channels ch ON ch.id = cm.channel_id AND ch.community_id IS NOT NULL
		ORDER BY cm.channel_id, cm.member_id`)
	if err != nil {
		return nil, fmt.Errorf("channel memberships: %w", err)
	}
	defer rows.Close()
	var out []ChannelMembership
	for rows.Next() {
		var m ChannelMembership
		var joined, left sql.NullInt64
		if err := rows.Scan(&m.ChannelID, &m.MemberID, &joined, &left); err != nil {
			return nil, fmt.Errorf("channel memberships: %w", err)
		}
		m.JoinedAt, m.LeftAt = nullTime(joined), nullTime(left)
		out = append(out, m)
	}
	return out, rows.Err()
}

// FirstJoins returns, for each member and mapped channel, their first
// recorded join, oldest first.
func (s *Store) FirstJoins(ctx context.Context) ([]Join, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT e.channel_id, e.member_id, min(e.ts), min(e.at) FROM membership_events e
		JOIN channels ch ON ch.id = e.channel_id AND ch.community_id IS NOT NULL
		WHERE e.kind = 'join' GROUP BY e.channel_id, e.member_id ORDER BY min(e.at), e.member_id`)
	return scanJoins(rows, err, "first joins")
}

// NudgesBetween returns the nudges decided in [from, to), sent or held
// out, oldest first.
func (s *Store) NudgesBetween(ctx context.Context, from, to time.Time) ([]Nudge, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+nudgeCols+` FROM nudges
		WHERE at >= ? AND at < ? ORDER BY at, id`, ms(from), ms(to))
	return scanNudges(rows, err, "nudges between")
}
