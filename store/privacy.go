package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A member's privacy, as every write path applies it: a forgotten member's
// messages are written without author or text, their reactions not at all,
// their resources without author; a paused member's messages (posted or
// edited since the pause) without text; and a message posted before the
// retention mark without text. The check lives here, in the store's write
// path, because the recorder, the importer and the back-fill all end here;
// the profile and membership tables, written from elsewhere too, are
// guarded by triggers (migration 0012).

// txPrivacy is what a transaction knows of privacy, read once.
type txPrivacy struct {
	any        bool  // someone is forgotten or paused
	textBefore int64 // the retention mark, Unix ms (0: none)
	members    map[string]memberPrivacy
}

type memberPrivacy struct {
	forgotten bool
	pausedAt  int64      // Unix ms; 0: not paused
	pauses    [][2]int64 // pauses ended: [paused, resumed) in Unix ms
}

// paused reports whether a member's words of the instant at (Unix ms) are
// not recorded: paused then, now or in a pause since ended.
func (mp memberPrivacy) paused(at int64) bool {
	if mp.pausedAt > 0 && at >= mp.pausedAt {
		return true
	}
	for _, p := range mp.pauses {
		if at >= p[0] && at < p[1] {
			return true
		}
	}
	return false
}

const (
	qPrivacyAny = `SELECT EXISTS (SELECT 1 FROM forgotten_members) OR EXISTS (SELECT 1 FROM paused_members)
		OR EXISTS (SELECT 1 FROM pause_intervals), coalesce((SELECT text_before FROM retention WHERE id = 1), 0)`
	qMemberPauses  = `SELECT paused_at, resumed_at FROM pause_intervals WHERE member_id = ?`
	qMemberPrivacy = `SELECT EXISTS (SELECT 1 FROM forgotten_members WHERE member_id = ?1),
		coalesce((SELECT paused_at FROM paused_members WHERE member_id = ?1), 0)`
)

// privacy reads, once per transaction, whether anyone is forgotten or
// paused and the retention mark: the common case (nobody) then costs
// nothing per message.
func (t *Tx) privacy(ctx context.Context) (*txPrivacy, error) {
	if t.priv != nil {
		return t.priv, nil
	}
	p := &txPrivacy{members: map[string]memberPrivacy{}}
	if err := t.queryRow(ctx, qPrivacyAny).Scan(&p.any, &p.textBefore); err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	t.priv = p
	return p, nil
}

// memberPrivacy returns a member's privacy, read once per transaction.
func (t *Tx) memberPrivacy(ctx context.Context, id string) (memberPrivacy, error) {
	p, err := t.privacy(ctx)
	if err != nil || !p.any || id == "" {
		return memberPrivacy{}, err
	}
	if mp, ok := p.members[id]; ok {
		return mp, nil
	}
	var mp memberPrivacy
	if err := t.queryRow(ctx, qMemberPrivacy, id).Scan(&mp.forgotten, &mp.pausedAt); err != nil {
		return memberPrivacy{}, fmt.Errorf("privacy of %s: %w", id, err)
	}
	rows, err := t.tx.query(ctx, qMemberPauses, id)
	if err != nil {
		return memberPrivacy{}, fmt.Errorf("privacy of %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return memberPrivacy{}, fmt.Errorf("privacy of %s: %w", id, err)
		}
		mp.pauses = append(mp.pauses, p)
	}
	if err := rows.Err(); err != nil {
		return memberPrivacy{}, fmt.Errorf("privacy of %s: %w", id, err)
	}
	p.members[id] = mp
	return mp, nil
}

// forgotten reports whether a member asked to be forgotten.
func (t *Tx) forgotten(ctx context.Context, id string) (bool, error) {
	mp, err := t.memberPrivacy(ctx, id)
	return mp.forgotten, err
}

// private returns m as it may be stored (see the comment at the top).
func (t *Tx) private(ctx context.Context, m Message) (Message, error) {
	p, err := t.privacy(ctx)
	if err != nil {
		return m, err
	}
	if p.textBefore > 0 && ms(m.PostedAt) < p.textBefore {
		m.Erased = true
	}
	mp, err := t.memberPrivacy(ctx, m.UserID)
	if err != nil {
		return m, err
	}
	switch {
	case mp.forgotten:
		m.UserID, m.Erased = "", true
	case mp.pausedAt > 0 || len(mp.pauses) > 0:
		if mp.paused(ms(m.PostedAt)) {
			m.Erased = true
		} else if edited, ok := ParseTS(m.EditedTS); ok && mp.paused(ms(edited)) {
			m.Erased = true // edited during a pause: the new words are the pause's
		}
	}
	if m.Erased {
		m.Text, m.Terms, t.withheld = "", "", true
	}
	return m, nil
}

