package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// Nudge statuses: a nudge is sent, or recorded for a member of the holdout
// who is never messaged, so that both groups can be compared.
const (
	NudgeSent    = "sent"
	NudgeHoldout = "holdout"
)

// NudgeWindow is how long after a nudge a contribution counts as its effect.
const NudgeWindow = 7 * 24 * time.Hour

// Nudge is one decision to nudge a member.
type Nudge struct {
	Key       string // nudge:<kind>:<member>:<subject>; the outbox key when sent
	Member    string
	Community string
	Kind      string // welcome, reader, reengage, thank
	Subject   string
	Status    string // NudgeSent or NudgeHoldout
	At        time.Time
	// Checked is whether NudgeWindow has passed and Contributed was
	// measured: the member posted or reacted anywhere Praxis records
	// within NudgeWindow after the nudge.
	Checked     bool
	Contributed bool
}

// AddNudge records a nudge once (by key) and reports whether it is new.
func (t *Tx) AddNudge(ctx context.Context, n Nudge) (bool, error) {
	res, err := t.exec(ctx, `INSERT INTO nudges(key, member_id, community, kind, subject, status, at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING`,
		n.Key, n.Member, n.Community, n.Kind, n.Subject, n.Status, ms(n.At))
	if err != nil {
		return false, fmt.Errorf("add nudge %s: %w", n.Key, err)
	}
	k, _ := res.RowsAffected()
	return k > 0, nil
}

// Nudges returns the recorded nudges of a member ("" for everyone), oldest
// first.
func (s *Store) Nudges(ctx context.Context, member string) ([]Nudge, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+nudgeCols+` FROM nudges
		WHERE ? = '' OR member_id = ? ORDER BY at, id`, member, member)
	return scanNudges(rows, err, "nudges")
}

const nudgeCols = `key, member_id, community, kind, subject, status, at, contributed`

// scanNudges reads the rows of a query of nudgeCols.
func scanNudges(rows *sql.Rows, err error, what string) ([]Nudge, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []Nudge
	for rows.Next() {
		var n Nudge
		var at int64
		var c sql.NullBool
		if err := rows.Scan(&n.Key, &n.Member, &n.Community, &n.Kind, &n.Subject, &n.Status, &at, &c); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		n.At, n.Checked, n.Contributed = fromMS(at), c.Valid, c.Bool
		out = append(out, n)
	}
	return out, rows.Err()
}

// AskedAbout returns, by question (as a nudge's subject, "channel/ts"),
// the members one of a community's questions was put to between since and
// at: by a nudge (a reader's first step, a regular's re-engagement; sent
// or held out alike, so that the holdout stays comparable) or by an
// invitation in its thread (a routed or asked-for ping) in one of the
// community's channels. How many they are is what nudges.per_question caps.
func (s *Store) AskedAbout(ctx context.Context, community string, channels []string,
	since, at time.Time) (map[string]map[string]bool, error) {
	out := map[string]map[string]bool{}
	add := func(subject, member string) {
		if out[subject] == nil {
			out[subject] = map[string]bool{}
		}
		out[subject][member] = true
	}
	rows, err := s.r.QueryContext(ctx, `SELECT subject, member_id FROM nudges
		WHERE community = ? AND kind IN ('reader', 'reengage') AND at >= ? AND at <= ?`,
		community, ms(since), ms(at))
	if err != nil {
		return nil, fmt.Errorf("asked about: %w", err)
	}
	if err := scanPairs(rows, add); err != nil {
		return nil, fmt.Errorf("asked about: %w", err)
	}
	if len(channels) == 0 {
		return out, nil
	}
	pings := `SELECT channel_id || '/' || question_ts, member_id FROM expert_pings
		WHERE at >= ? AND at <= ? AND channel_id IN (` + inList(len(channels)) + `)`
	rows, err = s.r.QueryContext(ctx, string(pings), append([]any{ms(since), ms(at)}, strArgs(channels)...)...)
	if err != nil {
		return nil, fmt.Errorf("asked about: %w", err)
	}
	if err := scanPairs(rows, add); err != nil {
		return nil, fmt.Errorf("asked about: %w", err)
	}
	return out, nil
}

