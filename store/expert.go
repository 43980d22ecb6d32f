package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// What expert finding reads: every message of a channel in order, the
// reactions that mark an accepted answer, members' profiles and settings.
// What it writes: queries asked of it, feedback, pings, skills, settings.

// ChannelMessage is a recorded message as expert finding reads it.
type ChannelMessage struct {
	TS, ThreadTS, UserID, Text, Subtype string
	IsBot, Deleted                      bool
	PostedAt                            time.Time
}

// ScanChannel calls fn with every message of a channel, oldest first.
//
// Texts are read cut to MaxTextChars (substr(text, 1, MaxTextChars)): new
// messages are capped when recorded, but a database written before the
// cap may hold longer ones, and the readers of whole channels (the expert
// index at every start) must not hold them whole.
func (s *Store) ScanChannel(ctx context.Context, channel string, fn func(ChannelMessage) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT ts, thread_ts, user_id, substr(text, 1, ?2), subtype, is_bot, deleted,
		posted_at FROM messages WHERE channel_id = ?1 ORDER BY ts`, channel, MaxTextChars)
	if err != nil {
		return fmt.Errorf("scan %s: %w", channel, err)
	}
	defer rows.Close()
	return scanChannelRows(rows, fn)
}

// Thread returns a thread's parent and replies, oldest first, their texts
// capped as ScanChannel's.
func (s *Store) Thread(ctx context.Context, channel, threadTS string) ([]ChannelMessage, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT ts, thread_ts, user_id, substr(text, 1, ?3), subtype, is_bot, deleted,
			posted_at
		FROM messages WHERE channel_id = ?1 AND ts = ?2
		UNION ALL SELECT ts, thread_ts, user_id, substr(text, 1, ?3), subtype, is_bot, deleted, posted_at
		FROM messages WHERE channel_id = ?1 AND thread_ts = ?2 AND thread_ts <> '' AND ts <> ?2 ORDER BY 1`,
		channel, threadTS, MaxTextChars)
	if err != nil {
		return nil, fmt.Errorf("thread %s/%s: %w", channel, threadTS, err)
	}
	defer rows.Close()
	var out []ChannelMessage
	err = scanChannelRows(rows, func(m ChannelMessage) error { out = append(out, m); return nil })
	return out, err
}

