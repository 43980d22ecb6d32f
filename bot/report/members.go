package report

import (
	"cmp"
	"slices"

	"praxis/bot/expert"
	"praxis/bot/inchannel"
)

// set is a set of members.
type set map[int32]struct{}

func (s set) add(u int32)           { s[u] = struct{}{} }
func (s set) has(u int32) bool      { _, ok := s[u]; return ok }
func (s set) sorted() (out []int32) { return slices.Sorted(keysOf(s)) }

func keysOf(s set) func(func(int32) bool) {
	return func(yield func(int32) bool) {
		for u := range s {
			if !yield(u) {
				return
			}
		}
	}
}

// activeIn returns the members who posted (deleted messages included) or
// reacted in w.
func (s *snapshot) activeIn(c *commData, w window) set {
	out := set{}
	for _, m := range msgsIn(c.msgs, w) {
		out.add(m.user)
	}
	for _, r := range reactsIn(c.reacts, w) {
		out.add(r.user)
	}
	return out
}

// population returns the community's members at t: those in one of its
// channels then (joined before t, or at an unknown date, and not left),
// and those active in the levelDays before t who never left; deactivated
// accounts are not members.
func (s *snapshot) population(c *commData, t int64) set {
	out, left := set{}, set{}
	for _, m := range c.members {
		switch {
		case m.left != 0 && m.left <= t:
			left.add(m.user)
		case m.joined == 0 || m.joined <= t:
			out.add(m.user)
		}
	}
	for u := range s.activeIn(c, window{t - levelDays*day, t}) {
		if !left.has(u) {
			out.add(u)
		}
	}
	for u := range out {
		if s.users[u].deleted {
			delete(out, u)
		}
	}
	return out
}

// newIn counts the members whose first join to one of the community's
// channels falls in w.
func newIn(c *commData, w window) int {
	n := 0
	for _, at := range c.joins {
		if at >= w.a && at < w.b {
			n++
		}
	}
	return n
}

// members computes the Members section.
func (s *snapshot) members(pl plan, opt Options) Members {
	c := pl.comm
	cur, prev := win(pl.p, pl.cut), win(pl.prev, pl.prevCut)
	pop := s.population(c, pl.cut)
	active, before := s.activeIn(c, cur), s.activeIn(c, prev)
	earlier := s.activeIn(c, window{prev.a - returnDays*day, prev.a})
	out := Members{Total: len(pop), New: newIn(c, cur), Active: len(active), Levels: map[Level]int{}}
	for u := range active {
		if !before.has(u) && earlier.has(u) {
			out.Returning++
		}
	}
	for u := range before {
		if !active.has(u) && pop.has(u) {
			out.GoneQuiet++
		}
	}
	levels := s.levels(c, pop, pl.cut)
	prevLevels := s.levels(c, s.population(c, pl.prevCut), pl.prevCut)
	moves := map[[2]Level]int{}
	var core []int32
	for u, l := range levels {
		out.Levels[l]++
		if l == Core {
			core = append(core, u)
		}
		if was, ok := prevLevels[u]; ok && was != l {
			moves[[2]Level{was, l}]++
		}
	}
	for _, from := range Levels {
		for _, to := range Levels {
			if n := moves[[2]Level{from, to}]; n > 0 {
				out.Moves = append(out.Moves, Move{From: from, To: to, Count: n})
			}
		}
	}
	out.Core = s.people(core, opt.MaxList)
	return out
}

