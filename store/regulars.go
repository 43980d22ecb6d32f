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
// 3 active days (days they posted, as dates fall in the member's time zone,
// members.tz, else in loc) in the last regularWindow, with their latest
// maxActiveDays of them, and who were not re-engaged since their last post.
// Whether one has gone quiet is the nudges' to judge: they count days in
// the community's working days, read in the candidate's Loc.
func (s *Store) Regulars(ctx context.Context, community string, channels []string, loc *time.Location,
	now time.Time) ([]NudgeCandidate, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	reengaged, err := s.reengaged(ctx, community, now)
	if err != nil {
		return nil, err
	}
	// A day is a date of the member's calendar, whose offset changes with
	// daylight saving time: SQL reads quarter hours (every zone's offset is
	// a whole number of them, so each falls within one local date), and the
	// dates are told apart here, each with the instant of its last post.
	rows, err := s.r.QueryContext(ctx, string(`SELECT m.user_id, coalesce(max(mb.tz), ''),
		m.posted_at / 900000 AS quarter, max(m.posted_at)
		FROM messages m LEFT JOIN members mb ON mb.id = m.user_id
		WHERE m.channel_id IN (`+inList(len(channels))+`) AND m.user_id <> '' AND m.is_bot = 0
		AND m.posted_at <= ? AND m.posted_at > ?
		AND m.subtype NOT IN ('channel_join', 'channel_leave')
		AND coalesce(mb.is_bot, 0) = 0 AND coalesce(mb.deleted, 0) = 0
		GROUP BY m.user_id, quarter ORDER BY m.user_id, quarter DESC`),
		strArgs(channels, ms(now), ms(now.Add(-regularWindow)))...)
	if err != nil {
		return nil, fmt.Errorf("regulars: %w", err)
	}
	defer rows.Close()
	zones := zoneCache{fallback: loc}
	var out []NudgeCandidate
	var c NudgeCandidate
	var last time.Time // the newest post of c's oldest day so far, in c.Loc
	flush := func() {
		if len(c.Active) >= 3 && reengaged[c.Member].Before(c.At) {
			out = append(out, c)
		}
	}
	for rows.Next() {
		var u, tz string
		var quarter, at int64
		if err := rows.Scan(&u, &tz, &quarter, &at); err != nil {
			return nil, fmt.Errorf("regulars: %w", err)
		}
		t := fromMS(at)
		if u != c.Member {
			flush()
			c = NudgeCandidate{Member: u, At: t, Loc: zones.of(tz)}
		} else if sameDate(t.In(c.Loc), last) || len(c.Active) == maxActiveDays {
			continue
		}
		c.Active, last = append(c.Active, t), t.In(c.Loc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("regulars: %w", err)
	}
	flush()
	return out, nil
}

// zoneCache loads each time zone name once; an unknown or empty name is
// the fallback.
type zoneCache struct {
	fallback *time.Location
	loaded   map[string]*time.Location
}

func (z *zoneCache) of(name string) *time.Location {
	if l, ok := z.loaded[name]; ok {
		return l
	}
	l, err := time.LoadLocation(name)
	if name == "" || err != nil {
		l = z.fallback
	}
	if l == nil {
		l = time.UTC
	}
	if z.loaded == nil {
		z.loaded = map[string]*time.Location{}
	}
	z.loaded[name] = l
	return l
}

// sameDate reports whether a and b fall on the same date of their own
// zones' calendars.
func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
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
