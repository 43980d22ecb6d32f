package report

// The six marks of a living community of practice, each computed the same
// way for the period, the previous period and each week of the trend (see
// docs/metrics.md for the formulas).

// markValues are the six marks of one window, in the order of markKeys.
type markValues [6]float64

var markKeys = [6]string{MarkConnected, MarkInterests, MarkCooperation, MarkResources, MarkLearning, MarkCulture}

// MarkKeys are the six marks' keys, in the order of Report.Marks and
// SponsorCommunity.Marks.
var MarkKeys = markKeys[:]

var markUnits = [6]string{"percent", "percent", "", "", "", "percent"}

// marks computes the Marks section.
func (s *snapshot) marks(pl plan) []Mark {
	cur := s.markValues(pl.comm, win(pl.p, pl.cut))
	prev := s.markValues(pl.comm, win(pl.prev, pl.prevCut))
	out := make([]Mark, len(markKeys))
	for i, k := range markKeys {
		out[i] = Mark{Key: k, Value: cur[i], Previous: prev[i], Unit: markUnits[i], Trend: make([]float64, len(pl.weeks))}
	}
	for j, wk := range pl.weeks {
		v := s.markValues(pl.comm, win(wk, pl.cut))
		for i := range out {
			out[i].Trend[j] = v[i]
		}
	}
	return out
}

// markValues computes the six marks over w.
func (s *snapshot) markValues(c *commData, w window) markValues {
	var v markValues
	ms := msgsIn(c.msgs, w)
	v[0] = connected(ms)
	v[1] = sharedInterests(ms)
	for _, m := range ms {
		if m.reply && !m.deleted && m.parent >= 0 && m.parent != m.user {
			v[2]++ // cooperation: replies to others' threads
		}
	}
	v[3] = float64(len(actsIn(c.res, w)))
	for _, q := range c.qs {
		if at := msOrNever(q.ResolvedAt); at >= w.a && at < w.b {
			v[4]++
		}
	}
	v[5] = s.retention(c, w.b)
	return v
}

// connected is the density of the reply network of ms, in percent: its
// nodes are the members who posted and the authors of the threads they
// replied to; an edge joins two members when one replied in a thread the
// other started. 0 with fewer than two nodes.
func connected(ms []msg) float64 {
	nodes := set{}
	edges := map[[2]int32]bool{}
	for _, m := range ms {
		nodes.add(m.user)
		if m.reply && m.parent >= 0 && m.parent != m.user {
			nodes.add(m.parent)
			a, b := min(m.user, m.parent), max(m.user, m.parent)
			edges[[2]int32{a, b}] = true
		}
	}
	n := float64(len(nodes))
	if n < 2 {
		return 0
	}
	return 100 * float64(len(edges)) / (n * (n - 1) / 2)
}

// sharedInterests is the topic overlap between the members who posted in
// ms, in percent: for each member, the share of the distinct terms of
// their messages (stems, stop words dropped) that at least one other
// member used too; averaged over the members with terms.
func sharedInterests(ms []msg) float64 {
	byUser := map[int32]map[int32]bool{}
	for _, m := range ms {
		if len(m.terms) == 0 {
			continue
		}
		ts := byUser[m.user]
		if ts == nil {
			ts = map[int32]bool{}
			byUser[m.user] = ts
		}
		for _, t := range m.terms {
			ts[t] = true
		}
	}
	if len(byUser) == 0 {
		return 0
	}
	users := map[int32]int{} // term → members who used it
	for _, ts := range byUser {
		for t := range ts {
			users[t]++
		}
	}
	sum := 0.0
	for _, ts := range byUser {
		shared := 0
		for t := range ts {
			if users[t] > 1 {
				shared++
			}
		}
		sum += float64(shared) / float64(len(ts))
	}
	return 100 * sum / float64(len(byUser))
}

// retention is month-over-month retention at t, in percent: of the
// members active in the 4 weeks before the last 4 weeks before t, the
// share also active in the last 4 weeks. 0 when nobody was active then.
func (s *snapshot) retention(c *commData, t int64) float64 {
	before := s.activeIn(c, window{t - 2*recentDays*day, t - recentDays*day})
	if len(before) == 0 {
		return 0
	}
	now := s.activeIn(c, window{t - recentDays*day, t})
	kept := 0
	for u := range before {
		if now.has(u) {
			kept++
		}
	}
	return 100 * float64(kept) / float64(len(before))
}

// trends computes the weekly series.
func (s *snapshot) trends(pl plan) Trends {
	n := len(pl.weeks)
	t := Trends{Weeks: make([]string, n), Active: make([]int, n), Asked: make([]int, n), Answered: make([]int, n),
		MedianResponseHours: make([]float64, n)}
	for i, wk := range pl.weeks {
		w := win(wk, pl.cut)
		t.Weeks[i] = wk.Label
		t.Active[i] = len(s.activeIn(pl.comm, w))
		q := s.questions(pl, w, Options{})
		t.Asked[i], t.Answered[i] = q.Asked, q.Answered
		t.MedianResponseHours[i] = -1
		if q.HasTimes {
			t.MedianResponseHours[i] = q.MedianFirstAnswerHours
		}
	}
	return t
}
