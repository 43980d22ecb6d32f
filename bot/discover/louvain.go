package discover

// graph is an undirected weighted graph; a self-loop's weight is kept once
// in self and counts twice in a node's degree, as modularity counts it.
type graph struct {
	adj  []map[int]float64 // i → j → weight, both directions, i ≠ j
	self []float64
}

func newGraph(n int) *graph {
	g := &graph{adj: make([]map[int]float64, n), self: make([]float64, n)}
	for i := range g.adj {
		g.adj[i] = map[int]float64{}
	}
	return g
}

func (g *graph) add(i, j int, w float64) {
	if i == j {
		g.self[i] += w
		return
	}
	g.adj[i][j] += w
	g.adj[j][i] += w
}

func (g *graph) degree(i int) float64 {
	d := 2 * g.self[i]
	for _, w := range g.adj[i] {
		d += w
	}
	return d
}

// louvain partitions g's nodes by modularity (Blondel et al., 2008): each
// node moves to the neighbouring group that raises modularity most, until
// none does; the groups then become the nodes of a smaller graph, and
// again, until nothing moves. Nodes are visited in order and ties go to
// the lower group, so the same graph gives the same partition. It returns
// each node's group (0, 1, … in order of first node) and the partition's
// modularity.
func louvain(g *graph) ([]int, float64) {
	n := len(g.adj)
	part := make([]int, n) // original node → current group
	for i := range part {
		part[i] = i
	}
	cur := g
	for {
		groups, moved := localMoves(cur)
		if !moved {
			break
		}
		for i := range part {
			part[i] = groups[part[i]]
		}
		cur = aggregate(cur, groups)
	}
	part = renumber(part)
	return part, modularity(g, part)
}

// localMoves is Louvain's first phase on g; groups are renumbered 0…k-1.
func localMoves(g *graph) ([]int, bool) {
	n := len(g.adj)
	group := make([]int, n)
	deg := make([]float64, n)
	tot := make([]float64, n) // group → sum of its nodes' degrees
	m2 := 0.0
	for i := range n {
		group[i], deg[i] = i, g.degree(i)
		tot[i] = deg[i]
		m2 += deg[i]
	}
	if m2 == 0 {
		return group, false
	}
	moved := false
	for pass := 0; pass < 100; pass++ {
		changed := false
		for i := range n {
			links := map[int]float64{} // group → weight from i
			for j, w := range g.adj[i] {
				links[group[j]] += w
			}
			old := group[i]
			tot[old] -= deg[i]
			best, gain := old, links[old]-tot[old]*deg[i]/m2
			for c, w := range links {
				if gc := w - tot[c]*deg[i]/m2; gc > gain+1e-12 || gc > gain-1e-12 && c < best && gc >= gain {
					best, gain = c, gc
				}
			}
			if gain <= 0 && links[old]-tot[old]*deg[i]/m2 < 0 {
				best = old // alone is never worse than a loss: stay
			}
			group[i] = best
			tot[best] += deg[i]
			if best != old {
				changed, moved = true, true
			}
		}
		if !changed {
			break
		}
	}
	return renumber(group), moved
}

// aggregate makes a graph of g's groups.
func aggregate(g *graph, groups []int) *graph {
	k := 0
	for _, c := range groups {
		k = max(k, c+1)
	}
	out := newGraph(k)
	for i := range g.adj {
		out.self[groups[i]] += g.self[i]
		for j, w := range g.adj[i] {
			if i < j {
				out.add(groups[i], groups[j], w)
			}
		}
	}
	return out
}

// renumber numbers groups 0, 1, … in order of their first node.
func renumber(groups []int) []int {
	ids := map[int]int{}
	out := make([]int, len(groups))
	for i, c := range groups {
		id, ok := ids[c]
		if !ok {
			id = len(ids)
			ids[c] = id
		}
		out[i] = id
	}
	return out
}

// modularity is Newman's Q of a partition of g.
func modularity(g *graph, part []int) float64 {
	in, tot := map[int]float64{}, map[int]float64{}
	m2 := 0.0
	for i := range g.adj {
		d := g.degree(i)
		m2 += d
		tot[part[i]] += d
		in[part[i]] += 2 * g.self[i]
		for j, w := range g.adj[i] {
			if part[j] == part[i] {
				in[part[i]] += w
			}
		}
	}
	if m2 == 0 {
		return 0
	}
	q := 0.0
	for c, t := range tot {
		q += in[c]/m2 - (t/m2)*(t/m2)
	}
	return q
}
