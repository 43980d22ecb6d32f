package discover

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Result is what discovery found.
type Result struct {
	Communities []Community // best first: by what Praxis would add
	Modularity  float64     // of the channels' partition (0: no ties; above 0.3, clear groups)
	Channels    int         // channels read
	Quiet       int         // of them, with fewer than minMessages messages: left out
	Messages    int
	Members     int // distinct members who said something
}

// Community is a group of channels that share their people.
type Community struct {
	Name     string // its busiest channel's name
	Channels []Channel
	Members  int // in its channels, readers included (the active ones when unknown)
	Active   int // who said something
	Messages int
	PerWeek  float64 // messages a week over the workspace's history (a burst of a day is not a community)
	Core     []Person
	Subjects []string // its distinctive words, as written
	Language string   // en or fr: what most of its top-level messages read as
	Needs    []NeedStat
	All      NeedStat // every question, whatever it asks for
	// Unmet is the share of its questions left unanswered, a slow answer
	// (after a day) counting half, shrunk toward the workspace's share by
	// priorQuestions: two questions say little of a group's needs.
	Unmet    float64
	Value    float64 // PerWeek × Unmet: what Praxis would add
	Vocation string
	Drafted  bool     // Vocation was drafted by a language model
	Openers  []string // the openings of its most answered questions

	unmet float64 // questions unanswered, a slow answer counting half
}

// priorQuestions is how many questions the workspace's share of needs
// unmet weighs in each group's (see Community.Unmet).
const priorQuestions = 10

// NeedStat is how well a need is met: questions asking it, answered, the
// median time to the first answer.
type NeedStat struct {
	Need               Need // 0 for All
	Questions, Answers int
	Median             time.Duration
}

// Rate is the share of questions answered.
func (n NeedStat) Rate() float64 {
	if n.Questions == 0 {
		return 0
	}
	return float64(n.Answers) / float64(n.Questions)
}

// slowAnswer is an answer late enough to count as half a need unmet.
const slowAnswer = 24 * time.Hour

// Find groups the channels' histories into communities and describes each.
// names gives members' names for the reasons (an id stands for itself).
func Find(hs []*History, names map[string]string) Result {
	res := Result{Channels: len(hs)}
	var live []*History
	people := map[string]bool{}
	for _, h := range hs {
		res.Messages += h.Messages
		for p := range h.Posts {
			people[p] = true
		}
		if h.Messages < minMessages {
			res.Quiet++
			continue
		}
		live = append(live, h)
	}
	res.Members = len(people)
	slices.SortFunc(live, func(a, b *History) int { return cmp.Compare(a.ID, b.ID) })
	part, q := louvain(channelGraph(live))
	res.Modularity = q
	groups := map[int][]*History{}
	for i, h := range live {
		groups[part[i]] = append(groups[part[i]], h)
	}
	df := groupFrequencies(groups)
	weeks := span(live)
	unmet, asked := 0.0, 0
	for g := range len(groups) {
		c := describe(groups[g], df, names, weeks)
		unmet, asked = unmet+c.unmet, asked+c.All.Questions
		res.Communities = append(res.Communities, c)
	}
	for i := range res.Communities {
		c := &res.Communities[i]
		if asked > 0 {
			c.Unmet = (c.unmet + priorQuestions*unmet/float64(asked)) / float64(c.All.Questions+priorQuestions)
		}
		c.Value = c.PerWeek * c.Unmet
	}
	slices.SortStableFunc(res.Communities, func(a, b Community) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(b.Messages, a.Messages))
	})
	return res
}

// span is how many weeks the histories cover, one at least.
func span(hs []*History) float64 {
	var from, to time.Time
	for _, h := range hs {
		if from.IsZero() || h.From.Before(from) {
			from = h.From
		}
		if h.To.After(to) {
			to = h.To
		}
	}
	return math.Max(to.Sub(from).Hours()/(24*7), 1)
}

// describe makes a community of a group of channels, over weeks of
// history.
func describe(hs []*History, df frequencies, names map[string]string, weeks float64) Community {
	slices.SortFunc(hs, func(a, b *History) int {
		return cmp.Or(cmp.Compare(b.Messages, a.Messages), cmp.Compare(a.ID, b.ID))
	})
	c := Community{Name: hs[0].Name}
	members, active := map[string]bool{}, map[string]bool{}
	french := 0
	for _, h := range hs {
		c.Channels = append(c.Channels, h.Channel)
		c.Messages += h.Messages
		for _, m := range h.Members {
			members[m] = true
		}
		for p := range h.Posts {
			active[p], members[p] = true, true
		}
		if h.French {
			french += h.Messages
		}
		c.Openers = append(c.Openers, h.Openers...)
	}
	c.Members, c.Active = len(members), len(active)
	c.Language = "en"
	if 2*french > c.Messages {
		c.Language = "fr"
	}
	c.PerWeek = float64(c.Messages) / weeks
	c.Core = coreGroup(hs, names)
	c.Subjects = subjects(hs, df, 6)
	c.needs(hs)
	c.Vocation = extractive(hs, c)
	if len(c.Openers) > 3 {
		c.Openers = c.Openers[:3]
	}
	return c
}

// needs measures how well each need of the group is met.
func (c *Community) needs(hs []*History) {
	var all []Question
	for _, h := range hs {
		all = append(all, h.Questions...)
	}
	c.All = stat(0, all)
	for _, n := range AllNeeds {
		var qs []Question
		for _, q := range all {
			if q.Needs&n != 0 {
				qs = append(qs, q)
			}
		}
		if len(qs) > 0 {
			c.Needs = append(c.Needs, stat(n, qs))
		}
	}
	for _, q := range all {
		switch {
		case !q.Answered:
			c.unmet++
		case q.Wait > slowAnswer:
			c.unmet += 0.5
		}
	}
}

func stat(n Need, qs []Question) NeedStat {
	s := NeedStat{Need: n, Questions: len(qs)}
	var waits []time.Duration
	for _, q := range qs {
		if q.Answered {
			s.Answers++
			waits = append(waits, q.Wait)
		}
	}
	if len(waits) > 0 {
		slices.Sort(waits)
		s.Median = waits[len(waits)/2]
	}
	return s
}

// extractive is a vocation taken from the group's own words: its
// channels' purposes, the busiest first; else one said of its subjects,
// in its language.
func extractive(hs []*History, c Community) string {
	for _, h := range hs {
		if h.Purpose != "" {
			return h.Purpose
		}
	}
	if len(c.Subjects) == 0 {
		return ""
	}
	return catalog.T(c.Language, "vocation", list(c.Language, c.Subjects[:min(3, len(c.Subjects))]))
}
