package discover

import (
	"cmp"
	"math"
	"slices"
)

// Person is a member of a community's core group, with the reasons.
type Person struct {
	ID, Name string
	Score    float64
	Answers  int // threads of others they replied to
	Started  int // threads they started that others replied to
	Channels int // the group's channels they take part in
	Messages int // what they said in them
}

// coreGroup finds the few who carry the group: those who answer (a thread
// of someone else's they replied to counts one) and start threads that get
// answers (half each), weighed by the square root of the share of what
// they say that answers others (someone who mostly asks is a regular, not
// the core), and who bridge its channels (two for each channel past the
// first where they answer or post twice). They are the fewest, best scored
// first, who together give three quarters of the group's answers, no more
// than one and a half times the square root of its active members (three
// at least): the core of a community is a few people, not its regulars.
// docs/discover.md measures it against the generator's core members.
func coreGroup(hs []*History, names map[string]string) []Person {
	by := map[string]*Person{}
	get := func(id string) *Person {
		p := by[id]
		if p == nil {
			p = &Person{ID: id, Name: names[id]}
			by[id] = p
		}
		return p
	}
	total, active := 0, map[string]bool{}
	for _, h := range hs {
		for id, n := range h.Answers {
			get(id).Answers += n
			total += n
		}
		for id, n := range h.Answered {
			get(id).Started += n
		}
		for id, n := range h.Posts {
			active[id] = true
			get(id).Messages += n
			if n >= 2 || h.Answers[id] > 0 {
				get(id).Channels++
			}
		}
	}
	var all []Person
	for _, p := range by {
		share := float64(p.Answers) / float64(max(p.Messages, 1))
		p.Score = (float64(p.Answers)+float64(p.Started)/2)*math.Sqrt(share) + 2*float64(max(p.Channels-1, 0))
		if p.Answers > 0 {
			all = append(all, *p)
		}
	}
	slices.SortFunc(all, func(a, b Person) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID)) })
	limit := max(3, int(math.Ceil(1.5*math.Sqrt(float64(len(active))))))
	var out []Person
	given := 0
	for _, p := range all {
		if len(out) == limit || 4*given >= 3*total {
			break
		}
		out = append(out, p)
		given += p.Answers
	}
	return out
}