// NudgedAbout returns the members a nudge put a question to (sent, not
// held out): the router invites others into its thread.
func (s *Store) NudgedAbout(ctx context.Context, channel, questionTS string) (map[string]bool, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT subject, member_id FROM nudges
		WHERE subject = ? AND kind IN ('reader', 'reengage') AND status = 'sent'`, channel+"/"+questionTS)
	if err != nil {
		return nil, fmt.Errorf("nudged about: %w", err)
	}
	out := map[string]bool{}
	if err := scanPairs(rows, func(_, member string) { out[member] = true }); err != nil {
		return nil, fmt.Errorf("nudged about: %w", err)
	}
	return out, nil
}

// scanPairs calls fn with each row's two strings, and closes rows.
func scanPairs(rows *sql.Rows, fn func(a, b string)) error {
	defer rows.Close()
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}

// SetNudgesOff records a member's choice: off, never nudge me; else again.
func (t *Tx) SetNudgesOff(ctx context.Context, member string, off bool) error {
	_, err := t.exec(ctx, `INSERT INTO nudge_prefs(member_id, off, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(member_id) DO UPDATE SET off = excluded.off, updated_at = excluded.updated_at`, member, off, ms(t.now))
	if err != nil {
		return fmt.Errorf("nudge preference %s: %w", member, err)
	}
	return nil
}

// NudgeState is what the nudge policy needs to know of a member's past.
type NudgeState struct {
	OptedOut bool
	// SentThisWeek is the nudges sent since the week's start that spend
	// the weekly budget: all but welcomes, one per community and outside it.
	SentThisWeek int
	// Ignored is the latest sent nudges in a row measured without a
	// contribution, and LastSent the latest sent (zero: never), of the
	// nudges that ask something: a thank-you needs no answer, so it is
	// neither ignored nor acted on, and starts no back-off.
	Ignored  int
	LastSent time.Time
}

// NudgeState returns a member's nudge history as the policy reads it at
// an instant: the nudges sent by then, measured only when their window had
// passed by then.
func (s *Store) NudgeState(ctx context.Context, member string, weekStart, at time.Time) (NudgeState, error) {
	var st NudgeState
	err := s.r.QueryRowContext(ctx, `SELECT coalesce((SELECT off FROM nudge_prefs WHERE member_id = ?), 0),
		(SELECT count(*) FROM nudges WHERE member_id = ? AND status = 'sent' AND kind <> 'welcome'
			AND at >= ? AND at <= ?)`,
		member, member, ms(weekStart), ms(at)).Scan(&st.OptedOut, &st.SentThisWeek)
	if err != nil {
		return st, fmt.Errorf("nudge state %s: %w", member, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT at, CASE WHEN at + ?2 <= ?3 THEN contributed END FROM nudges
		WHERE member_id = ?1 AND status = 'sent' AND kind <> 'thank' AND at <= ?3 ORDER BY at DESC`,
		member, NudgeWindow.Milliseconds(), ms(at))
	if err != nil {
		return st, fmt.Errorf("nudge state %s: %w", member, err)
	}
	defer rows.Close()
	counting := true
	for rows.Next() {
		var at int64
		var c sql.NullBool
		if err := rows.Scan(&at, &c); err != nil {
			return st, fmt.Errorf("nudge state %s: %w", member, err)
		}
		if st.LastSent.IsZero() {
			st.LastSent = fromMS(at)
		}
		if !c.Valid {
			continue // not measured yet: neither ignored nor acted on
		}
		if c.Bool {
			counting = false
		}
		if counting {
			st.Ignored++
		}
	}
	return st, rows.Err()
}

