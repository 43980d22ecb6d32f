package nudge

import (
	"cmp"
	"fmt"
	"testing"
	"time"
)

var paris, _ = time.LoadLocation("Europe/Paris")

func policy() Policy {
	return Policy{Enabled: true, WeeklyBudget: 1, Quiet: true, QuietFrom: 19 * time.Hour, QuietTo: 8 * time.Hour,
		SkipWeekends: true, HoldoutPercent: 10, Salt: "test"}
}

func TestHoldoutIsStableAndSized(t *testing.T) {
	p := policy()
	in := 0
	for i := 0; i < 10000; i++ {
		id := fmt.Sprintf("U%08d", i)
		if p.InHoldout(id) {
			in++
		}
		if p.InHoldout(id) != p.InHoldout(id) {
			t.Fatal("holdout not stable")
		}
	}
	if in < 900 || in > 1100 {
		t.Fatalf("got %d of 10,000 in a 10%% holdout", in)
	}
	other := p
	other.Salt = "other"
	same := 0
	for i := 0; i < 1000; i++ {
		id := fmt.Sprintf("U%08d", i)
		if p.InHoldout(id) && other.InHoldout(id) {
			same++
		}
	}
	if same > 40 {
		t.Fatalf("got %d members in both holdouts, want another draw with another salt", same)
	}
	p.HoldoutPercent = 0
	if p.InHoldout("U1") {
		t.Fatal("0% holdout holds someone")
	}
	p.HoldoutPercent = 100
	if !p.InHoldout("U1") {
		t.Fatal("100% holdout misses someone")
	}
}

// notHeld returns a member id outside the holdout.
func notHeld(p Policy) string {
	for i := 0; ; i++ {
		if id := fmt.Sprintf("U%d", i); !p.InHoldout(id) {
			return id
		}
	}
}

func TestDecide(t *testing.T) {
	p := policy()
	id := notHeld(p)
	var held string
	for i := 0; held == ""; i++ {
		if x := fmt.Sprintf("U%d", i); p.InHoldout(x) {
			held = x
		}
	}
	wed10 := time.Date(2026, 11, 25, 10, 0, 0, 0, paris)
	fri20 := time.Date(2026, 11, 27, 20, 0, 0, 0, paris)
	monday8 := time.Date(2026, 11, 30, 8, 0, 0, 0, paris)
	lastWeek := wed10.AddDate(0, 0, -7)
	tokyo := time.FixedZone("UTC+9", 9*3600)
	off := func(p Policy) Policy { p.Enabled = false; return p }
	noBudget := func(p Policy) Policy { p.WeeklyBudget = 0; return p }
	anyTime := func(p Policy) Policy { p.Quiet, p.SkipWeekends = false, false; return p }
	for _, c := range []struct {
		name string
		p    func(Policy) Policy
		kind string // "": a reader's first step
		m    Member
		now  time.Time
		why  string
		next time.Time
	}{
		{"allowed", nil, "", Member{ID: id, Loc: paris}, wed10, Allowed, time.Time{}},
		{"community off", off, "", Member{ID: id}, wed10, Disabled, time.Time{}},
		{"member off", nil, "", Member{ID: id, OptedOut: true}, wed10, OptedOut, time.Time{}},
		{"holdout", nil, "", Member{ID: held}, wed10, Holdout, time.Time{}},
		{"quiet evening, then the weekend", nil, "", Member{ID: id, Loc: paris}, fri20, QuietTime, monday8},
		{"budget spent: next week, first open minute", nil, "", Member{ID: id, Loc: paris, SentThisWeek: 1},
			wed10, Budget, monday8},
		{"two ignored: four weeks after the last", nil, "", Member{ID: id, Loc: paris, Ignored: 2, LastSent: lastWeek},
			wed10, BackedOff, wed10.AddDate(0, 0, 21)},
		{"back-off over", nil, "", Member{ID: id, Loc: paris, Ignored: 1, LastSent: wed10.AddDate(0, 0, -15)},
			wed10, Allowed, time.Time{}},
		{"no budget at all", noBudget, "", Member{ID: id}, wed10, Budget, time.Time{}},
		{"no quiet hours, weekend allowed", anyTime, "", Member{ID: id, Loc: paris},
			time.Date(2026, 11, 29, 23, 0, 0, 0, paris), Allowed, time.Time{}},
		{"quiet hours in the member's zone, not the server's", nil, "", Member{ID: id, Loc: tokyo},
			time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), QuietTime, time.Date(2026, 11, 26, 8, 0, 0, 0, tokyo)},
		{"a welcome with the week's budget spent", nil, Welcome, Member{ID: id, Loc: paris, SentThisWeek: 1},
			wed10, Allowed, time.Time{}},
		{"a welcome after ignored nudges", nil, Welcome, Member{ID: id, Loc: paris, Ignored: 2, LastSent: lastWeek},
			wed10, Allowed, time.Time{}},
		{"a welcome waits for the morning", nil, Welcome, Member{ID: id, Loc: paris, SentThisWeek: 1}, fri20,
			QuietTime, monday8},
		{"a welcome to a member of the holdout", nil, Welcome, Member{ID: held}, wed10, Holdout, time.Time{}},
		{"a welcome to a member who said no", nil, Welcome, Member{ID: id, OptedOut: true}, wed10, OptedOut,
			time.Time{}},
	} {
		pp := p
		if c.p != nil {
			pp = c.p(p)
		}
		why, next := pp.Decide(cmp.Or(c.kind, Reader), c.m, c.now)
		if why != c.why || !next.Equal(c.next) {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, why, next, c.why, c.next)
		}
	}
}

func TestWeeksFollowTheMembersZone(t *testing.T) {
	// Sunday 23:30 in Paris is already Monday in Tokyo.
	sun := time.Date(2026, 3, 29, 23, 30, 0, 0, paris) // the night clocks went forward
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	if got := WeekStart(sun, paris); !got.Equal(time.Date(2026, 3, 23, 0, 0, 0, 0, paris)) {
		t.Fatalf("got %v", got)
	}
	if got := WeekStart(sun, tokyo); !got.Equal(time.Date(2026, 3, 30, 0, 0, 0, 0, tokyo)) {
		t.Fatalf("got %v", got)
	}
	if a, b := WeekKey(sun, paris), WeekKey(sun, tokyo); a != "2026-W13" || b != "2026-W14" {
		t.Fatalf("got %s and %s", a, b)
	}
}
