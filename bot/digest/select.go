package digest

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"praxis/bot/ritual"
)

// Shares of a digest by section, before the cap: questions they could
// answer first, then threads, then resources and newcomers.
const (
	maxQuestions = 3
	maxResources = 2
	maxNewcomers = 2
)

// For picks a member's digest among the snapshot's candidates. It reads
// only memory: it is what runs ten thousand times.
func (s *Snapshot) For(member string) Digest {
	chans := s.channels[member]
	home, ok := HomeCommunity(s.r.opts.Directory, chans)
	d := Digest{Member: member, Lang: s.lang(member, chans), From: s.from, To: s.to}
	if w := s.week[member]; w != nil {
		d.Week = *w
	}
	if !ok {
		return d
	}
	muted, sent := s.muted[member], s.sent[member]
	keep := func(it Item) bool {
		return chans[it.ChannelID] && !muted[it.ChannelID] && !sent[it.Key] && it.User != member
	}
	for _, q := range s.questions {
		if len(d.Questions) < maxQuestions && q.top[member] && keep(q.Item) {
			d.Questions = append(d.Questions, q.Item)
		}
	}
	d.Threads = s.pickThreads(member, keep, home.Digest.MaxItems)
	for i, it := range d.Threads {
		if sum, ok := s.summaries[summaryKey{it.Key, d.Lang}]; ok {
			d.Threads[i].Summary = sum
		}
	}
	for _, r := range s.resources {
		if len(d.Resources) < maxResources && keep(r) {
			d.Resources = append(d.Resources, r)
		}
	}
	for _, n := range s.newcomers {
		if len(d.Newcomers) < maxNewcomers && keep(n) {
			d.Newcomers = append(d.Newcomers, n)
		}
	}
	capItems(&d, max(home.Digest.MaxItems, 1))
	d.Loc = s.zone(s.members[member].TZ, home.Loc)
	until := s.to.Add(s.ahead(member))
	for _, r := range s.upcoming() {
		if len(d.Upcoming) < maxUpcoming && r.At.Before(until) && chans[r.ChannelID] && !muted[r.ChannelID] {
			d.Upcoming = append(d.Upcoming, r)
		}
	}
	return d
}

// zone is a member's time zone, else their community's; loaded once per
// snapshot.
func (s *Snapshot) zone(tz string, fallback *time.Location) *time.Location {
	s.zoneMu.Lock()
	defer s.zoneMu.Unlock()
	if s.zones == nil {
		s.zones = map[string]*time.Location{}
	}
	return zone(s.zones, tz, fallback)
}

// maxUpcoming bounds the "coming up" section.
const maxUpcoming = 3

// upcoming returns every community's ritual sessions between the window's
// end and the next digest, computed once per snapshot.
func (s *Snapshot) upcoming() []ritual.Session {
	s.upOnce.Do(func() {
		longest := s.ahead("")
		for _, a := range s.Aheads {
			longest = max(longest, a)
		}
		s.sessions = ritual.Upcoming(s.r.opts.Directory.Communities(), s.to, s.to.Add(longest), 0)
	})
	return s.sessions
}

// ahead is how far a member's "coming up" looks: until their next digest
// (Aheads), else Ahead, else the window's length.
func (s *Snapshot) ahead(member string) time.Duration {
	if a, ok := s.Aheads[member]; ok {
		return a
	}
	if s.Ahead > 0 {
		return s.Ahead
	}
	return s.to.Sub(s.from)
}

// pickThreads returns a member's best threads: in their channels, not
// theirs (neither started nor joined), those on their skills boosted. It
// ranks pointers to the snapshot's candidates and copies out only the
// threads kept, in a slice of their own: a digest that kept a view of every
// candidate (up to perChannel per channel) held them all, for each of the
// ten thousand digests a run builds at once (1.9 GB on the 1M store).
func (s *Snapshot) pickThreads(member string, keep func(Item) bool, limit int) []Item {
	type candidate struct {
		it    *Item
		score float64
	}
	var cs []candidate
	skills := s.skills[member]
	for ch := range s.channels[member] {
		for _, it := range s.threads[ch] {
			if !keep(*it) || s.parts[it.Key][member] {
				continue
			}
			c := candidate{it, it.score}
			if onSkill(it.Summary, skills) {
				c.score *= 1.5
			}
			cs = append(cs, c)
		}
	}
	slices.SortFunc(cs, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.it.Key, b.it.Key))
	})
	var out []Item
	if n := min(len(cs), max(limit, 1)); n > 0 {
		out = make([]Item, n)
		for i, c := range cs[:n] {
			out[i] = *c.it
			out[i].score = c.score
		}
	}
	return out
}

func onSkill(text string, skills []string) bool {
	if len(skills) == 0 {
		return false
	}
	low := strings.ToLower(text)
	for _, sk := range skills {
		if sk != "" && strings.Contains(low, sk) {
			return true
		}
	}
	return false
}

// capItems keeps at most n items: questions, then threads, resources and
// newcomers, each section keeping at least one item when n allows.
func capItems(d *Digest, n int) {
	sections := []*[]Item{&d.Questions, &d.Threads, &d.Resources, &d.Newcomers}
	total := 0
	for _, s := range sections {
		total += len(*s)
	}
	for total > n {
		// Take from the longest section, threads on a tie.
		longest := sections[1]
		for _, s := range sections {
			if len(*s) > len(*longest) {
				longest = s
			}
		}
		*longest = (*longest)[:len(*longest)-1]
		total--
	}
}
