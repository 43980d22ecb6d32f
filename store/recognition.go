package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// What the monthly thanks (bot/recognition) reads: the replies to the
// questions followed, with how each question's asker received them, and
// who must never be named. What it writes: a member's choice to be named.

// SetRecognitionOff records a member's choice: off, never name me in the
// monthly thanks or a sponsors' report; else name me again.
func (t *Tx) SetRecognitionOff(ctx context.Context, member string, off bool) error {
	_, err := t.exec(ctx, `INSERT INTO recognition_prefs(member_id, off, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(member_id) DO UPDATE SET off = excluded.off, updated_at = excluded.updated_at`, member, off, ms(t.now))
	if err != nil {
		return fmt.Errorf("recognition preference %s: %w", member, err)
	}
	return nil
}

// Unnamed returns the members Praxis never names in public: those who
// opted out of being named or of being suggested as an expert, who paused
// the recording of their words, or who asked to be forgotten.
func (s *Store) Unnamed(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	rows, err := s.r.QueryContext(ctx, `SELECT member_id FROM recognition_prefs WHERE off = 1
		UNION SELECT member_id FROM expert_prefs WHERE suggest = 0
		UNION SELECT member_id FROM paused_members
		UNION SELECT member_id FROM forgotten_members`)
	if err != nil {
		return nil, fmt.Errorf("unnamed members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("unnamed members: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// HelpReply is a reply in the thread of a followed question, with how the
// question's asker received it.
type HelpReply struct {
	Channel, Question, Asker string // the question: its channel, ts and asker
	TS, User                 string
	At                       time.Time
	Text                     string
	// Ticked is when the asker first marked it with an accept reaction
	// (kept when the reaction was taken back); zero: never.
	Ticked time.Time
	// Thanks: the tracker read it as the asker's thanks when it arrived
	// (its text may have been erased since).
	Thanks bool
}

// HelpReplies returns the replies, by people, to the questions asked in
// channels in [since, until), question by question and oldest first. With
// member set, only the questions whose thread they replied in.
func (s *Store) HelpReplies(ctx context.Context, channels []string, since, until time.Time,
	member string) ([]HelpReply, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT q.channel_id, q.ts, q.asker, m.ts, m.user_id, m.posted_at, m.text,
		(SELECT min(at) FROM (
			SELECT r.added_at AS at FROM reactions r WHERE r.channel_id = m.channel_id AND r.message_ts = m.ts
				AND r.user_id = q.asker AND r.name IN (SELECT value FROM json_each(?1))
			UNION ALL SELECT a.at FROM question_acts a WHERE a.channel_id = m.channel_id AND a.message_ts = m.ts
				AND a.user_id = q.asker AND a.kind = 'tick') AS acts),
		EXISTS (SELECT 1 FROM question_acts a WHERE a.channel_id = m.channel_id AND a.message_ts = m.ts
			AND a.user_id = q.asker AND a.kind = 'thanks')
	FROM questions q JOIN messages m ON m.channel_id = q.channel_id AND m.thread_ts = q.ts AND m.ts <> q.ts
	WHERE q.channel_id IN (SELECT value FROM json_each(?2)) AND q.asked_at >= ?3 AND q.asked_at < ?4
		AND q.closed = 0 AND q.asker <> '' AND m.deleted = 0 AND m.is_bot = 0 AND m.user_id <> ''
		AND (?5 = '' OR EXISTS (SELECT 1 FROM messages x
			WHERE x.channel_id = q.channel_id AND x.thread_ts = q.ts AND x.user_id = ?5))
	ORDER BY q.channel_id, q.ts, m.posted_at, m.ts`,
		jsonList(acceptNames), jsonList(channels), ms(since), ms(until), member)
	if err != nil {
		return nil, fmt.Errorf("help replies: %w", err)
	}
	defer rows.Close()
	var out []HelpReply
	for rows.Next() {
		var h HelpReply
		var at int64
		var ticked sql.NullInt64
		if err := rows.Scan(&h.Channel, &h.Question, &h.Asker, &h.TS, &h.User, &at, &h.Text, &ticked,
			&h.Thanks); err != nil {
			return nil, fmt.Errorf("help replies: %w", err)
		}
		h.At, h.Ticked = fromMS(at), nullTime(ticked)
		out = append(out, h)
	}
	return out, rows.Err()
}
