package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// What a member's Home tab reads: every choice they made, in one place, and
// their own week in the mapped channels. What it writes: the language they
// chose and the channels they unmute (the other choices have their
// feature's setters).

// MemberPrefs is everything a member chose about Praxis.
type MemberPrefs struct {
	Language     string     // "", en or fr: "" follows their Slack locale
	Digest       DigestPref // Frequency "" and Hour -1: their community's
	NudgesOff    bool
	NotSuggested bool     // opted out of being suggested as an expert
	Unnamed      bool     // opted out of being named in the monthly thanks
	Muted        []string // channel ids kept out of their digests, sorted
	Skills       []string // declared, oldest first
}

// MemberPrefs returns a member's choices; a member who chose nothing gets
// the defaults.
func (s *Store) MemberPrefs(ctx context.Context, member string) (MemberPrefs, error) {
	return memberPrefs(ctx, s.r, member)
}

// MemberPrefs is Store.MemberPrefs as the transaction sees them: with the
// changes an earlier event of the same batch made.
func (t *Tx) MemberPrefs(ctx context.Context, member string) (MemberPrefs, error) {
	if err := t.flushMessages(ctx); err != nil {
		return MemberPrefs{}, err
	}
	return memberPrefs(ctx, t.tx.raw, member)
}

// rowQuerier is what one-row reads need of a *sql.DB or a *sql.Tx.
type rowQuerier interface {
	querier
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func memberPrefs(ctx context.Context, q rowQuerier, member string) (MemberPrefs, error) {
	p := MemberPrefs{Digest: DigestPref{Member: member, Hour: -1}}
	err := q.QueryRowContext(ctx, `SELECT
		coalesce((SELECT language FROM member_prefs WHERE member_id = ?1), ''),
		coalesce((SELECT frequency FROM digest_prefs WHERE member_id = ?1), ''),
		coalesce((SELECT hour FROM digest_prefs WHERE member_id = ?1), -1),
		coalesce((SELECT off FROM nudge_prefs WHERE member_id = ?1), 0),
		coalesce((SELECT CASE WHEN suggest = 0 THEN 1 ELSE 0 END FROM expert_prefs WHERE member_id = ?1), 0),
		coalesce((SELECT off FROM recognition_prefs WHERE member_id = ?1), 0)`, member).
		Scan(&p.Language, &p.Digest.Frequency, &p.Digest.Hour, &p.NudgesOff, &p.NotSuggested, &p.Unnamed)
	if err != nil {
		return p, fmt.Errorf("member prefs %s: %w", member, err)
	}
	p.Muted, err = queryStrings(ctx, q, `SELECT channel_id FROM muted_channels
		WHERE member_id = ? ORDER BY channel_id`, member)
	if err != nil {
		return p, fmt.Errorf("member prefs %s: %w", member, err)
	}
	p.Skills, err = queryStrings(ctx, q, `SELECT skill FROM skills WHERE member_id = ? ORDER BY added_at, skill`, member)
	if err != nil {
		return p, fmt.Errorf("member prefs %s: %w", member, err)
	}
	return p, nil
}

func (s *Store) strings(ctx context.Context, q sqlText, args ...any) ([]string, error) {
	return queryStrings(ctx, s.r, q, args...)
}

func queryStrings(ctx context.Context, db querier, q sqlText, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, string(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ErrLanguage is returned for a language Praxis does not speak.
var ErrLanguage = errors.New("unknown language")

// SetLanguage records the language a member wants Praxis to speak to them:
// en or fr, or "" to follow their Slack locale again. Member and Members
// return it as the member's Locale.
func (t *Tx) SetLanguage(ctx context.Context, member, lang string) error {
	if lang != "" && lang != "en" && lang != "fr" {
		return fmt.Errorf("set language %s: %w: %q", member, ErrLanguage, lang)
	}
	_, err := t.exec(ctx, `INSERT INTO member_prefs(member_id, language, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(member_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`,
		member, lang, ms(t.now))
	if err != nil {
		return fmt.Errorf("set language %s: %w", member, err)
	}
	return nil
}

// UnmuteChannel lets a channel back into a member's digests.
func (t *Tx) UnmuteChannel(ctx context.Context, member, channel string) error {
	_, err := t.exec(ctx, `DELETE FROM muted_channels WHERE member_id = ? AND channel_id = ?`, member, channel)
	if err != nil {
		return fmt.Errorf("unmute %s for %s: %w", channel, member, err)
	}
	return nil
}

// MemberWeek is a member's own activity in the mapped channels over a
// window, counted as digests count it.
type MemberWeek struct {
	Messages  int // messages and replies they posted
	Reactions int // reactions others added to their messages
	Accepted  int // threads where the asker marked one of their replies with an accept reaction
}

// MemberWeek counts a member's activity in [from, to); accept names the
// reactions that mark an accepted answer.
func (s *Store) MemberWeek(ctx context.Context, member string, from, to time.Time,
	accept []string) (MemberWeek, error) {
	var w MemberWeek
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM messages m JOIN channels ch ON ch.id = m.channel_id AND ch.community_id IS NOT NULL
			WHERE m.user_id = ?1 AND m.posted_at >= ?2 AND m.posted_at < ?3 AND m.deleted = 0 AND m.is_bot = 0),
		(SELECT count(*) FROM reactions r JOIN messages m ON m.channel_id = r.channel_id AND m.ts = r.message_ts
			JOIN channels ch ON ch.id = r.channel_id AND ch.community_id IS NOT NULL
			WHERE m.user_id = ?1 AND r.user_id <> ?1 AND r.added_at >= ?2 AND r.added_at < ?3 AND m.deleted = 0),
		(SELECT count(DISTINCT m.channel_id || ' ' || m.thread_ts) FROM reactions r
			JOIN messages m ON m.channel_id = r.channel_id AND m.ts = r.message_ts
			JOIN messages p ON p.channel_id = m.channel_id AND p.ts = m.thread_ts
			JOIN channels ch ON ch.id = r.channel_id AND ch.community_id IS NOT NULL
			WHERE m.user_id = ?1 AND m.thread_ts <> '' AND m.ts <> m.thread_ts AND m.deleted = 0
			AND r.user_id = p.user_id AND p.user_id <> ?1 AND r.added_at >= ?2 AND r.added_at < ?3
			AND r.name IN (SELECT value FROM json_each(?4)))`,
		member, ms(from), ms(to), jsonList(accept)).Scan(&w.Messages, &w.Reactions, &w.Accepted)
	if err != nil {
		return w, fmt.Errorf("member week %s: %w", member, err)
	}
	return w, nil
}

// ThreadsAround returns the threads of mapped channels where someone else
// posted in [from, to) and the member took part (any time), or where a
// message of the window mentions them: where thanks addressed to them can
// be. A top-level message is its own thread. At most limit, latest first.
func (s *Store) ThreadsAround(ctx context.Context, member string, from, to time.Time,
	limit int) ([]MessageRef, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT o.channel_id,
			CASE WHEN o.thread_ts <> '' THEN o.thread_ts ELSE o.ts END AS th
		FROM messages o JOIN channels ch ON ch.id = o.channel_id AND ch.community_id IS NOT NULL
		WHERE o.posted_at >= ?2 AND o.posted_at < ?3 AND o.deleted = 0 AND o.user_id <> ?1 AND o.user_id <> ''
		AND (instr(o.text, '<@' || ?1) > 0 OR (o.thread_ts <> '' AND EXISTS (SELECT 1 FROM messages m
			WHERE m.channel_id = o.channel_id AND m.user_id = ?1 AND (m.ts = o.thread_ts OR m.thread_ts = o.thread_ts))))
		GROUP BY o.channel_id, th ORDER BY max(o.posted_at) DESC LIMIT ?4`, member, ms(from), ms(to), limit)
	if err != nil {
		return nil, fmt.Errorf("threads around %s: %w", member, err)
	}
	defer rows.Close()
	var out []MessageRef
	for rows.Next() {
		var r MessageRef
		if err := rows.Scan(&r.ChannelID, &r.TS); err != nil {
			return nil, fmt.Errorf("threads around %s: %w", member, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// jsonList is a list of strings as a JSON array, for json_each.
func jsonList(ss []string) string {
	if ss == nil {
		ss = []string{}
	}
	b, _ := json.Marshal(ss) // strings always marshal
	return string(b)
}

// MemberChannels returns the mapped channels a member is in now, sorted:
// the memberships recorded (readers included) and, since a live channel's
// members are known only from joins, exports and back-fills, the channels
// they posted in and did not leave.
func (s *Store) MemberChannels(ctx context.Context, member string) ([]string, error) {
	out, err := s.strings(ctx, `SELECT cm.channel_id FROM channel_members cm
		JOIN channels ch ON ch.id = cm.channel_id AND ch.community_id IS NOT NULL
		WHERE cm.member_id = ?1 AND cm.left_at IS NULL
		UNION SELECT DISTINCT m.channel_id FROM messages m
		JOIN channels ch ON ch.id = m.channel_id AND ch.community_id IS NOT NULL
		WHERE m.user_id = ?1 AND m.deleted = 0 AND NOT EXISTS (SELECT 1 FROM channel_members cm
			WHERE cm.channel_id = m.channel_id AND cm.member_id = ?1 AND cm.left_at IS NOT NULL)
		ORDER BY 1`, member)
	if err != nil {
		return nil, fmt.Errorf("channels of %s: %w", member, err)
	}
	return out, nil
}

// Reader is what the store knows that tells the language a member reads.
type Reader struct {
	Chosen   string   // the language they chose (SetLanguage); "" for none
	Locale   string   // their locale as Slack gives it, whatever they chose; "" when unknown
	Channels []string // the mapped channels they are in (MemberChannels)
}

// Reader returns what tells a member's language; a member not recorded has
// nothing.
func (s *Store) Reader(ctx context.Context, member string) (Reader, error) {
	var r Reader
	err := s.r.QueryRowContext(ctx, `SELECT coalesce((SELECT language FROM member_prefs WHERE member_id = ?1), ''),
		coalesce((SELECT locale FROM members WHERE id = ?1), '')`, member).Scan(&r.Chosen, &r.Locale)
	if err != nil {
		return r, fmt.Errorf("language of %s: %w", member, err)
	}
	r.Channels, err = s.MemberChannels(ctx, member)
	return r, err
}
