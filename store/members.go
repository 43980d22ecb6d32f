package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Member is a person (or bot) of the workspace.
type Member struct {
	ID          string
	Name        string
	RealName    string
	DisplayName string
	TZ          string
	Locale      string
	IsBot       bool
	Deleted     bool
	FirstSeen   time.Time // zero when never seen contributing
	LastSeen    time.Time
	SyncedAt    time.Time // zero when never synced with users.info
	// Status is the Slack status, emoji then text (":palm_tree: On leave");
	// StatusExpires is when Slack clears it (zero: never).
	Status        string
	StatusExpires time.Time
	// Team and Site are where the member works, from their Slack profile's
	// custom fields (bot/slackio.OrgFields), "" when unknown: the sponsors'
	// report counts the answers that cross them.
	Team, Site string
}

// PutMember stores a member's profile as Slack describes it, keeping the
// activity dates. A new member, or a new time zone, status or
// deactivation, is told to the store's followers (Changes.People).
func (s *Store) PutMember(ctx context.Context, m Member) error {
	var expires sql.NullInt64
	if !m.StatusExpires.IsZero() {
		expires = sql.NullInt64{Int64: ms(m.StatusExpires), Valid: true}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put member %s: %w", m.ID, err)
	}
	defer tx.Rollback()
	var old Member
	var oldExpires sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT tz, is_bot, deleted, status, status_expires FROM members WHERE id = ?`,
		m.ID).Scan(&old.TZ, &old.IsBot, &old.Deleted, &old.Status, &oldExpires)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("put member %s: %w", m.ID, err)
	}
	people := err != nil || old.TZ != m.TZ || old.IsBot != m.IsBot || old.Deleted != m.Deleted ||
		old.Status != m.Status || oldExpires != expires
	_, err = tx.ExecContext(ctx, `INSERT INTO members(id, name, real_name, display_name, tz, locale, is_bot, deleted,
			synced_at, status, status_expires, team, site)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET
			name = excluded.name, real_name = excluded.real_name, display_name = excluded.display_name,
			tz = excluded.tz, locale = CASE WHEN excluded.locale <> '' THEN excluded.locale ELSE members.locale END,
			is_bot = excluded.is_bot, deleted = excluded.deleted, synced_at = excluded.synced_at,
			status = excluded.status, status_expires = excluded.status_expires, team = excluded.team,
			site = excluded.site`,
		m.ID, m.Name, m.RealName, m.DisplayName, m.TZ, m.Locale, m.IsBot, m.Deleted, ms(s.Now()), m.Status, expires,
		m.Team, m.Site)
	if err != nil {
		return fmt.Errorf("put member %s: %w", m.ID, err)
	}
	if err := s.logChanges(ctx, tx, Changes{People: people}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put member %s: %w", m.ID, err)
	}
	s.announce(Changes{People: people})
	s.committed(Changes{People: people})
	return nil
}

// memberLocale is a member's locale as Praxis speaks to them: the language
// they chose on their Home tab (member_prefs), else their Slack locale.
const memberLocale = `coalesce(nullif(
	(SELECT p.language FROM member_prefs p WHERE p.member_id = members.id), ''), locale)`

// Member returns one member, or ErrNotFound. Its Locale is the language
// the member chose, else their Slack locale.
func (s *Store) Member(ctx context.Context, id string) (Member, error) {
	var m Member
	var first, last, synced, expires sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT id, name, real_name, display_name, tz, `+memberLocale+`, is_bot, deleted,
		first_seen, last_seen, synced_at, status, status_expires, team, site FROM members WHERE id = ?`, id).Scan(
		&m.ID, &m.Name, &m.RealName, &m.DisplayName, &m.TZ, &m.Locale, &m.IsBot, &m.Deleted, &first, &last, &synced,
		&m.Status, &expires, &m.Team, &m.Site)
	if errors.Is(err, sql.ErrNoRows) {
		return Member{}, ErrNotFound
	}
	if err != nil {
		return Member{}, fmt.Errorf("member %s: %w", id, err)
	}
	m.FirstSeen, m.LastSeen = nullTime(first), nullTime(last)
	m.SyncedAt, m.StatusExpires = nullTime(synced), nullTime(expires)
	return m, nil
}

func nullTime(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMS(v.Int64)
}

// ParseTS turns a Slack timestamp ("1700000000.000100") into a time.
func ParseTS(ts string) (time.Time, bool) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || s < 0 {
		return time.Time{}, false
	}
	var us int64
	if frac != "" {
		if len(frac) > 6 {
			frac = frac[:6]
		}
		frac += strings.Repeat("0", 6-len(frac))
		if us, err = strconv.ParseInt(frac, 10, 64); err != nil || us < 0 {
			return time.Time{}, false
		}
	}
	return time.Unix(s, us*1000).UTC(), true
}

// ImportMembers stores profiles read from an export. A profile already
// synced from Slack is fresher and is left alone; synced_at stays unset so
// that the live bot refreshes imported profiles.
func (s *Store) ImportMembers(ctx context.Context, ms []Member) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import members: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO members(id, name, real_name, display_name, tz, locale, is_bot,
			deleted)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET
			name = excluded.name, real_name = excluded.real_name, display_name = excluded.display_name,
			tz = excluded.tz, locale = CASE WHEN excluded.locale <> '' THEN excluded.locale ELSE members.locale END,
			is_bot = excluded.is_bot, deleted = excluded.deleted
		WHERE members.synced_at IS NULL AND (members.name <> excluded.name OR members.real_name <> excluded.real_name
			OR members.display_name <> excluded.display_name OR members.tz <> excluded.tz
			OR (excluded.locale <> '' AND members.locale <> excluded.locale)
			OR members.is_bot <> excluded.is_bot OR members.deleted <> excluded.deleted)`)
	if err != nil {
		return fmt.Errorf("import members: %w", err)
	}
	defer stmt.Close()
	changed := false
	for _, m := range ms {
		res, err := stmt.ExecContext(ctx, m.ID, m.Name, m.RealName, m.DisplayName, m.TZ, m.Locale, m.IsBot, m.Deleted)
		if err != nil {
			return fmt.Errorf("import member %s: %w", m.ID, err)
		}
		n, _ := res.RowsAffected()
		changed = changed || n > 0
	}
	if err := s.logChanges(ctx, tx, Changes{People: changed}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import members: %w", err)
	}
	s.announce(Changes{People: changed})
	s.committed(Changes{People: changed})
	return nil
}

// ImportChannelMembers records who is in each channel, as an export's
// channel lists say, readers included; memberships already known (with
// their join and leave dates) are left alone. It returns how many were new.
func (s *Store) ImportChannelMembers(ctx context.Context, byChannel map[string][]string) (int, error) {
	if len(byChannel) == 0 {
		return 0, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("import channel members: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO channel_members(channel_id, member_id) VALUES (?, ?)
		ON CONFLICT DO NOTHING`)
	if err != nil {
		return 0, fmt.Errorf("import channel members: %w", err)
	}
	defer stmt.Close()
	n := 0
	for ch, ids := range byChannel {
		for _, id := range ids {
			if id == "" {
				continue
			}
			res, err := stmt.ExecContext(ctx, ch, id)
			if err != nil {
				return 0, fmt.Errorf("import channel members of %s: %w", ch, err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
	}
	return n, tx.Commit()
}
