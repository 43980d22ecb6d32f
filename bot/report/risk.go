package report

import (
	"cmp"
	"slices"
)

// Slipping thresholds: a regular (at least slipMinBaseline activities a
// week over the baseline weeks) whose recent weekly activity fell to a
// third of it or less.
const (
	slipMinBaseline = 2.0
	slipRatio       = 1.0 / 3
)

// risk computes the Risk section, its lists whole: slipping members as of
// the report's cut, the absence factor and the bridges of w.
func (s *snapshot) risk(pl plan, w window) Risk {
	return Risk{
		Slipping:      s.slipping(pl),
		AbsenceFactor: absenceFactor(pl.comm, w),
		Bridges:       s.bridges(pl, w),
	}
}

// slipping compares each member's activity (messages, deleted ones
// included, and reactions) in the recentDays before the cut with their
// weekly baseline over the levelDays-recentDays before that. Members who
// left or were deactivated are not listed.
func (s *snapshot) slipping(pl plan) []Slipping {
	c, t := pl.comm, pl.cut
	recentFrom, baseFrom := t-recentDays*day, t-levelDays*day
	type tally struct{ base, recent int }
	tallies := map[int32]*tally{}
	count := func(u int32, at int64) {
		tl := tallies[u]
		if tl == nil {
			tl = &tally{}
			tallies[u] = tl
		}
		if at >= recentFrom {
			tl.recent++
		} else {
			tl.base++
		}
	}
	all := window{baseFrom, t}
	for _, m := range msgsIn(c.msgs, all) {
		count(m.user, m.at)
	}
	for _, r := range reactsIn(c.reacts, all) {
		count(r.user, r.at)
	}
	pop := s.population(c, t)
	baseWeeks, recentWeeks := float64(levelDays-recentDays)/7, float64(recentDays)/7
	var out []Slipping
	for u, tl := range tallies {
		base, recent := float64(tl.base)/baseWeeks, float64(tl.recent)/recentWeeks
		if base >= slipMinBaseline && recent <= base*slipRatio && pop.has(u) {
			out = append(out, Slipping{Person: s.person(u), Baseline: base, Recent: recent})
		}
	}
	slices.SortFunc(out, func(a, b Slipping) int {
		return cmp.Or(cmp.Compare(b.Baseline-b.Recent, a.Baseline-a.Recent), cmp.Compare(a.Person.ID, b.Person.ID))
	})
	return out
}

// absenceFactor is the fewest members whose messages (top-level and
// replies) in w make up at least half of them; 0 without messages.
func absenceFactor(c *commData, w window) int {
	by := map[int32]int{}
	total := 0
	for _, m := range msgsIn(c.msgs, w) {
		by[m.user]++
		total++
	}
	if total == 0 {
		return 0
	}
	counts := make([]int, 0, len(by))
	for _, n := range by {
		counts = append(counts, n)
	}
	slices.Sort(counts)
	sum, k := 0, 0
	for i := len(counts) - 1; i >= 0 && 2*sum < total; i-- {
		sum += counts[i]
		k++
	}
	return k
}

// bridges lists the members active in the community in w who were active
// in at least one other community in w too, the most connected first.
func (s *snapshot) bridges(pl plan, w window) []Bridge {
	self := int32(-1)
	if ci, ok := s.byName[pl.comm.name]; ok {
		self = int32(ci)
	}
	var out []Bridge
	for u := range s.activeIn(pl.comm, w) {
		acts := s.acts[u]
		i, _ := slices.BinarySearchFunc(acts, w.a, func(a uact, t int64) int { return cmp64(a.at, t) })
		others := map[int32]bool{}
		for ; i < len(acts) && acts[i].at < w.b; i++ {
			if acts[i].comm != self {
				others[acts[i].comm] = true
			}
		}
		if len(others) == 0 {
			continue
		}
		b := Bridge{Person: s.person(u)}
		for ci := range others {
			b.Communities = append(b.Communities, s.comms[ci].name)
		}
		slices.Sort(b.Communities)
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b Bridge) int {
		return cmp.Or(
			cmp.Compare(len(b.Communities), len(a.Communities)), // most communities first
			cmp.Compare(a.Person.Name, b.Person.Name),
			cmp.Compare(a.Person.ID, b.Person.ID),
		)
	})
	return out
}
