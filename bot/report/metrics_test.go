package report

import (
	"math"
	"testing"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name           string
		x1, n1, x2, n2 int
		lift, p        float64
		significant    bool
	}{
		// 60% vs 40% of 100 each: pooled 0.5, se = sqrt(0.25 × 0.02), z = 2√2, p = erfc(2).
		{"clear effect", 60, 100, 40, 100, 20, math.Erfc(2), true},
		// The same rates on a holdout of 5: too small to tell.
		{"small holdout", 60, 100, 2, 5, 20, -1, false},
		// Large groups, small difference: p ≈ 0.57.
		{"chance", 52, 100, 48, 100, 4, math.Erfc(0.04 / math.Sqrt(0.25*0.02) / math.Sqrt2), false},
		// Nobody contributed in either group: nothing to test.
		{"no contribution", 0, 50, 0, 50, 0, 1, false},
		// Rare contributions: 2 of 40 vs 0 of 40, fewer than 5 expected.
		{"rare", 2, 40, 0, 40, 5, -1, false},
		{"no holdout", 10, 20, 0, 0, 0, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lift, p, sig := compare(tt.x1, tt.n1, tt.x2, tt.n2)
			if !near(lift, tt.lift) || sig != tt.significant || (tt.p >= 0 && math.Abs(p-tt.p) > 1e-12) {
				t.Errorf("got lift %v p %v significant %v, want %v %v %v", lift, p, sig, tt.lift, tt.p, tt.significant)
			}
		})
	}
}

func TestSharedInterests(t *testing.T) {
	// U1 used terms 1 2 3 4, U2 used 2 3, U3 used 4 5 (twice 5), U4 none.
	// Shared: U1 3 of 4 (2 and 3 with U2, 4 with U3); U2 2 of 2; U3 1 of 2.
	ms := []msg{
		{user: 1, terms: []int32{1, 2}}, {user: 1, terms: []int32{3, 4}},
		{user: 2, terms: []int32{2, 3}},
		{user: 3, terms: []int32{4, 5}}, {user: 3, terms: []int32{5}},
		{user: 4},
	}
	want := 100 * (0.75 + 1 + 0.5) / 3
	if got := sharedInterests(ms); !near(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := sharedInterests(nil); got != 0 {
		t.Errorf("no messages: got %v, want 0", got)
	}
}

func TestConnected(t *testing.T) {
	// Posters 1 2 3 4; 2 and 3 replied to 1's thread, 1 to 2's (the same
	// pair as 2 to 1), 4 to their own: edges 1-2, 1-3 of 6 pairs.
	ms := []msg{
		{user: 1, parent: -1},
		{user: 2, reply: true, parent: 1}, {user: 3, reply: true, parent: 1},
		{user: 1, reply: true, parent: 2}, {user: 4, reply: true, parent: 4},
	}
	if got := connected(ms); !near(got, 100*2.0/6) {
		t.Errorf("got %v, want %v", got, 100*2.0/6)
	}
	if got := connected(ms[:1]); got != 0 {
		t.Errorf("one member: got %v, want 0", got)
	}
}

func TestAbsenceFactor(t *testing.T) {
	c := &commData{}
	add := func(u int32, n int) {
		for range n {
			c.msgs = append(c.msgs, msg{at: int64(len(c.msgs)), user: u})
		}
	}
	all := window{0, 1 << 40}
	if got := absenceFactor(c, all); got != 0 {
		t.Errorf("no messages: got %d, want 0", got)
	}
	add(1, 5)
	add(2, 3)
	add(3, 2) // 10 messages: 1 alone makes half
	if got := absenceFactor(c, all); got != 1 {
		t.Errorf("got %d, want 1", got)
	}
	add(4, 1) // 11: 1 and 2 (8) are needed
	if got := absenceFactor(c, all); got != 2 {
		t.Errorf("got %d, want 2", got)
	}
}

func TestMedianPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3, 10, 7, 6, 9, 8}
	if got := median(xs); got != 5.5 {
		t.Errorf("median: got %v, want 5.5", got)
	}
	if got := percentile(xs, 90); got != 9 {
		t.Errorf("p90 of 1..10: got %v, want 9 (nearest rank)", got)
	}
	if got := percentile([]float64{4}, 90); got != 4 {
		t.Errorf("p90 of one: got %v, want 4", got)
	}
	if got := median([]float64{3, 1, 2}); got != 2 {
		t.Errorf("median of three: got %v, want 2", got)
	}
}
