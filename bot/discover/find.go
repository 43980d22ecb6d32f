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
	PerWeek  float64 // messages a week over its history
	Core     []Person
	Subjects []string // its distinctive words, as written
	Language string   // en or fr: what most of its top-level messages read as
	Needs    []NeedStat
	All      NeedStat // every question, whatever it asks for
	Unmet    float64  // share of its questions left unanswered (a slow answer, after a day, counts half)
	Value    float64  // PerWeek × Unmet: what Praxis would add
	Vocation string
	Drafted  bool     // Vocation was drafted by a language model
	Openers  []string // the openings of its most answered questions
}

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
	for g := range len(groups) {
		res.Communities = append(res.Communities, describe(groups[g], df, names))
	}
	slices.SortStableFunc(res.Communities, func(a, b Community) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(b.Messages, a.Messages))
	})
	return res
}

// describe makes a community of a group of channels.
func describe(hs []*History, df frequencies, names map[string]string) Community {
	slices.SortFunc(hs, func(a, b *History) int { return cmp.Or(cmp.Compare(b.Messages, a.Messages), cmp.Compare(a.ID, b.ID)) })
	c := Community{Name: hs[0].Name}
	members, active := map[string]bool{}, map[string]bool{}
	var from, to time.Time
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
		if from.IsZero() || h.From.Before(from) {
			from = h.From
		}
		if h.To.After(to) {
			to = h.To
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
	weeks := math.Max(to.Sub(from).Hours()/(24*7), 1)
	c.PerWeek = float64(c.Messages) / weeks
	c.Core = coreGroup(hs, names)
	c.Subjects = subjects(hs, df, 6)
	c.needs(hs)
	c.Value = c.PerWeek * c.Unmet
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
	unmet := 0.0
	for _, q := range all {
		switch {
		case !q.Answered:
			unmet++
		case q.Wait > slowAnswer:
			unmet += 0.5
		}
	}
	if len(all) > 0 {
		c.Unmet = unmet / float64(len(all))
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
