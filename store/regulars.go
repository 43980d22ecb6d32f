package store

import (
	"context"
	"fmt"
	"time"
)

// regularWindow is how far back Regulars looks: someone silent for longer
// has left more than gone quiet.
const regularWindow = 180 * 24 * time.Hour

// maxActiveDays is how many of a regular's latest active days Regulars
// returns: enough for their usual rhythm, not their whole history.
const maxActiveDays = 10

// Regulars returns the regulars of channels at now: members with at least
// 3 active days (days they posted, as dates fall in loc) in the last
// regularWindow, with their latest maxActiveDays of them, and who were not
// re-engaged since their last post. Whether one has gone quiet is the
// nudges' to judge: they count days in the community's working days.
func (s *Store) Regulars(ctx context.Context, community string, channels []string, loc *time.Location,
	now time.Time) ([]NudgeCandidate, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	reengaged, err := s.reengaged(ctx, community, now)
	if err != nil {
		return nil, err
	}
	_, off := now.In(loc).Zone() // days as they fall in loc (its offset at now, a DST shift aside)
	rows, err := s.r.QueryContext(ctx, string(`SELECT m.user_id, (m.posted_at + ?) / 86400000 AS day, max(m.posted_at)
		FROM messages m WHERE m.channel_id IN (`+inList(len(channels))+`) AND m.user_id <> '' AND m.is_bot = 0
		AND m.posted_at <= ? AND m.posted_at > ?
		AND m.subtype NOT IN ('channel_join', 'channel_leave')
		AND NOT EXISTS (SELECT 1 FROM members mb WHERE mb.id = m.user_id AND (mb.is_bot = 1 OR mb.deleted = 1))
		GROUP BY m.user_id, day ORDER BY m.user_id, day DESC`),
		append([]any{int64(off) * 1000}, strArgs(channels, ms(now), ms(now.Add(-regularWindow)))...)...)
	if err != nil {
		return nil, fmt.Errorf("regulars: %w", err)
	}
	defer rows.Close()
	var out []NudgeCandidate
	var c NudgeCandidate
	flush := func() {
		if len(c.Active) >= 3 && reengaged[c.Member].Before(c.At) {
			out = append(out, c)
		}
	}
	for rows.Next() {
		var u string
		var day, at int64
		if err := rows.Scan(&u, &day, &at); err != nil {
			return nil, fmt.Errorf("regulars: %w", err)
		}
		if u != c.Member {
			flush()
			c = NudgeCandidate{Member: u, At: fromMS(at)}
		}
		if len(c.Active) < maxActiveDays {
			c.Active = append(c.Active, fromMS(at))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("regulars: %w", err)
	}
	flush()
	return out, nil
}

// reengaged returns when each member was last re-engaged in a community,
// by now.
func (s *Store) reengaged(ctx context.Context, community string, now time.Time) (map[string]time.Time, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT member_id, max(at) FROM nudges
		WHERE community = ? AND kind = 'reengage' AND at <= ? GROUP BY member_id`, community, ms(now))
	if err != nil {
		return nil, fmt.Errorf("regulars: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var u string
		var at int64
		if err := rows.Scan(&u, &at); err != nil {
			return nil, fmt.Errorf("regulars: %w", err)
		}
		out[u] = fromMS(at)
	}
	return out, rows.Err()
}
