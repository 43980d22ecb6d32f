package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// What personal digests read: a window's activity in the mapped channels,
// read once for every member (messages, reactions, shared resources,
// joins), and each member's choices. What they write: the choices, and the
// items each digest carried, so that none is sent twice.

// DigestPref is a member's digest choice. Frequency "" and Hour -1 mean
// their community's setting.
type DigestPref struct {
	Member    string
	Frequency string // "", off, daily, weekly or monthly
	Hour      int    // -1, or 0..23 in the member's time zone
}

// DigestPrefs returns every member's recorded choice, by member.
func (s *Store) DigestPrefs(ctx context.Context) (map[string]DigestPref, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT member_id, frequency, hour FROM digest_prefs`)
	if err != nil {
		return nil, fmt.Errorf("digest prefs: %w", err)
	}
	defer rows.Close()
	out := map[string]DigestPref{}
	for rows.Next() {
		var p DigestPref
		if err := rows.Scan(&p.Member, &p.Frequency, &p.Hour); err != nil {
			return nil, fmt.Errorf("digest prefs: %w", err)
		}
		out[p.Member] = p
	}
	return out, rows.Err()
}

// SetDigestFrequency records how often a member wants a digest ("" for
// their community's setting).
func (t *Tx) SetDigestFrequency(ctx context.Context, member, frequency string) error {
	_, err := t.exec(ctx, `INSERT INTO digest_prefs(member_id, frequency, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(member_id) DO UPDATE SET frequency = excluded.frequency, updated_at = excluded.updated_at`,
		member, frequency, ms(t.now))
	if err != nil {
		return fmt.Errorf("set digest frequency %s: %w", member, err)
	}
	return nil
}

// SetDigestHour records the local hour a member wants their digest at (-1
// for their community's).
func (t *Tx) SetDigestHour(ctx context.Context, member string, hour int) error {
	_, err := t.exec(ctx, `INSERT INTO digest_prefs(member_id, hour, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(member_id) DO UPDATE SET hour = excluded.hour, updated_at = excluded.updated_at`,
		member, hour, ms(t.now))
	if err != nil {
		return fmt.Errorf("set digest hour %s: %w", member, err)
	}
	return nil
}

// MuteChannel keeps a channel out of a member's digests.
func (t *Tx) MuteChannel(ctx context.Context, member, channel string) error {
	_, err := t.exec(ctx, `INSERT INTO muted_channels(member_id, channel_id, muted_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, member, channel, ms(t.now))
	if err != nil {
		return fmt.Errorf("mute %s for %s: %w", channel, member, err)
	}
	return nil
}

// MutedChannels returns, by member, the channels they muted.
func (s *Store) MutedChannels(ctx context.Context) (map[string]map[string]bool, error) {
	return s.pairs(ctx, "muted channels", `SELECT member_id, channel_id FROM muted_channels`)
}

// RecordDigestItems records the items a member's digest of a period carried.
// An item already recorded keeps its first period.
func (t *Tx) RecordDigestItems(ctx context.Context, member, period string, items []string) error {
	for _, it := range items {
		if _, err := t.exec(ctx, `INSERT INTO digest_items_sent(member_id, item, period, sent_at) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, member, it, period, ms(t.now)); err != nil {
			return fmt.Errorf("record digest items %s: %w", member, err)
		}
	}
	return nil
}

// LastDigests returns when each member's last digest was enqueued.
func (s *Store) LastDigests(ctx context.Context) (map[string]time.Time, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT member_id, max(sent_at) FROM digest_items_sent GROUP BY member_id`)
	if err != nil {
		return nil, fmt.Errorf("last digests: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var m string
		var at int64
		if err := rows.Scan(&m, &at); err != nil {
			return nil, fmt.Errorf("last digests: %w", err)
		}
		out[m] = time.UnixMilli(at).UTC()
	}
	return out, rows.Err()
}

// DigestItemsSent returns, by member, the items their digests carried since
// a time (a digest's window reaches no further back).
func (s *Store) DigestItemsSent(ctx context.Context, since time.Time) (map[string]map[string]bool, error) {
	return s.pairs(ctx, "digest items sent", `SELECT member_id, item FROM digest_items_sent WHERE sent_at >= ?`, ms(since))
}

// CurrentChannelMembers returns, by member, the mapped channels they are in
// now (readers included).
func (s *Store) CurrentChannelMembers(ctx context.Context) (map[string]map[string]bool, error) {
	return s.pairs(ctx, "channel members", `SELECT cm.member_id, cm.channel_id FROM channel_members cm
		JOIN channels ch ON ch.id = cm.channel_id AND ch.community_id IS NOT NULL WHERE cm.left_at IS NULL`)
}

// pairs reads (key, value) rows as a set of values by key.
func (s *Store) pairs(ctx context.Context, what string, q sqlText, args ...any) (map[string]map[string]bool, error) {
	rows, err := s.r.QueryContext(ctx, string(q), args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := map[string]map[string]bool{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		if out[k] == nil {
			out[k] = map[string]bool{}
		}
		out[k][v] = true
	}
	return out, rows.Err()
}

// WindowMessage is a message posted in a mapped channel within a window.
type WindowMessage struct {
	ChannelID, TS, ThreadTS, UserID, Text string
	PostedAt                              time.Time
}

// Thread is the thread the message belongs to: its parent's ts, or its own.
func (m WindowMessage) Thread() string {
	if m.ThreadTS != "" {
		return m.ThreadTS
	}
	return m.TS
}

// WindowMessages calls fn with every message by a person (not deleted, not
// a bot) posted in a mapped channel in [from, to), in order of posting.
func (s *Store) WindowMessages(ctx context.Context, from, to time.Time, fn func(WindowMessage) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT m.channel_id, m.ts, m.thread_ts, m.user_id, m.text, m.posted_at
		FROM messages m JOIN channels ch ON ch.id = m.channel_id AND ch.community_id IS NOT NULL
		WHERE m.posted_at >= ? AND m.posted_at < ? AND m.deleted = 0 AND m.is_bot = 0 AND m.user_id <> ''
		ORDER BY m.posted_at`, ms(from), ms(to))
	if err != nil {
		return fmt.Errorf("window messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m WindowMessage
		var at int64
		if err := rows.Scan(&m.ChannelID, &m.TS, &m.ThreadTS, &m.UserID, &m.Text, &at); err != nil {
			return fmt.Errorf("window messages: %w", err)
		}
		m.PostedAt = fromMS(at)
		if err := fn(m); err != nil {
			return err
		}
	}
	return rows.Err()
}

// WindowReaction is a reaction added within a window, with the message it
// is on: its thread and author.
type WindowReaction struct {
	ChannelID, MessageTS, UserID, Name string
	ThreadTS, ItemUser                 string // the message's thread ("" for a top-level message) and author
}

// WindowReactions returns the reactions added in [from, to) to recorded
// messages of mapped channels.
func (s *Store) WindowReactions(ctx context.Context, from, to time.Time) ([]WindowReaction, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.channel_id, r.message_ts, r.user_id, r.name, m.thread_ts, m.user_id
		FROM reactions r JOIN messages m ON m.channel_id = r.channel_id AND m.ts = r.message_ts
		JOIN channels ch ON ch.id = r.channel_id AND ch.community_id IS NOT NULL
		WHERE r.added_at >= ? AND r.added_at < ? AND m.deleted = 0`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("window reactions: %w", err)
	}
	defer rows.Close()
	var out []WindowReaction
	for rows.Next() {
		var r WindowReaction
		if err := rows.Scan(&r.ChannelID, &r.MessageTS, &r.UserID, &r.Name, &r.ThreadTS, &r.ItemUser); err != nil {
			return nil, fmt.Errorf("window reactions: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SharedResource is a link or file shared in a mapped channel.
type SharedResource struct {
	ID                                         int64
	Kind, URL, Title, UserID, ChannelID, MsgTS string
	SharedAt                                   time.Time
}

// ResourcesShared returns the links and files shared in [from, to) in
// mapped channels, oldest first.
func (s *Store) ResourcesShared(ctx context.Context, from, to time.Time) ([]SharedResource, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.id, r.kind, r.url, r.title, r.user_id, r.channel_id, r.message_ts,
			r.shared_at
		FROM resources r JOIN channels ch ON ch.id = r.channel_id AND ch.community_id IS NOT NULL
		WHERE r.shared_at >= ? AND r.shared_at < ? ORDER BY r.shared_at`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("resources shared: %w", err)
	}
	defer rows.Close()
	var out []SharedResource
	for rows.Next() {
		var r SharedResource
		var at int64
		if err := rows.Scan(&r.ID, &r.Kind, &r.URL, &r.Title, &r.UserID, &r.ChannelID, &r.MsgTS, &at); err != nil {
			return nil, fmt.Errorf("resources shared: %w", err)
		}
		r.SharedAt = fromMS(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Join is a member joining a mapped channel.
type Join struct {
	ChannelID, MemberID, TS string
	At                      time.Time
}

// Joins returns who joined a mapped channel in [from, to) and is still in
// it, oldest first.
func (s *Store) Joins(ctx context.Context, from, to time.Time) ([]Join, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT e.channel_id, e.member_id, e.ts, e.at FROM membership_events e
		JOIN channels ch ON ch.id = e.channel_id AND ch.community_id IS NOT NULL
		JOIN channel_members cm ON cm.channel_id = e.channel_id AND cm.member_id = e.member_id AND cm.left_at IS NULL
		WHERE e.kind = 'join' AND e.at >= ? AND e.at < ? ORDER BY e.at`, ms(from), ms(to))
	return scanJoins(rows, err, "joins")
}

// scanJoins reads the rows of a query of channel, member, ts and time.
func scanJoins(rows *sql.Rows, err error, what string) ([]Join, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []Join
	for rows.Next() {
		var j Join
		var at int64
		if err := rows.Scan(&j.ChannelID, &j.MemberID, &j.TS, &at); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		j.At = fromMS(at)
		out = append(out, j)
	}
	return out, rows.Err()
}

// LastPostedAt returns when the latest recorded message was posted (a
// preview or a benchmark ends its window there); ErrNotFound when none is.
func (s *Store) LastPostedAt(ctx context.Context) (time.Time, error) {
	var v sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT max(posted_at) FROM messages`).Scan(&v); err != nil {
		return time.Time{}, fmt.Errorf("last posted: %w", err)
	}
	if !v.Valid {
		return time.Time{}, ErrNotFound
	}
	return fromMS(v.Int64), nil
}