// Pause stops recording the text of a member's messages from now on; it
// reports false when they had already paused.
func (t *Tx) Pause(ctx context.Context, member string) (bool, error) {
	t.priv = nil
	res, err := t.tx.exec(ctx, `INSERT INTO paused_members(member_id, paused_at) VALUES (?, ?)
		ON CONFLICT DO NOTHING`, member, ms(t.now))
	if err != nil {
		return false, fmt.Errorf("pause %s: %w", member, err)
	}
	n, _ := res.RowsAffected()
	t.changed.People = t.changed.People || n == 1
	return n == 1, nil
}

// Resume records a paused member's messages' text again; what was posted
// during the pause stays without text, even when it arrives later (the
// pause is kept as an interval). It reports false when they had not
// paused.
func (t *Tx) Resume(ctx context.Context, member string) (bool, error) {
	t.priv = nil
	if _, err := t.tx.exec(ctx, `INSERT INTO pause_intervals(member_id, paused_at, resumed_at)
		SELECT member_id, paused_at, ? FROM paused_members WHERE member_id = ? ON CONFLICT DO NOTHING`,
		ms(t.now), member); err != nil {
		return false, fmt.Errorf("resume %s: %w", member, err)
	}
	res, err := t.tx.exec(ctx, `DELETE FROM paused_members WHERE member_id = ?`, member)
	if err != nil {
		return false, fmt.Errorf("resume %s: %w", member, err)
	}
	n, _ := res.RowsAffected()
	t.changed.People = t.changed.People || n == 1
	return n == 1, nil
}

// Forget erases what is stored about a member, for good, in the
// transaction: their messages stay as anonymous rows without text (and
// leave the full-text index), so that counts hold; their reactions,
// profile, memberships, skills, preferences, nudges, digest items, expert
// queries and pings go; the questions they asked or answered, the
// resources they shared (and their labels) and the messages they pinned
// lose their identity; they leave other members' expert suggestions; and
// the raw events and sent messages that name them are emptied. They are
// recorded as forgotten, so that nothing of theirs comes back (see
// private). Once committed, the store's scrubber takes the erased bytes out
// of the file (Store.Scrub). It reports false when they had already been
// forgotten (everything is erased again).
func (t *Tx) Forget(ctx context.Context, member string) (bool, error) {
	if member == "" {
		return false, errors.New("forget: no member")
	}
	t.priv = nil
	res, err := t.tx.exec(ctx, `INSERT INTO forgotten_members(member_id, forgotten_at) VALUES (?, ?)
		ON CONFLICT DO NOTHING`, member, ms(t.now))
	if err != nil {
		return false, fmt.Errorf("forget %s: %w", member, err)
	}
	first, _ := res.RowsAffected()
	if err := t.unindex(ctx, `SELECT id FROM messages WHERE user_id = ? AND text <> ''`, member); err != nil {
		return false, fmt.Errorf("forget %s: %w", member, err)
	}
	for _, q := range forgetStatements {
		if _, err := t.tx.exec(ctx, q, member); err != nil {
			return false, fmt.Errorf("forget %s: %w", member, err)
		}
	}
	if err := t.forgetOptional(ctx, member); err != nil {
		return false, err
	}
	if err := t.scrubDue(ctx, true); err != nil {
		return false, fmt.Errorf("forget %s: %w", member, err)
	}
	t.scrub = true // the bytes too, in the background (see scrub.go)
	if first == 1 {
		t.changed.People, t.changed.Erased = true, true
	}
	return first == 1, nil
}

