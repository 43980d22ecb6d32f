package source

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"praxis/bot/discover"
	"praxis/bot/history"
	"praxis/internal/sample"
)

// found discovers the communities of a generated workspace written as an
// export.
func found(t testing.TB, o sample.Options) (*sample.Workspace, discover.Result) {
	t.Helper()
	ws := sample.New(o)
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := ws.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	exp, err := history.OpenExport(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	r, err := Export(context.Background(), exp, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ws, discover.Find(r.Histories, r.Names)
}

// agreement compares the communities found with the generator's, over the
// public channels found: the adjusted Rand index and the normalised mutual
// information of the two partitions.
func agreement(ws *sample.Workspace, res discover.Result) (ari, nmi float64, n int) {
	truth := map[string]int{}
	for k, c := range ws.Communities {
		for _, ch := range c.Channels {
			truth[ch] = k
		}
	}
	var a, b []int
	for g, c := range res.Communities {
		for _, ch := range c.Channels {
			a, b = append(a, g), append(b, truth[ch.ID])
		}
	}
	return adjustedRand(a, b), mutualInformation(a, b), len(a)
}

// coreMatch is the core groups' precision against the generator's core
// members and helpers (those who answer, by construction) and recall of
// its core members, over the communities found.
func coreMatch(ws *sample.Workspace, res discover.Result) (precision, recall float64) {
	answerers, core := map[string]bool{}, map[string]bool{}
	for _, c := range ws.Communities {
		for _, s := range c.Specialists {
			answerers[s.User] = true
		}
		for _, f := range c.Facilitators {
			core[f] = true
		}
	}
	proposed, right, coreFound := 0, 0, map[string]bool{}
	for _, c := range res.Communities {
		for _, p := range c.Core {
			proposed++
			if answerers[p.ID] {
				right++
			}
			if core[p.ID] {
				coreFound[p.ID] = true
			}
		}
	}
	return float64(right) / float64(max(proposed, 1)), float64(len(coreFound)) / float64(max(len(core), 1))
}

// pairs is n choose 2.
func pairs(n int) float64 { return float64(n) * float64(n-1) / 2 }

// adjustedRand is Hubert and Arabie's adjusted Rand index of two
// partitions of the same items: 1 when they agree, about 0 by chance.
func adjustedRand(a, b []int) float64 {
	joint, ra, rb := map[[2]int]int{}, map[int]int{}, map[int]int{}
	for i := range a {
		joint[[2]int{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	var index, sa, sb float64
	for _, n := range joint {
		index += pairs(n)
	}
	for _, n := range ra {
		sa += pairs(n)
	}
	for _, n := range rb {
		sb += pairs(n)
	}
	expected := sa * sb / pairs(len(a))
	if top := (sa+sb)/2 - expected; top != 0 {
		return (index - expected) / top
	}
	return 1
}

// mutualInformation is the mutual information of two partitions
// normalised by the mean of their entropies.
func mutualInformation(a, b []int) float64 {
	n := float64(len(a))
	joint, ra, rb := map[[2]int]float64{}, map[int]float64{}, map[int]float64{}
	for i := range a {
		joint[[2]int{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	mi, ha, hb := 0.0, 0.0, 0.0
	for k, c := range joint {
		mi += c / n * math.Log(c*n/(ra[k[0]]*rb[k[1]]))
	}
	for _, c := range ra {
		ha -= c / n * math.Log(c/n)
	}
	for _, c := range rb {
		hb -= c / n * math.Log(c/n)
	}
	if ha+hb == 0 {
		return 1
	}
	return 2 * mi / (ha + hb)
}

// TestFindsTheGeneratedCommunities: on generated workspaces, whose
// communities and core members are known by construction, the
// communities found match them (adjusted Rand index and NMI ≥ 0.8) and
// their core groups hold the generator's core members, and few others than
// those who answer by construction (precision and recall ≥ 0.8).
func TestFindsTheGeneratedCommunities(t *testing.T) {
	for _, o := range []sample.Options{
		{Seed: 1, Members: 400, Channels: 24, Communities: 10, Messages: 30000},
		{Seed: 2, Members: 600, Channels: 30, Communities: 12, Messages: 40000},
		{Seed: 3},
		{Seed: 4, Members: 2000, Channels: 60, Communities: 24, Messages: 60000},
	} {
		ws, res := found(t, o)
		ari, nmi, n := agreement(ws, res)
		p, r := coreMatch(ws, res)
		// The baseline a facilitator has today: each channel a community.
		var alone discover.Result
		for _, c := range res.Communities {
			for _, ch := range c.Channels {
				alone.Communities = append(alone.Communities, discover.Community{Channels: []discover.Channel{ch}})
			}
		}
		ari0, nmi0, _ := agreement(ws, alone)
		t.Logf("seed %d: %d channels in %d communities found (%d generated), modularity %.3f; ARI %.3f, NMI %.3f "+
			"(each channel alone: %.3f, %.3f); core precision %.2f, recall %.2f", o.Seed, n, len(res.Communities),
			len(ws.Communities), res.Modularity, ari, nmi, ari0, nmi0, p, r)
		if ari < 0.8 || nmi < 0.8 {
			t.Errorf("seed %d: ARI %.3f, NMI %.3f, want ≥ 0.8", o.Seed, ari, nmi)
		}
		if p < 0.8 || r < 0.8 {
			t.Errorf("seed %d: core precision %.2f, recall %.2f, want ≥ 0.8", o.Seed, p, r)
		}
	}
}
