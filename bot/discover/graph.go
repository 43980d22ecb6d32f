package discover

import (
	"math"
	"sort"
)

// minMessages is what a channel needs to be said to have a community:
// fewer messages say nothing of who it gathers.
const minMessages = 10

// channelGraph weighs the ties between channels: each active member
// spreads their activity over the channels they post in (log-scaled, so a
// member's thousandth message counts less than their first), a tie
// between two of them adding the product of the member's activity in both
// over their whole activity; a member active in one channel only adds
// their activity to its loop, what keeps a channel of its own people
// apart. Each pair of people who answer each other (either way) does the
// same over the channels where they do. Two channels are tied when the
// same people are active in both, and when the same people answer each
// other in both.
func channelGraph(hs []*History) *graph {
	g := newGraph(len(hs))
	people := map[string]map[int]float64{} // member → channel → activity
	pairs := map[Pair]map[int]float64{}
	for c, h := range hs {
		for p, n := range h.Posts {
			vec(people, p)[c] += math.Log2(1 + float64(n))
		}
		for pr, n := range h.Pairs {
			if pr.Answerer < pr.Asker {
				pr = Pair{pr.Answerer, pr.Asker}
			}
			vec(pairs, pr)[c] += float64(n)
		}
	}
	spread := func(v map[int]float64) {
		at := make([]int, 0, len(v))
		s := 0.0
		for c, x := range v {
			at = append(at, c)
			s += x
		}
		if len(at) == 1 {
			g.add(at[0], at[0], s)
			return
		}
		sort.Ints(at)
		for a, i := range at {
			for _, j := range at[a+1:] {
				g.add(i, j, v[i]*v[j]/s)
			}
		}
	}
	for _, p := range sortedKeys(people) {
		spread(people[p])
	}
	for _, pr := range sortedPairs(pairs) {
		v := pairs[pr]
		for c, n := range v {
			v[c] = math.Log2(1 + n)
		}
		spread(v)
	}
	return g
}

func vec[K comparable](m map[K]map[int]float64, k K) map[int]float64 {
	v := m[k]
	if v == nil {
		v = map[int]float64{}
		m[k] = v
	}
	return v
}

// sortedKeys orders a map's keys, so sums are made in the same order
// every run.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedPairs(m map[Pair]map[int]float64) []Pair {
	out := make([]Pair, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Asker < out[j].Asker || out[i].Asker == out[j].Asker && out[i].Answerer < out[j].Answerer
	})
	return out
}
