package report

import (
	"math"
	"slices"

	"praxis/store"
)

// Significance of the nudges' effect: each group needs at least
// minGroup nudges, and at least minExpected expected contributors and
// non-contributors under the pooled rate (the normal approximation of the
// two-proportion z-test holds), and p below alpha.
const (
	minGroup    = 30
	minExpected = 5
	alpha       = 0.05
)

// nudgeEffect compares the members nudged with the holdout: Sent counts
// the nudges sent in the period; the comparison takes every nudge decided
// (sent or held out) in the trend's 12 weeks whose 7 days were over by the
// cut, each counted as contributed when its member posted or reacted in
// any community within the 7 days after it.
func (s *snapshot) nudgeEffect(pl plan) NudgeEffect {
	var out NudgeEffect
	cur := win(pl.p, pl.cut)
	from, last := pl.weeks[0].From.UnixMilli(), pl.cut-nudgeDays*day
	for _, n := range pl.comm.nudges {
		at := n.At.UnixMilli()
		if n.Status == store.NudgeSent && at >= cur.a && at < cur.b {
			out.Sent++
		}
		if at < from || at > last {
			continue
		}
		u, ok := s.userIdx[n.Member]
		contributed := ok && s.activeAfter(u, at)
		switch n.Status {
		case store.NudgeSent:
			out.Nudged++
			if contributed {
				out.NudgedContributed++
			}
		case store.NudgeHoldout:
			out.Holdout++
			if contributed {
				out.HoldoutContributed++
			}
		}
	}
	out.Lift, out.PValue, out.Significant = compare(out.NudgedContributed, out.Nudged, out.HoldoutContributed, out.Holdout)
	return out
}

// activeAfter reports whether u posted or reacted in (at, at+7 days].
func (s *snapshot) activeAfter(u int32, at int64) bool {
	acts := s.acts[u]
	i, _ := slices.BinarySearchFunc(acts, at+1, func(a uact, t int64) int { return cmp64(a.at, t) })
	return i < len(acts) && acts[i].at <= at+nudgeDays*day
}

// compare runs a two-sided two-proportion z-test of x1/n1 against x2/n2.
// lift is the difference in percentage points (0 when a group is empty),
// p the p-value (1 when it cannot be computed), and significant is false
// when the samples are too small for the test (see minGroup, minExpected)
// or p >= alpha.
func compare(x1, n1, x2, n2 int) (lift, p float64, significant bool) {
	if n1 == 0 || n2 == 0 {
		return 0, 1, false
	}
	p1, p2 := float64(x1)/float64(n1), float64(x2)/float64(n2)
	lift = 100 * (p1 - p2)
	pool := float64(x1+x2) / float64(n1+n2)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return lift, 1, false
	}
	z := (p1 - p2) / se
	p = math.Erfc(math.Abs(z) / math.Sqrt2)
	enough := n1 >= minGroup && n2 >= minGroup
	for _, n := range []int{n1, n2} {
		if float64(n)*pool < minExpected || float64(n)*(1-pool) < minExpected {
			enough = false
		}
	}
	return lift, p, enough && p < alpha
}