// levels places each member of pop at t (see docs/metrics.md): over the
// levelDays before t, weeks counts the 7-day spans in which they posted,
// helped the replies they gave in threads others started.
//
//	core:        weeks >= 6 and helped >= 6
//	contributor: weeks >= 3 or helped >= 3
//	participant: posted at least once
//	observer:    a member who did not post (reactions alone do not count)
func (s *snapshot) levels(c *commData, pop set, t int64) map[int32]Level {
	type tally struct {
		weeks  [levelDays / 7]bool
		helped int
	}
	tallies := map[int32]*tally{}
	for _, m := range msgsIn(c.msgs, window{t - levelDays*day, t}) {
		if !pop.has(m.user) {
			continue
		}
		tl := tallies[m.user]
		if tl == nil {
			tl = &tally{}
			tallies[m.user] = tl
		}
		tl.weeks[(t-1-m.at)/(7*day)] = true
		if m.reply && m.parent >= 0 && m.parent != m.user {
			tl.helped++
		}
	}
	out := make(map[int32]Level, len(pop))
	for u := range pop {
		tl := tallies[u]
		if tl == nil {
			out[u] = Observer
			continue
		}
		weeks := 0
		for _, w := range tl.weeks {
			if w {
				weeks++
			}
		}
		switch {
		case weeks >= 6 && tl.helped >= 6:
			out[u] = Core
		case weeks >= 3 || tl.helped >= 3:
			out[u] = Contributor
		default:
			out[u] = Participant
		}
	}
	return out
}

// person returns how reports show a member.
func (s *snapshot) person(u int32) Person {
	return Person{ID: s.users[u].id, Name: s.users[u].name}
}

// people returns members as Persons sorted by name, at most max.
func (s *snapshot) people(us []int32, max int) []Person {
	out := make([]Person, 0, len(us))
	for _, u := range us {
		out = append(out, s.person(u))
	}
	slices.SortFunc(out, func(a, b Person) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// newcomers lists all who joined in w and what became of their first
// message (up to the end of w): those whose message got no reply first,
// then those who did not post, then the others; by join time within each.
func (s *snapshot) newcomers(pl plan, w window, opt Options) []Newcomer {
	c := pl.comm
	type entry struct {
		Newcomer
		rank int
		at   int64
	}
	var es []entry
	for u, at := range c.joins {
		if at < w.a || at >= w.b {
			continue
		}
		e := entry{Newcomer: Newcomer{Person: s.person(u), JoinedAt: msTime(at)}, at: at, rank: 1}
		after := msgsIn(c.msgs, window{at, w.b})
		for i, m := range after {
			if m.user != u {
				continue
			}
			e.Posted, e.rank = true, 0
			e.GotReply = gotReply(m, after[i+1:], answersInChannel(c.msgs, m))
			if e.GotReply {
				e.rank = 2
			}
			if !m.deleted {
				e.Permalink = expert.Permalink(opt.TeamURL, expert.ThreadRef{ChannelID: m.ch, TS: m.ts})
			}
			break
		}
		es = append(es, e)
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.at, b.at), cmp.Compare(a.Person.ID, b.Person.ID))
	})
	out := make([]Newcomer, 0, len(es))
	for _, e := range es {
		out = append(out, e.Newcomer)
	}
	return out
}

// answersInChannel reports whether m's channel answered in the channel
// when m was posted, by bot/inchannel's rule (the one the import, the live
// router and expert finding read): the Recent messages of the channel
// before m, fewer than half of them thread replies. msgs are in time order.
func answersInChannel(msgs []msg, m msg) bool {
	i, _ := slices.BinarySearchFunc(msgs, m.at, func(x msg, t int64) int { return cmp64(x.at, t) })
	n, replies := 0, 0
	for i--; i >= 0 && n < inchannel.Recent; i-- {
		if msgs[i].ch == m.ch {
			n++
			if msgs[i].reply {
				replies++
			}
		}
	}
	return inchannel.Answers(n, replies)
}

// gotReply reports whether someone else answered m among the later
// messages: a reply to m if it is a top-level message, a later reply in the
// same thread if m is itself a reply; in a flat channel, also a top-level
// message right after m. Deleted replies do not count.
func gotReply(m msg, later []msg, flat bool) bool {
	thread := m.ts
	if m.reply {
		thread = m.thread
	}
	for _, r := range later {
		if r.ch != m.ch || r.user == m.user || r.deleted {
			continue
		}
		if r.reply && r.thread == thread {
			return true
		}
		if flat && !m.reply && !r.reply && r.at-m.at <= inchannel.Window.Milliseconds() {
			return true
		}
	}
	return false
}