func scanChannelRows(rows *sql.Rows, fn func(ChannelMessage) error) error {
	for rows.Next() {
		var m ChannelMessage
		var posted int64
		if err := rows.Scan(&m.TS, &m.ThreadTS, &m.UserID, &m.Text, &m.Subtype, &m.IsBot, &m.Deleted, &posted); err != nil {
			return fmt.Errorf("scan messages: %w", err)
		}
		m.PostedAt = fromMS(posted)
		if err := fn(m); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ReactionOn is one reaction to a message.
type ReactionOn struct {
	MessageTS, UserID, Name string
}

// ChannelReactions returns a channel's reactions with one of the names.
func (s *Store) ChannelReactions(ctx context.Context, channel string, names []string) ([]ReactionOn, error) {
	return s.reactionsWhere(ctx, `channel_id = ?`, []any{channel}, names)
}

// ThreadReactions returns the reactions with one of the names to the
// messages of a thread.
func (s *Store) ThreadReactions(ctx context.Context, channel, threadTS string, names []string) ([]ReactionOn, error) {
	return s.reactionsWhere(ctx, `channel_id = ? AND message_ts IN
		(SELECT ? UNION ALL SELECT ts FROM messages WHERE channel_id = ? AND thread_ts = ? AND thread_ts <> '')`,
		[]any{channel, threadTS, channel, threadTS}, names)
}

func (s *Store) reactionsWhere(ctx context.Context, where sqlText, args []any, names []string) ([]ReactionOn, error) {
	if len(names) == 0 {
		return nil, nil
	}
	q := `SELECT message_ts, user_id, name FROM reactions WHERE ` + where + ` AND name IN (` + inList(len(names)) + `)`
	for _, n := range names {
		args = append(args, n)
	}
	rows, err := s.r.QueryContext(ctx, string(q), args...)
	if err != nil {
		return nil, fmt.Errorf("reactions: %w", err)
	}
	defer rows.Close()
	var out []ReactionOn
	for rows.Next() {
		var r ReactionOn
		if err := rows.Scan(&r.MessageTS, &r.UserID, &r.Name); err != nil {
			return nil, fmt.Errorf("reactions: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReactionsReceived counts, per member, the reactions others gave to their
// messages in a channel.
func (s *Store) ReactionsReceived(ctx context.Context, channel string) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT item_user, count(*) FROM reactions
		WHERE channel_id = ? AND item_user <> '' AND item_user <> user_id GROUP BY item_user`, channel)
	if err != nil {
		return nil, fmt.Errorf("reactions received %s: %w", channel, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var u string
		var n int
		if err := rows.Scan(&u, &n); err != nil {
			return nil, fmt.Errorf("reactions received: %w", err)
		}
		out[u] = n
	}
	return out, rows.Err()
}

// Members returns every member's profile, each Locale being the language
// the member chose, else their Slack locale (as Member).
func (s *Store) Members(ctx context.Context) ([]Member, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, real_name, display_name, tz, `+memberLocale+`,
		is_bot, deleted, status, status_expires, team, site FROM members`)
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		var expires sql.NullInt64
		if err := rows.Scan(&m.ID, &m.Name, &m.RealName, &m.DisplayName, &m.TZ, &m.Locale, &m.IsBot, &m.Deleted,
			&m.Status, &expires, &m.Team, &m.Site); err != nil {
			return nil, fmt.Errorf("members: %w", err)
		}
		m.StatusExpires = nullTime(expires)
		out = append(out, m)
	}
	return out, rows.Err()
}

// SetSuggestable records whether a member may be suggested as an expert.
func (s *Store) SetSuggestable(ctx context.Context, member string, ok bool) error {
	return s.Batch(ctx, func(tx *Tx) error { return tx.SetSuggestable(ctx, member, ok) })
}

// SetSuggestable records, in the transaction, whether a member may be
// suggested as an expert.
func (t *Tx) SetSuggestable(ctx context.Context, member string, ok bool) error {
	t.changed.People = true
	return setSuggestable(ctx, execFunc(t.exec), member, ok, t.now)
}

func setSuggestable(ctx context.Context, db execer, member string, ok bool, now time.Time) error {
	_, err := db.ExecContext(ctx, `INSERT INTO expert_prefs(member_id, suggest, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(member_id) DO UPDATE SET suggest = excluded.suggest, updated_at = excluded.updated_at`,
		member, ok, ms(now))
	if err != nil {
		return fmt.Errorf("expert preference %s: %w", member, err)
	}
	return nil
}

// NotSuggestable returns the members who opted out of being suggested, and
// those who asked to be forgotten.
func (s *Store) NotSuggestable(ctx context.Context) (map[string]bool, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT member_id FROM expert_prefs WHERE suggest = 0
		UNION SELECT member_id FROM forgotten_members`)
	if err != nil {
		return nil, fmt.Errorf("expert preferences: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("expert preferences: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// AddSkill records a skill a member declares.
func (t *Tx) AddSkill(ctx context.Context, member, skill string) error {
	res, err := t.exec(ctx, `INSERT INTO skills(member_id, skill, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		member, skill, ms(t.now))
	if err != nil {
		return fmt.Errorf("add skill: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		t.changed.People = true
	}
	return nil
}

// RemoveSkill forgets a declared skill. It reports whether there was one.
func (t *Tx) RemoveSkill(ctx context.Context, member, skill string) (bool, error) {
	res, err := t.exec(ctx, `DELETE FROM skills WHERE member_id = ? AND skill = ?`, member, skill)
	if err != nil {
		return false, fmt.Errorf("remove skill: %w", err)
	}
	n, _ := res.RowsAffected()
	t.changed.People = t.changed.People || n > 0
	return n > 0, nil
}

// Skills returns the declared skills, by member.
func (s *Store) Skills(ctx context.Context) (map[string][]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT member_id, skill FROM skills ORDER BY member_id, added_at`)
	if err != nil {
		return nil, fmt.Errorf("skills: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var m, sk string
		if err := rows.Scan(&m, &sk); err != nil {
			return nil, fmt.Errorf("skills: %w", err)
		}
		out[m] = append(out[m], sk)
	}
	return out, rows.Err()
}

// Ping is Praxis asking an expert to look at a question.
type Ping struct {
	MemberID, ChannelID, QuestionTS string
	Kind                            string // invited or routed
	At                              time.Time
}

// ErrPinged is returned when a member was already pinged for a question.
var ErrPinged = errors.New("already pinged for this question")

// AddPing records a ping, once per member and question.
func (s *Store) AddPing(ctx context.Context, p Ping) error {
	return s.Batch(ctx, func(tx *Tx) error { return tx.AddPing(ctx, p) })
}

// AddPing records a ping in the transaction, once per member and question.
func (t *Tx) AddPing(ctx context.Context, p Ping) error {
	if err := addPing(ctx, execFunc(t.exec), p); err != nil {
		return err
	}
	t.changed.People = true
	return nil
}

func addPing(ctx context.Context, db execer, p Ping) error {
	res, err := db.ExecContext(ctx, `INSERT INTO expert_pings(member_id, channel_id, question_ts, kind, at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, p.MemberID, p.ChannelID, p.QuestionTS, p.Kind, ms(p.At))
	if err != nil {
		return fmt.Errorf("ping %s: %w", p.MemberID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrPinged
	}
	return nil
}

// PingsSince counts each member's pings since a time.
func (s *Store) PingsSince(ctx context.Context, since time.Time) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT member_id, count(*) FROM expert_pings
		WHERE at >= ? GROUP BY member_id`, ms(since))
	if err != nil {
		return nil, fmt.Errorf("pings: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var m string
		var n int
		if err := rows.Scan(&m, &n); err != nil {
			return nil, fmt.Errorf("pings: %w", err)
		}
		out[m] = n
	}
	return out, rows.Err()
}

// Pinged returns the members already pinged for a question.
func (s *Store) Pinged(ctx context.Context, channel, questionTS string) (map[string]bool, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT member_id FROM expert_pings
		WHERE channel_id = ? AND question_ts = ?`, channel, questionTS)
	if err != nil {
		return nil, fmt.Errorf("pinged: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, fmt.Errorf("pinged: %w", err)
		}
		out[m] = true
	}
	return out, rows.Err()
}

// ExpertQuery is one "who knows about…?" and the members Praxis suggested.
type ExpertQuery struct {
	ID         int64
	Asker      string
	ChannelID  string // where it was asked ("" from a DM with no channel)
	ThreadTS   string // the question's message, when there is one
	Text       string
	Community  string
	Ranked     []string // member IDs, best first
	Source     string   // command, mention, dm, shortcut
	AskedAt    time.Time
	Feedback   string
	FeedbackAt time.Time
}

// AddExpertQuery records a query and returns its id.
func (s *Store) AddExpertQuery(ctx context.Context, q ExpertQuery) (int64, error) {
	return addExpertQuery(ctx, s.w, q)
}

// AddExpertQuery records a query in the transaction and returns its id.
func (t *Tx) AddExpertQuery(ctx context.Context, q ExpertQuery) (int64, error) {
	return addExpertQuery(ctx, execFunc(t.exec), q)
}

// qAddExpertQuery records an expert query.
const qAddExpertQuery = `INSERT INTO expert_queries(asker, channel_id, thread_ts, text, community, ranked,
			source, asked_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func addExpertQuery(ctx context.Context, db execer, q ExpertQuery) (int64, error) {
	ranked, _ := json.Marshal(q.Ranked)
	res, err := db.ExecContext(ctx, qAddExpertQuery,
		q.Asker, q.ChannelID, q.ThreadTS, q.Text, q.Community, string(ranked), q.Source, ms(q.AskedAt))
	if err != nil {
		return 0, fmt.Errorf("record expert query: %w", err)
	}
	return res.LastInsertId()
}

// ExpertQueryByID returns a recorded query.
func (s *Store) ExpertQueryByID(ctx context.Context, id int64) (ExpertQuery, error) {
	var q ExpertQuery
	var ranked string
	var asked int64
	var fb sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT id, asker, channel_id, thread_ts, text, community, ranked, source, asked_at,
			feedback, feedback_at
		FROM expert_queries WHERE id = ?`, id).Scan(&q.ID, &q.Asker, &q.ChannelID, &q.ThreadTS, &q.Text, &q.Community,
		&ranked, &q.Source, &asked, &q.Feedback, &fb)
	if errors.Is(err, sql.ErrNoRows) {
		return q, ErrNotFound
	}
	if err != nil {
		return q, fmt.Errorf("expert query %d: %w", id, err)
	}
	_ = json.Unmarshal([]byte(ranked), &q.Ranked)
	q.AskedAt, q.FeedbackAt = fromMS(asked), nullTime(fb)
	return q, nil
}

// SetExpertFeedback records what the asker did with an answer.
func (t *Tx) SetExpertFeedback(ctx context.Context, id int64, feedback string) error {
	_, err := t.exec(ctx, `UPDATE expert_queries SET feedback = ?, feedback_at = ? WHERE id = ?`, feedback, ms(t.now), id)
	if err != nil {
		return fmt.Errorf("expert feedback %d: %w", id, err)
	}
	return nil
}

// SetQueryThread attaches a query to the message it is about.
func (s *Store) SetQueryThread(ctx context.Context, id int64, threadTS string) error {
	_, err := s.w.ExecContext(ctx, `UPDATE expert_queries SET thread_ts = ? WHERE id = ?`, threadTS, id)
	if err != nil {
		return fmt.Errorf("expert query %d: %w", id, err)
	}
	return nil
}

// Communities returns the stored communities with their channels and
// whether each is private.
func (s *Store) Communities(ctx context.Context) ([]Community, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT c.id, c.name, c.vocation, c.language, c.timezone,
		coalesce(ch.id, ''), coalesce(ch.name, ''), coalesce(ch.is_private, 0)
		FROM communities c LEFT JOIN channels ch ON ch.community_id = c.id ORDER BY c.name, ch.id`)
	if err != nil {
		return nil, fmt.Errorf("communities: %w", err)
	}
	defer rows.Close()
	var out []Community
	for rows.Next() {
		var c Community
		var chID, chName string
		var private bool
		if err := rows.Scan(&c.ID, &c.Name, &c.Vocation, &c.Language, &c.Timezone, &chID, &chName, &private); err != nil {
			return nil, fmt.Errorf("communities: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != c.ID {
			c.Channels, c.Private = map[string]string{}, map[string]bool{}
			out = append(out, c)
		}
		if chID != "" {
			out[len(out)-1].Channels[chID] = chName
			out[len(out)-1].Private[chID] = private
		}
	}
	return out, rows.Err()
}

// CopyBefore writes a copy of the database in dir holding only what
// happened before cutoff, and opens it: the "past" an evaluation ranks from.
// The copy is a SQLite file, from a SQLite store or a PostgreSQL one
// (copyToSQLite).
func (s *Store) CopyBefore(ctx context.Context, dir string, cutoff time.Time) (*Store, error) {
	path := filepath.Join(dir, "before-"+cutoff.UTC().Format("20060102T150405")+".db")
	var past *Store
	var err error
	if s.pg {
		past, err = s.copyToSQLite(ctx, path)
	} else if _, err = s.w.ExecContext(ctx, `VACUUM INTO ?`, path); err == nil {
		past, err = Open(ctx, path, Options{})
	} else {
		err = fmt.Errorf("copy database: %w", err)
	}
	if err != nil {
		return nil, err
	}
	c := ms(cutoff)
	for _, q := range []sqlText{
		`DELETE FROM reactions WHERE added_at >= ?1
			OR (channel_id, message_ts) IN (SELECT channel_id, ts FROM messages WHERE posted_at >= ?1)`,
		`DELETE FROM resources WHERE shared_at >= ?1`,
		`DELETE FROM membership_events WHERE at >= ?1`,
		`DELETE FROM expert_pings WHERE at >= ?1`,
		`DELETE FROM messages WHERE posted_at >= ?1`,
	} {
		if _, err := past.w.ExecContext(ctx, string(q), c); err != nil {
			past.Close()
			return nil, fmt.Errorf("cut history at %s: %w", cutoff.Format(time.RFC3339), err)
		}
	}
	return past, nil
}
