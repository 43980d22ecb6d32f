package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// MemberData is everything stored about one member, section by section,
// each a list of rows (column → value; times in RFC 3339 UTC): what
// /praxis export sends them and praxis member export writes. It is built
// from memberSections, which Forget's statements mirror: a table added
// about members belongs in both.
type MemberData struct {
	Member     string                      `json:"member"`
	ExportedAt time.Time                   `json:"exported_at"`
	Sections   map[string][]map[string]any `json:"data"`
}

// memberSections name the kinds of data about a member, in the export's
// order; sectionQuery reads each.
var memberSections = []string{
	"profile",
	"privacy",
	"channels",
	"joins_and_leaves",
	"messages",
	"reactions",
	"reactions_removed",
	"question_acts",
	"resources",
	"pins",
	"skills",
	"expert_prefs",
	"digest_prefs",
	"muted_channels",
	"nudge_prefs",
	"recognition_prefs",
	"member_prefs",
	"nudges",
	"digest_items",
	"expert_queries",
	"expert_pings",
	"questions_asked",
	"questions_answered_first",
}

// optionalSections are read only where their table exists (see optionalTables).
var optionalSections = map[string]string{"member_prefs": "member_prefs"}

// sectionQuery returns the query of a section of a member's data (?1).
func sectionQuery(name string) sqlText {
	switch name {
	case "profile":
		return `SELECT id, name, real_name, display_name, tz, locale, status, status_expires AS status_expires_at,
		is_bot, deleted, first_seen AS first_seen_at, last_seen AS last_seen_at, synced_at, team, site
		FROM members WHERE id = ?1`
	case "privacy":
		return `SELECT 'forgotten' AS state, forgotten_at AS since_at, CAST(NULL AS INTEGER) AS until_at
		FROM forgotten_members
			WHERE member_id = ?1
		UNION ALL SELECT 'paused', paused_at, NULL FROM paused_members WHERE member_id = ?1
		UNION ALL SELECT 'paused', paused_at, resumed_at FROM pause_intervals WHERE member_id = ?1`
	case "channels":
		return `SELECT channel_id, joined_at, left_at FROM channel_members WHERE member_id = ?1 ORDER BY channel_id`
	case "joins_and_leaves":
		return `SELECT channel_id, kind, ts, at AS happened_at FROM membership_events WHERE member_id = ?1 ORDER BY at, id`
	case "messages":
		return `SELECT channel_id, ts, thread_ts, text, subtype, edited_ts, deleted, erased, posted_at
		FROM messages WHERE user_id = ?1 ORDER BY posted_at, channel_id, ts`
	case "reactions":
		return `SELECT channel_id, message_ts, name, added_at FROM reactions WHERE user_id = ?1
		ORDER BY added_at, channel_id, message_ts, name`
	case "reactions_removed":
		return `SELECT channel_id, message_ts, name, removed_at FROM reaction_removals WHERE user_id = ?1
		ORDER BY removed_at, channel_id, message_ts, name`
	case "question_acts":
		return `SELECT channel_id, message_ts, kind, at AS happened_at FROM question_acts WHERE user_id = ?1
		ORDER BY at, channel_id, message_ts, kind`
	case "resources":
		return `SELECT kind, url, title, channel_id, message_ts, shared_at FROM resources WHERE user_id = ?1
		ORDER BY shared_at, id`
	case "pins":
		return `SELECT channel_id, message_ts, pinned_at FROM pins WHERE pinned_by = ?1
		ORDER BY pinned_at, channel_id, message_ts`
	case "skills":
		return `SELECT skill, added_at FROM skills WHERE member_id = ?1 ORDER BY skill`
	case "expert_prefs":
		return `SELECT suggest, updated_at FROM expert_prefs WHERE member_id = ?1`
	case "digest_prefs":
		return `SELECT frequency, hour, updated_at FROM digest_prefs WHERE member_id = ?1`
	case "muted_channels":
		return `SELECT channel_id, muted_at FROM muted_channels WHERE member_id = ?1 ORDER BY channel_id`
	case "nudge_prefs":
		return `SELECT off, updated_at FROM nudge_prefs WHERE member_id = ?1`
	case "recognition_prefs":
		return `SELECT off, updated_at FROM recognition_prefs WHERE member_id = ?1`
	case "member_prefs":
		return `SELECT language, updated_at FROM member_prefs WHERE member_id = ?1`
	case "nudges":
		return `SELECT community, kind, subject, status, at AS decided_at, contributed, checked_at FROM nudges
		WHERE member_id = ?1 ORDER BY at, id`
	case "digest_items":
		return `SELECT item, period, sent_at FROM digest_items_sent WHERE member_id = ?1 ORDER BY sent_at, item`
	case "expert_queries":
		return `SELECT channel_id, thread_ts, text, community, ranked, source, asked_at, feedback, feedback_at
		FROM expert_queries WHERE asker = ?1 ORDER BY asked_at, id`
	case "expert_pings":
		return `SELECT channel_id, question_ts, kind, at AS pinged_at FROM expert_pings WHERE member_id = ?1 ORDER BY at, id`
	case "questions_asked":
		return `SELECT channel_id, ts, asked_at, why, first_answer_at, resolved_at, resolution, closed
		FROM questions WHERE asker = ?1 ORDER BY asked_at, channel_id, ts`
	case "questions_answered_first":
		return `SELECT channel_id, ts, first_answer_at FROM questions WHERE first_answerer = ?1
		ORDER BY first_answer_at, channel_id, ts`
	}
	panic("store: no member data section " + name)
}

