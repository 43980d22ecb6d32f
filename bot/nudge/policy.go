// Package nudge decides when Praxis may nudge a member: welcome a newcomer,
// invite a reader to one easy step, re-engage a regular gone quiet, thank a
// helper. This file is the policy every nudge obeys, whatever its kind:
//
//   - a fixed holdout (a share of members chosen by a hash of their id, so
//     the same people whatever the process or the day) is never nudged, so
//     that the effect of nudges can be measured against them;
//   - a weekly budget per member (a week is Monday to Sunday in the member's
//     time zone) for every nudge but welcomes: a community welcomes each of
//     its newcomers once, whatever other communities sent them that week;
//   - quiet hours and, optionally, weekends in the member's time zone: a
//     nudge that falls there waits for the next allowed minute;
//   - back-off after ignored nudges: after n nudges in a row the member did
//     not act on, the next waits 2^n weeks after the last one (capped); a
//     thank-you asks nothing, so it is never an ignored nudge; a welcome
//     does not wait for it;
//   - the member's own "nudges off", always final;
//   - a few members per question: an open question is put to PerQuestion
//     members at most, ever, the best placed first (held-out ones count:
//     they stand for members who would have been asked), and to nobody
//     once it has an answer, so that a question never swarms.
//
// The package is the model: who could be nudged, what the policy decides
// and what a nudge says, read from the store. Its Slack edge,
// bot/nudge/slackedge, records and sends the decisions through the outbox
// and takes the member's "nudges off".
package nudge

import (
	"hash/fnv"
	"strconv"
	"time"
)

// Policy is a community's nudge settings (bot.Nudges) as the nudger applies them:
// with the back-off's cap and the holdout's salt.
type Policy struct {
	Enabled        bool
	WeeklyBudget   int           // nudges per member per week
	QuietFrom      time.Duration // quiet hours, from midnight; from > to wraps midnight
	QuietTo        time.Duration
	Quiet          bool // whether there are quiet hours
	SkipWeekends   bool
	HoldoutPercent int    // 0..100
	Salt           string // changes who is in the holdout (keep it fixed to compare over time)
	MaxBackoff     time.Duration
	PerQuestion    int // members asked about one question, ever (1 at least)
}

// Member is what the policy needs to know about one member.
type Member struct {
	ID           string
	Loc          *time.Location // nil: UTC
	OptedOut     bool           // "nudges off"
	SentThisWeek int            // nudges but welcomes sent in the member's current week
	Ignored      int            // nudges in a row the member did not act on
	LastSent     time.Time      // zero: never nudged
}

// Why a nudge is not sent now.
const (
	Allowed   = ""
	Disabled  = "disabled"   // nudges are off for the community
	OptedOut  = "opted_out"  // the member turned nudges off
	Holdout   = "holdout"    // in the measured holdout: never nudged
	Budget    = "budget"     // the week's budget is spent
	BackedOff = "backed_off" // recent nudges were ignored
	QuietTime = "quiet"      // quiet hours or a weekend where the member lives
	// AskedEnough: the question was put to PerQuestion members already.
	AskedEnough = "asked_enough"
)

// AskedEnough reports whether a question put to n members (sent or held
// out) may be put to no one else.
func (p Policy) AskedEnough(n int) bool { return n >= max(p.PerQuestion, 1) }

// InHoldout reports whether a member belongs to the holdout: a stable
// choice by a hash of the id.
func (p Policy) InHoldout(member string) bool {
	if p.HoldoutPercent <= 0 {
		return false
	}
	h := fnv.New32a()
	h.Write([]byte(p.Salt))
	h.Write([]byte{0})
	h.Write([]byte(member))
	return int(h.Sum32()%100) < p.HoldoutPercent
}

// Decide says whether a nudge of a kind may go to m at now. When the only
// obstacle is time (quiet hours, a weekend, a back-off or the budget), next
// is the earliest instant it could go; otherwise next is zero. A welcome
// is held by neither the budget nor the back-off: it comes once per
// community, within days of the join, or never.
func (p Policy) Decide(kind string, m Member, now time.Time) (why string, next time.Time) {
	switch {
	case !p.Enabled:
		return Disabled, time.Time{}
	case m.OptedOut:
		return OptedOut, time.Time{}
	case p.InHoldout(m.ID):
		return Holdout, time.Time{}
	}
	loc := m.Loc
	if loc == nil {
		loc = time.UTC
	}
	if kind == Welcome {
		return p.quiet(now, loc)
	}
	if !m.LastSent.IsZero() && m.Ignored > 0 {
		wait := time.Duration(1<<min(m.Ignored, 10)) * 7 * 24 * time.Hour
		if p.MaxBackoff > 0 {
			wait = min(wait, p.MaxBackoff)
		}
		if until := m.LastSent.Add(wait); now.Before(until) {
			return BackedOff, p.nextOpen(until, loc)
		}
	}
	if p.WeeklyBudget <= 0 {
		return Budget, time.Time{}
	}
	if m.SentThisWeek >= p.WeeklyBudget {
		return Budget, p.nextOpen(WeekStart(now, loc).AddDate(0, 0, 7), loc)
	}
	return p.quiet(now, loc)
}

// quiet says whether now is in quiet hours or a weekend where the member
// lives, and if so when they end.
func (p Policy) quiet(now time.Time, loc *time.Location) (why string, next time.Time) {
	if !p.open(now.In(loc)) {
		return QuietTime, p.nextOpen(now, loc)
	}
	return Allowed, time.Time{}
}

// open reports whether a local time is outside quiet hours and weekends.
func (p Policy) open(t time.Time) bool {
	if p.SkipWeekends && (t.Weekday() == time.Saturday || t.Weekday() == time.Sunday) {
		return false
	}
	if !p.Quiet {
		return true
	}
	tod := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	if p.QuietFrom <= p.QuietTo {
		return tod < p.QuietFrom || tod >= p.QuietTo
	}
	return tod < p.QuietFrom && tod >= p.QuietTo // wraps midnight
}

// nextOpen is the first allowed minute at or after t, in the member's zone
// (a week at most ahead: past that, the settings allow no time at all).
func (p Policy) nextOpen(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	if p.open(t) {
		return t
	}
	c := t.Truncate(time.Minute).Add(time.Minute)
	for end := t.Add(8 * 24 * time.Hour); c.Before(end); c = c.Add(time.Minute) {
		if p.open(c) {
			return c
		}
	}
	return time.Time{}
}

// WeekStart is the start of the week (Monday 00:00) containing t, where
// the member lives.
func WeekStart(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	days := (int(l.Weekday()) + 6) % 7
	y, mo, d := l.Date()
	return time.Date(y, mo, d-days, 0, 0, 0, 0, loc)
}

// WeekKey names the member's week, for idempotency keys ("2026-W48").
func WeekKey(t time.Time, loc *time.Location) string {
	y, w := WeekStart(t, loc).ISOWeek()
	return strconv.Itoa(y) + "-W" + pad2(w)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
