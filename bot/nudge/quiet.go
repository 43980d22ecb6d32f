package nudge

// This file finds the regulars gone quiet and the open question each could
// answer.

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"praxis/bot/workhours"
)

// quiet returns the re-engagements of a community's regulars gone quiet at
// now, each about the newest open question the expert engine ranks them in
// its top 3 for: the best placed for their question first, so that when a
// question may be put to a few members only, they are the ones asked.
func (n *Nudger) quiet(ctx context.Context, c community, open []openQuestion, now time.Time) ([]Decision, error) {
	if n.opts.Experts == nil {
		return nil, nil // nobody ranked: no question anyone is known to answer
	}
	loc := c.Hours.Loc // the working days' zone, for a member without one
	if loc == nil {
		loc = time.UTC
	}
	regulars, err := n.st.Regulars(ctx, c.Name, c.channels, loc, now)
	if err != nil {
		return nil, err
	}
	type placed struct {
		d     Decision
		place int
	}
	var ps []placed
	for _, m := range regulars {
		h := c.Hours // the community's working days, on the member's calendar
		h.Loc = m.Loc
		silent, gap, quiet := goneQuiet(h, m.Active, now)
		if !quiet {
			continue
		}
		q, place, ok, err := n.answerable(ctx, open, m.Member, now)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // nothing they could answer: no reason to write
		}
		why := fmt.Sprintf("silent for %s (%s), usually every %s; ranks #%d for an open question",
			workingDays(silent), ago(now, m.At), workingDays(gap), place+1)
		ps = append(ps, placed{Decision{Kind: Reengage, Member: m.Member, Subject: q.key(), Why: why,
			Content: Content{Channel: q.ChannelID, Question: q.text, Link: n.link(q.ChannelID, q.TS)}}, place})
	}
	slices.SortStableFunc(ps, func(a, b placed) int { return cmp.Compare(a.place, b.place) })
	out := make([]Decision, len(ps))
	for i, p := range ps {
		out[i] = p.d
	}
	return out, nil
}

// goneQuiet reports whether a regular, active on the days of active
// (newest first, 3 at least), has gone quiet at now: silent for more than
// twice their usual gap, the median of the gaps between their active days.
// Both count the community's working days, so that a weekend or a holiday
// is no silence, as dates of h's zone (the member's: store.Regulars reads
// their active days there), and the gap is one working day at least.
func goneQuiet(h workhours.Hours, active []time.Time, now time.Time) (silent, gap int, quiet bool) {
	gaps := make([]int, 0, len(active)-1)
	for i := 1; i < len(active); i++ {
		gaps = append(gaps, h.WorkingDays(active[i], active[i-1]))
	}
	slices.Sort(gaps)
	gap = max(gaps[len(gaps)/2], 1)
	silent = h.WorkingDays(active[0], now)
	return silent, gap, silent > 2*gap
}

// answerable picks the newest open question for which the expert engine
// ranks member in its top 3, and the member's place in that ranking (0:
// first).
func (n *Nudger) answerable(ctx context.Context, open []openQuestion, member string,
	now time.Time) (q openQuestion, place int, ok bool, err error) {
	for _, q := range open {
		if !q.offerable(member) {
			continue
		}
		ranked, err := n.rank(ctx, q, now)
		if err != nil {
			return openQuestion{}, 0, false, err
		}
		if i := slices.Index(ranked[:min(3, len(ranked))], member); i >= 0 {
			return q, i, true, nil
		}
	}
	return openQuestion{}, 0, false, nil
}

// rank returns who could answer an open question, ranked at most
// rankingTTL ago (rankings older than that, or of questions no longer open,
// are dropped as the runs go).
func (n *Nudger) rank(ctx context.Context, q openQuestion, now time.Time) ([]string, error) {
	key := q.key()
	n.mu.Lock()
	r, ok := n.ranked[key]
	n.mu.Unlock()
	if ok && now.Sub(r.at) < rankingTTL && !now.Before(r.at) {
		return r.who, nil
	}
	who, err := n.opts.Experts(ctx, q.text, q.ChannelID, q.Asker)
	if err != nil {
		return nil, fmt.Errorf("rank %s/%s: %w", q.ChannelID, q.TS, err)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.ranked == nil {
		n.ranked = map[string]rankedAt{}
	}
	for k, v := range n.ranked {
		if now.Sub(v.at) >= rankingTTL || now.Before(v.at) {
			delete(n.ranked, k)
		}
	}
	n.ranked[key] = rankedAt{who, now}
	return who, nil
}

func workingDays(n int) string {
	if n == 1 {
		return "1 working day"
	}
	return fmt.Sprintf("%d working days", n)
}