// MemberData reads everything stored about a member in one read
// transaction (a consistent snapshot). A member Praxis knows nothing about
// gets empty sections.
func (s *Store) MemberData(ctx context.Context, member string) (MemberData, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return MemberData{}, fmt.Errorf("member data %s: %w", member, err)
	}
	defer tx.Rollback()
	d := MemberData{Member: member, ExportedAt: s.Now(), Sections: map[string][]map[string]any{}}
	for _, name := range memberSections {
		if ok, err := tableExists(ctx, tx, optionalSections[name]); err != nil || !ok {
			if err != nil {
				return MemberData{}, fmt.Errorf("member data %s: %w", member, err)
			}
			continue
		}
		rows, err := readRows(ctx, tx, sectionQuery(name), member)
		if err != nil {
			return MemberData{}, fmt.Errorf("member data %s: %s: %w", member, name, err)
		}
		d.Sections[name] = rows
	}
	return d, nil
}

// tableExists reports whether table exists ("" always does).
func tableExists(ctx context.Context, tx *sql.Tx, table string) (bool, error) {
	if table == "" {
		return true, nil
	}
	var n int
	err := tx.QueryRowContext(ctx, qTableExists, table).Scan(&n)
	return n > 0, err
}

// readRows reads a query's rows as column → value: columns named *_at are
// Unix ms turned into times, ranked is JSON kept as is, blobs are text.
func readRows(ctx context.Context, tx *sql.Tx, query sqlText, args ...any) ([]map[string]any, error) {
	rows, err := tx.QueryContext(ctx, string(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			row[c] = exportValue(c, vals[i])
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// boolColumns are the columns of memberSections that hold a yes or no
// (SQLite stores them as 0 and 1): the export says true or false.
var boolColumns = map[string]bool{"is_bot": true, "deleted": true, "erased": true, "suggest": true, "off": true,
	"contributed": true, "closed": true}

func exportValue(col string, v any) any {
	switch x := v.(type) {
	case int64:
		if strings.HasSuffix(col, "_at") {
			return fromMS(x).Format(time.RFC3339Nano)
		}
		if boolColumns[col] {
			return x != 0
		}
	case []byte:
		return string(x)
	case string:
		if col == "ranked" && json.Valid([]byte(x)) {
			return json.RawMessage(x)
		}
	}
	return v
}

// PrivacySummary counts what is stored about a member, for /praxis privacy.
type PrivacySummary struct {
	MemberPrivacy
	Profile          bool
	Messages         int // every message row of theirs, with or without text
	MessagesWithText int
	Reactions        int
	Resources        int
	Skills           int
	Prefs            int // expert, digest, nudge and language choices, muted channels
	Nudges           int
	DigestItems      int
	Queries          int
	Pings            int
	Questions        int
	Channels         int
}

// Known reports whether Praxis holds anything about the member, or forgot
// them: an id it never saw is most likely a mistyped one.
func (s PrivacySummary) Known() bool {
	return s.Profile || !s.Forgotten.IsZero() || !s.Paused.IsZero() || s.Channels > 0 ||
		s.Messages+s.Reactions+s.Resources+s.Skills+s.Prefs+s.Nudges+s.DigestItems+s.Queries+s.Pings+s.Questions > 0
}

// PrivacySummary counts, from the same sections as MemberData, what is
// stored about a member.
func (s *Store) PrivacySummary(ctx context.Context, member string) (PrivacySummary, error) {
	p, err := s.Privacy(ctx, member)
	if err != nil {
		return PrivacySummary{}, err
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return PrivacySummary{}, fmt.Errorf("privacy summary %s: %w", member, err)
	}
	defer tx.Rollback()
	counts := map[string]int{}
	for _, name := range memberSections {
		ok, err := tableExists(ctx, tx, optionalSections[name])
		if err == nil && ok {
			var n int
			err = tx.QueryRowContext(ctx, string(`SELECT count(*) FROM (`+sectionQuery(name)+`) AS section`), member).Scan(&n)
			counts[name] = n
		}
		if err != nil {
			return PrivacySummary{}, fmt.Errorf("privacy summary %s: %s: %w", member, name, err)
		}
	}
	n := func(names ...string) int {
		total := 0
		for _, name := range names {
			total += counts[name]
		}
		return total
	}
	sum := PrivacySummary{
		MemberPrivacy: p,
		Profile:       n("profile") > 0,
		Messages:      n("messages"),
		Reactions:     n("reactions"),
		Resources:     n("resources"),
		Skills:        n("skills"),
		Prefs: n("expert_prefs", "digest_prefs", "nudge_prefs", "recognition_prefs", "member_prefs",
			"muted_channels"),
		Nudges:      n("nudges"),
		DigestItems: n("digest_items"),
		Queries:     n("expert_queries"),
		Pings:       n("expert_pings"),
		Questions:   n("questions_asked"),
		Channels:    n("channels"),
	}
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM messages WHERE user_id = ? AND text <> ''`, member).
		Scan(&sum.MessagesWithText)
	if err != nil {
		return PrivacySummary{}, fmt.Errorf("privacy summary %s: %w", member, err)
	}
	return sum, nil
}
