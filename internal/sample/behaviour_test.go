package sample

import (
	"testing"
	"time"
)

// generated walks every origin day of every channel of w, as the export
// does, and calls fn with each origin day's messages.
func generated(w *Workspace, fn func(g *gen)) {
	g := w.newGen()
	for c := range w.chans {
		for d := range w.Options.Days {
			g.origin(c, d)
			fn(g)
		}
	}
}

// TestRoles checks that members behave as their role says.
func TestRoles(t *testing.T) {
	w := New(Options{Seed: 11, Members: 200, Messages: 8000, Days: 120})
	posts := make([]int, len(w.people))
	reacts := make([]int, len(w.people))
	generated(w, func(g *gen) {
		for i := range g.msgs {
			m := &g.msgs[i]
			p := &w.people[m.user]
			day := w.dayOf(m.sec)
			switch {
			case m.sub == subJoin:
				if p.role != roleNewcomer || g.d != p.joinDay {
					t.Errorf("%s (%s) joins on day %d", w.Users[m.user].ID, w.Users[m.user].Role, g.d)
				}
				continue
			case p.role == roleNewcomer && g.d < p.joinDay:
				t.Errorf("newcomer %s posts on day %d, before joining on day %d", w.Users[m.user].ID, g.d, p.joinDay)
			case p.deleted && g.d >= p.to:
				t.Errorf("deleted member %s posts on day %d, after leaving on day %d", w.Users[m.user].ID, day, p.to)
			case (m.sub == subBot) != (p.role == roleBot):
				t.Errorf("bot message %v by a %s", m.sub == subBot, w.Users[m.user].Role)
			}
			posts[m.user]++
			for _, r := range m.reacts {
				for _, u := range r.users {
					reacts[u]++
				}
			}
		}
	})
	byRole := map[string][2]int{} // role → members who posted, members
	defer func() { t.Logf("roles %v", byRole) }()
	for i, u := range w.Users {
		if u.Role == RoleLurker && posts[i]+reacts[i] > 0 {
			t.Errorf("lurker %s posted %d times and reacted %d times", u.ID, posts[i], reacts[i])
		}
		n := byRole[u.Role]
		n[1]++
		if posts[i] > 0 {
			n[0]++
		}
		byRole[u.Role] = n
	}
	for _, r := range []string{RoleCore, RoleHelper, RoleRegular} {
		if n := byRole[r]; n[0]*10 < n[1]*8 {
			t.Errorf("only %d of %d %s members posted", n[0], n[1], r)
		}
	}
	if byRole[RoleLurker][1] < len(w.people)/4 || byRole[RoleNewcomer][1] == 0 {
		t.Errorf("roles %v: want many lurkers and some newcomers", byRole)
	}
}

// TestExpertsAnswer checks that questions are mostly answered by the
// specialists of their topic, and that timing follows working hours.
func TestExpertsAnswer(t *testing.T) {
	w := New(Options{Seed: 12, Members: 300, Messages: 10000, Days: 120})
	answers, bySpecialist, working, human, weekend := 0, 0, 0, 0, 0
	generated(w, func(g *gen) {
		for i := range g.msgs {
			m := &g.msgs[i]
			p := &w.people[m.user]
			if m.answer {
				answers++
				for _, s := range p.spec {
					if p.home == g.ch.comm && s == int(m.topic) {
						bySpecialist++
					}
				}
			}
			if m.sub == subBot || m.parent >= 0 {
				continue
			}
			human++
			local := time.Unix(m.sec+utcOffset(p.zone, m.sec), 0).UTC()
			if h := local.Hour(); h >= 8 && h < 19 {
				working++
			}
			if wd := local.Weekday(); wd == time.Saturday || wd == time.Sunday {
				weekend++
			}
		}
	})
	t.Logf("answers %d by specialists %d; top-level %d, working hours %d, weekend %d",
		answers, bySpecialist, human, working, weekend)
	if answers < 300 || bySpecialist*100 < answers*65 {
		t.Errorf("%d of %d first answers by a specialist of the question's topic, want most", bySpecialist, answers)
	}
	if working*100 < human*70 || weekend*100 > human*12 {
		t.Errorf("of %d top-level messages, %d in working hours and %d on weekends", human, working, weekend)
	}
}

// TestOffsets compares the zones' rules with the time zone database.
func TestOffsets(t *testing.T) {
	for z, zn := range zones {
		loc, err := time.LoadLocation(zn.name)
		if err != nil {
			t.Skipf("no time zone database: %v", err)
		}
		for at := time.Date(2024, 1, 1, 0, 30, 0, 0, time.UTC); at.Year() < 2028; at = at.Add(7*time.Hour + 13*time.Minute) {
			_, want := at.In(loc).Zone()
			if got := utcOffset(z, at.Unix()); got != int64(want) {
				t.Fatalf("%s at %v: offset %d, want %d", zn.name, at, got, want)
			}
		}
	}
}
