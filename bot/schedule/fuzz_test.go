package schedule

import (
	"testing"
	"time"
)

// FuzzSpec feeds specs (they come from the configuration) and instants: a
// spec parses or is refused, and its instants are consistent: next is
// later, prev is earlier, and they undo each other.
func FuzzSpec(f *testing.F) {
	for _, s := range []string{"30 2 * * *", "0 9 * * MON", "*/15 * * * *", "0 0 29 2 *", "0 9 1 * MON",
		"5 4 * * SUN", "0 22 * * 1-5", "TZ=UTC 0 9 * * *", "@daily", "0 9 * *", "61 9 * * *", "0 9 * * 7"} {
		f.Add(s, int64(1711846800), uint8(0)) // 2024-03-31 01:00 UTC
		f.Add(s, int64(1729990800), uint8(1)) // 2024-10-27 01:00 UTC
	}
	zones := []string{"Europe/Paris", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"}
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		locs[i], _ = time.LoadLocation(z)
	}
	f.Fuzz(func(t *testing.T, text string, unix int64, z uint8) {
		sp, err := parseSpec(text, locs[int(z)%len(locs)])
		if err != nil {
			return
		}
		at := time.Unix(unix%(1<<34), 0) // years 1425-2514
		n := sp.next(at)
		if n.IsZero() {
			return
		}
		if !n.After(at) {
			t.Fatalf("%q: next(%s) = %s, want later", text, at, n)
		}
		if p := sp.prev(n); !p.IsZero() && (!p.Before(n) || !sp.next(p).Equal(n)) {
			t.Fatalf("%q: prev(%s) = %s, whose next is %s", text, n, p, sp.next(p))
		}
	})
}