// SettleNudges measures, for the nudges sent or held out at least
// NudgeWindow before now and not measured yet, whether the member posted
// or reacted within NudgeWindow after. It returns how many it measured.
func (s *Store) SettleNudges(ctx context.Context, now time.Time) (int, error) {
	w := NudgeWindow.Milliseconds()
	res, err := s.w.ExecContext(ctx, `UPDATE nudges SET checked_at = ?, contributed =
		CASE WHEN EXISTS (SELECT 1 FROM messages m WHERE m.user_id = nudges.member_id
			AND m.posted_at > nudges.at AND m.posted_at <= nudges.at + ?
			AND m.is_bot = 0 AND m.subtype NOT IN ('channel_join', 'channel_leave'))
		OR EXISTS (SELECT 1 FROM reactions r WHERE r.user_id = nudges.member_id
			AND r.added_at > nudges.at AND r.added_at <= nudges.at + ?) THEN 1 ELSE 0 END
		WHERE contributed IS NULL AND at <= ?`, ms(now), w, w, ms(now)-w)
	if err != nil {
		return 0, fmt.Errorf("settle nudges: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// NudgeCandidate is a member a kind of nudge may be for.
type NudgeCandidate struct {
	Member string
	At     time.Time // joined (welcome, reader), last active (reengage), accepted (thank)
	// Active is a regular's latest active days (reengage), newest first:
	// the instant of their last post on each. Loc is the zone whose
	// calendar those days are dates of: the member's, else the community's.
	Active []time.Time
	Loc    *time.Location
	// Channel and TS are the question whose answer was accepted (thank).
	Channel, TS string
}

func strArgs(ss []string, more ...any) []any {
	args := make([]any, 0, len(ss)+len(more))
	for _, s := range ss {
		args = append(args, s)
	}
	return append(args, more...)
}

// notNudged excludes members (column col) nudged with a kind in a community
// between two times: sent or held out alike.
func notNudged(col sqlText) sqlText {
	return ` AND NOT EXISTS (SELECT 1 FROM nudges n WHERE n.member_id = ` + col + ` AND n.community = ? AND n.kind = ?
		AND n.at >= ? AND n.at <= ?)
	AND NOT EXISTS (SELECT 1 FROM members mb WHERE mb.id = ` + col + ` AND (mb.is_bot = 1 OR mb.deleted = 1))`
}

// Newcomers returns who joined one of channels between since and at, was
// still there at at and had not been welcomed to the community by then,
// first joined first.
func (s *Store) Newcomers(ctx context.Context, community string, channels []string,
	since, at time.Time) ([]NudgeCandidate, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	q := `SELECT e.member_id, min(e.at) FROM membership_events e
		JOIN channel_members cm ON cm.channel_id = e.channel_id AND cm.member_id = e.member_id
			AND (cm.left_at IS NULL OR cm.left_at > ?)
		WHERE e.kind = 'join' AND e.at >= ? AND e.at <= ? AND e.channel_id IN (` + inList(len(channels)) + `)` +
		notNudged("e.member_id") + ` GROUP BY e.member_id ORDER BY min(e.at), e.member_id`
	args := append([]any{ms(at), ms(since), ms(at)}, strArgs(channels, community, "welcome", 0, ms(at))...)
	return s.candidates(ctx, "newcomers", q, args...)
}

// Readers returns the members of channels at at who joined before a time
// (or whenever: an export does not say) and had not posted in channels
// since, by at, nor been invited to a first step between noNudgeSince and
// at.
func (s *Store) Readers(ctx context.Context, community string, channels []string,
	joinedBefore, noNudgeSince, at time.Time) ([]NudgeCandidate, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	in := inList(len(channels))
	q := `SELECT cm.member_id, min(coalesce(cm.joined_at, 0)) FROM channel_members cm
		WHERE (cm.left_at IS NULL OR cm.left_at > ?) AND cm.channel_id IN (` + in + `)
		AND coalesce(cm.joined_at, 0) <= ?
		AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.user_id = cm.member_id AND m.channel_id IN (` + in + `)
			AND m.posted_at >= coalesce(cm.joined_at, 0) AND m.posted_at <= ?
			AND m.subtype NOT IN ('channel_join', 'channel_leave'))` +
		notNudged("cm.member_id") + ` GROUP BY cm.member_id ORDER BY cm.member_id`
	args := append([]any{ms(at)}, strArgs(channels, ms(joinedBefore))...)
	args = append(args, strArgs(channels, ms(at), community, "reader", ms(noNudgeSince), ms(at))...)
	return s.candidates(ctx, "readers", q, args...)
}

// AcceptedAnswers returns the members whose answer to a question in
// channels was accepted between since and at, and who had not been
// thanked for it by at.
func (s *Store) AcceptedAnswers(ctx context.Context, community string, channels []string,
	since, at time.Time) ([]NudgeCandidate, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	args := append([]any{ms(since), ms(at)}, strArgs(channels, community, ms(at))...)
	rows, err := s.r.QueryContext(ctx, string(`SELECT q.first_answerer, q.resolved_at, q.channel_id, q.ts FROM questions q
		WHERE q.resolution = 'accepted' AND q.first_answerer <> '' AND q.resolved_at >= ? AND q.resolved_at <= ?
		AND q.channel_id IN (`+inList(len(channels))+`)
		AND NOT EXISTS (SELECT 1 FROM nudges n WHERE n.member_id = q.first_answerer AND n.community = ?
			AND n.kind = 'thank' AND n.subject = q.channel_id || '/' || q.ts AND n.at <= ?)
		ORDER BY q.resolved_at, q.channel_id, q.ts`), args...)
	if err != nil {
		return nil, fmt.Errorf("accepted answers: %w", err)
	}
	defer rows.Close()
	var out []NudgeCandidate
	for rows.Next() {
		var c NudgeCandidate
		var at int64
		if err := rows.Scan(&c.Member, &at, &c.Channel, &c.TS); err != nil {
			return nil, fmt.Errorf("accepted answers: %w", err)
		}
		c.At = fromMS(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) candidates(ctx context.Context, what string, q sqlText, args ...any) ([]NudgeCandidate, error) {
	rows, err := s.r.QueryContext(ctx, string(q), args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []NudgeCandidate
	for rows.Next() {
		var c NudgeCandidate
		var at int64
		if err := rows.Scan(&c.Member, &at); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		c.At = fromMS(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// TopAnswerers returns the members who first answered the most questions
// in channels between since and at, then the most active posters, up to
// limit, never those in except: people a newcomer could meet.
func (s *Store) TopAnswerers(ctx context.Context, channels []string, since, at time.Time, limit int,
	except ...string) ([]string, error) {
	if len(channels) == 0 || limit <= 0 {
		return nil, nil
	}
	in := inList(len(channels))
	args := append(append([]any{ms(since), ms(at)}, strArgs(channels, ms(since), ms(at))...), strArgs(channels)...)
	rows, err := s.r.QueryContext(ctx, string(`SELECT user_id FROM (
			SELECT first_answerer AS user_id, 1000000 + count(*) AS score FROM questions
			WHERE first_answerer <> '' AND first_answer_at >= ? AND first_answer_at <= ? AND channel_id IN (`+in+`)
			GROUP BY first_answerer
			UNION ALL
			SELECT user_id, count(*) FROM messages WHERE user_id <> '' AND is_bot = 0 AND deleted = 0
			AND posted_at >= ? AND posted_at <= ?
			AND subtype NOT IN ('channel_join', 'channel_leave') AND channel_id IN (`+in+`) GROUP BY user_id) AS scores
		WHERE NOT EXISTS (SELECT 1 FROM members mb WHERE mb.id = user_id AND (mb.is_bot = 1 OR mb.deleted = 1))
		GROUP BY user_id ORDER BY max(score) DESC, user_id`), args...)
	if err != nil {
		return nil, fmt.Errorf("top answerers: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() && len(out) < limit {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("top answerers: %w", err)
		}
		if !slices.Contains(except, u) {
			out = append(out, u)
		}
	}
	return out, rows.Err()
}