// forgetStatements erase a member (?1) everywhere they are stored.
var forgetStatements = []sqlText{
	`DELETE FROM paused_members WHERE member_id = ?1`,
	`DELETE FROM pause_intervals WHERE member_id = ?1`,
	`UPDATE messages SET text = '', user_id = '', erased = 1 WHERE user_id = ?1`,
	`DELETE FROM reactions WHERE user_id = ?1`,
	`DELETE FROM reaction_removals WHERE user_id = ?1`,
	`DELETE FROM question_acts WHERE user_id = ?1`,
	`UPDATE reactions SET item_user = '' WHERE item_user = ?1`,
	`UPDATE resources SET user_id = '', title = '' WHERE user_id = ?1`, // a link's label is their words
	`UPDATE pins SET pinned_by = '' WHERE pinned_by = ?1`,
	// Quotes show a member by name (bot.Quote): what Praxis sent or was
	// about to send quoting them goes too, read before their profile does.
	`UPDATE outbox SET payload = '{}' WHERE status IN ('sent', 'dead') AND payload <> '{}'
		AND instr(payload, (` + qQuotedName + `)) > 0`,
	`DELETE FROM outbox WHERE status = 'pending' AND instr(payload, (` + qQuotedName + `)) > 0`,
	`DELETE FROM members WHERE id = ?1`,
	`DELETE FROM channel_members WHERE member_id = ?1`,
	`DELETE FROM membership_events WHERE member_id = ?1`,
	`DELETE FROM skills WHERE member_id = ?1`,
	`DELETE FROM expert_prefs WHERE member_id = ?1`,
	`DELETE FROM expert_pings WHERE member_id = ?1`,
	`DELETE FROM expert_queries WHERE asker = ?1`,
	`UPDATE expert_queries
		SET ranked = (SELECT json_group_array(j.value) FROM json_each(expert_queries.ranked) j WHERE j.value <> ?1)
		WHERE EXISTS (SELECT 1 FROM json_each(expert_queries.ranked) j WHERE j.value = ?1)`,
	`UPDATE questions SET asker = '' WHERE asker = ?1`,
	`UPDATE questions SET first_answerer = '' WHERE first_answerer = ?1`,
	`DELETE FROM nudges WHERE member_id = ?1`,
	`DELETE FROM nudge_prefs WHERE member_id = ?1`,
	`DELETE FROM recognition_prefs WHERE member_id = ?1`,
	`DELETE FROM digest_prefs WHERE member_id = ?1`,
	`DELETE FROM muted_channels WHERE member_id = ?1`,
	`DELETE FROM digest_items_sent WHERE member_id = ?1 OR item LIKE 'newcomer:%:' || ?1`,
	// What Praxis received from Slack and sent, once done with: the raw
	// events and messages that name them.
	`UPDATE inbox SET payload = CAST('' AS BLOB)
		WHERE processed_at IS NOT NULL AND length(payload) > 0 AND instr(payload, CAST(?1 AS BLOB)) > 0`,
	`UPDATE outbox SET payload = '{}' WHERE status IN ('sent', 'dead') AND payload <> '{}'
		AND (channel_id = ?1 OR sent_channel = ?1 OR instr(payload, ?1) > 0)`,
	// What still waits to be sent to them or names them (an export of all
	// their data, their Home, a digest or an answer mentioning them): never
	// sent. What forgetting answers is enqueued after this; a message being
	// sent right now is emptied once sent (Store.MarkSent).
	`DELETE FROM outbox WHERE status = 'pending' AND (channel_id = ?1 OR instr(payload, ?1) > 0)`,
}

// qQuotedName is how a quote names member ?1 (store.Member.ShownName after
// an @), NULL when they have no name.
const qQuotedName = `SELECT '@' || COALESCE(NULLIF(display_name, ''), NULLIF(real_name, ''), NULLIF(name, ''))
	FROM members WHERE id = ?1`

// optionalTables hold a member's choices in tables that later migrations
// may add; Forget erases them where they exist.
// qTableExists counts the tables named ? (0 or 1).
const qTableExists = `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`

var optionalTables = []sqlText{"member_prefs"}

func (t *Tx) forgetOptional(ctx context.Context, member string) error {
	for _, table := range optionalTables {
		var n int
		err := t.tx.queryRow(ctx, qTableExists, string(table)).Scan(&n)
		if err != nil {
			return fmt.Errorf("forget %s: %w", member, err)
		}
		if n == 0 {
			continue
		}
		if _, err := t.tx.exec(ctx, `DELETE FROM `+table+` WHERE member_id = ?`, member); err != nil {
			return fmt.Errorf("forget %s: %w", member, err)
		}
	}
	return nil
}

// unindex queues the removal from the full-text index of the messages the
// query selects, after whatever the transaction queued before (see Tx.fts).
func (t *Tx) unindex(ctx context.Context, query sqlText, args ...any) error {
	rows, err := t.tx.query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("full-text index: %w", err)
		}
		t.fts = append(t.fts, ftsOp{id: id})
	}
	return rows.Err()
}

// Forget erases a member in one transaction (see Tx.Forget).
func (s *Store) Forget(ctx context.Context, member string) (first bool, err error) {
	err = s.Batch(ctx, func(tx *Tx) error {
		first, err = tx.Forget(ctx, member)
		return err
	})
	return first, err
}

// MemberPrivacy is a member's privacy state.
type MemberPrivacy struct {
	Forgotten time.Time // zero: not forgotten
	Paused    time.Time // zero: not paused
}

// Privacy returns a member's privacy state.
func (s *Store) Privacy(ctx context.Context, member string) (MemberPrivacy, error) {
	var f, p sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT (SELECT forgotten_at FROM forgotten_members WHERE member_id = ?1),
		(SELECT paused_at FROM paused_members WHERE member_id = ?1)`, member).Scan(&f, &p)
	if err != nil {
		return MemberPrivacy{}, fmt.Errorf("privacy of %s: %w", member, err)
	}
	return MemberPrivacy{Forgotten: nullTime(f), Paused: nullTime(p)}, nil
}
