package report

import (
	"context"
	"fmt"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/recognition"
	"praxis/store"
)

// Sponsor is the sponsors' report: every community side by side over one
// month, each figure with the previous month's, for the managers who
// support the communities (the article's "value the participation and the
// results"). Every figure is defined in docs/metrics.md, "Sponsors' report".
type Sponsor struct {
	Language    string             `json:"language"`  // en or fr: the reader's
	TimeZone    string             `json:"time_zone"` // the month's bounds are midnights there
	Period      Period             `json:"period"`
	Previous    Period             `json:"previous"`
	GeneratedAt time.Time          `json:"generated_at"`
	Communities []SponsorCommunity `json:"communities"`
}

// SponsorCommunity is one community's column of a sponsors' report.
type SponsorCommunity struct {
	Community string `json:"community"`
	Vocation  string `json:"vocation,omitempty"`
	// Figures are the SponsorFigures, in that order, each with the
	// previous month's value.
	Figures  []Figure `json:"figures"`
	Crossing Crossing `json:"crossing"`
	// Marks are the six marks over the month and the month before (no
	// weekly trend: the facilitators' report has it).
	Marks []Mark `json:"marks"`
	// Helpers are the members the community thanks for the month, as its
	// recognition ritual names them (recognition.Helpers: answers the
	// askers accepted or thanked, never message counts; who must not be
	// named left out), at most Options.MaxList; HelpersTotal counts them all.
	Helpers      []Recognised `json:"helpers"`
	HelpersTotal int          `json:"helpers_total"`
}

// Recognised is a member thanked for a month's help: a line each in the
// sponsors' report.
type Recognised struct {
	Person   Person `json:"person"`
	Accepted int    `json:"accepted"` // questions where the asker ticked their answer
	Thanked  int    `json:"thanked"`  // questions where the asker thanked them
	People   int    `json:"people"`   // askers they helped so
}

// Crossing counts the month's answers to others' questions by whether they
// crossed teams or sites, as the asker's and answerer's Slack profiles
// say: a manager's evidence that the community carries knowledge across
// the organisation.
type Crossing struct {
	Answers int `json:"answers"` // (answerer, question) pairs, the asker's own replies left out
	// Known counts the answers whose asker and answerer both have a team,
	// or both a site: the only ones that can be said to cross.
	Known int `json:"known"`
	Teams int `json:"teams"` // between two known, different teams
	Sites int `json:"sites"` // between two known, different sites
	Any   int `json:"any"`   // across teams or sites (counted once)
}

// Sponsors' report figure keys (with FigActiveMembers, FigNewMembers,
// FigQuestionsAsked, FigAnsweredPercent, FigMedianResponse, FigResources).
const (
	FigMembers         = "members"
	FigCrossedAnswers  = "crossed_answers"
	FigNewContributors = "new_contributors"
)

// SponsorFigures are the keys of SponsorCommunity.Figures, in order.
var SponsorFigures = []string{FigMembers, FigNewMembers, FigActiveMembers, FigQuestionsAsked, FigAnsweredPercent,
	FigMedianResponse, FigCrossedAnswers, FigResources, FigNewContributors}

// BuildSponsor makes the sponsors' report of the communities of cs, in
// their order, for the period p (a month, in the sponsor's time zone:
// Month or LastMonth), in the language lang. The data is read once for all.
func BuildSponsor(ctx context.Context, st *store.Store, cs []bot.Community, p Period, lang string,
	opt Options) (*Sponsor, error) {
	opt = opt.withDefaults()
	out := &Sponsor{Language: lang, TimeZone: p.From.Location().String(), Period: p, Previous: p.Before(),
		GeneratedAt: opt.Now.UTC()}
	// The thanked helpers are read from the store while the month's
	// activity is read and computed: their queries take half the time.
	helpers := make(chan thanked, 1)
	go func() { helpers <- thankedHelpers(ctx, st, cs, p, opt.MaxList) }()
	snap, plans, err := prepare(ctx, st, cs, func(bot.Community) Period { return p }, opt, false)
	th := <-helpers
	if err != nil {
		return nil, err
	}
	if th.err != nil {
		return nil, th.err
	}
	out.Communities = make([]SponsorCommunity, len(plans))
	eachPlan(len(plans), func(i int) {
		out.Communities[i] = snap.sponsor(plans[i])
		out.Communities[i].Helpers, out.Communities[i].HelpersTotal = th.lists[i], th.totals[i]
	})
	return out, nil
}

// thanked is each community's thanked helpers of a month (at most limit
// listed) and how many they are, in the communities' order.
type thanked struct {
	lists  [][]Recognised
	totals []int
	err    error
}

// thankedHelpers reads who each community thanks for the month p, as its
// recognition ritual names them (recognition.Helpers).
func thankedHelpers(ctx context.Context, st *store.Store, cs []bot.Community, p Period, limit int) thanked {
	out := thanked{lists: make([][]Recognised, len(cs)), totals: make([]int, len(cs))}
	names := st.Names(ctx)
	for i, c := range cs {
		hs, err := recognition.Helpers(ctx, st, c, p.From, p.To)
		if err != nil {
			return thanked{err: fmt.Errorf("sponsors' report of %s: %w", c.Name, err)}
		}
		out.totals[i] = len(hs)
		for _, h := range hs[:min(len(hs), limit)] {
			out.lists[i] = append(out.lists[i], Recognised{Person: Person{ID: h.Member, Name: names.Member(h.Member)},
				Accepted: h.Accepted, Thanked: h.Thanked, People: h.People})
		}
	}
	return out
}

// month is what a sponsors' report says of one community over one window.
type month struct {
	members, fresh, active, resources, contributors int
	q                                               Questions
	cross                                           Crossing
	marks                                           markValues
}

// sponsor computes one community's column.
func (s *snapshot) sponsor(pl plan) SponsorCommunity {
	cur := s.month(pl, win(pl.p, pl.cut))
	prev := s.month(pl, win(pl.prev, pl.prevCut))
	count := func(key string, a, b int) Figure {
		return Figure{Key: key, Value: float64(a), Previous: float64(b)}
	}
	out := SponsorCommunity{Community: pl.c.Name, Vocation: pl.c.Vocation, Crossing: cur.cross}
	out.Figures = []Figure{
		count(FigMembers, cur.members, prev.members),
		count(FigNewMembers, cur.fresh, prev.fresh),
		count(FigActiveMembers, cur.active, prev.active),
		count(FigQuestionsAsked, cur.q.Asked, prev.q.Asked),
		percentFigure(FigAnsweredPercent, cur.q, prev.q),
		medianFigure(FigMedianResponse, cur.q, prev.q),
		count(FigCrossedAnswers, cur.cross.Any, prev.cross.Any),
		count(FigResources, cur.resources, prev.resources),
		count(FigNewContributors, cur.contributors, prev.contributors),
	}
	out.Marks = make([]Mark, len(markKeys))
	for i, k := range markKeys {
		out.Marks[i] = Mark{Key: k, Value: cur.marks[i], Previous: prev.marks[i], Unit: markUnits[i]}
	}
	return out
}

// month computes a community's figures over w.
func (s *snapshot) month(pl plan, w window) month {
	c := pl.comm
	return month{
		members:      len(s.population(c, w.b)),
		fresh:        newIn(c, w),
		active:       len(s.activeIn(c, w)),
		resources:    len(actsIn(c.res, w)),
		contributors: s.newContributors(c, w),
		q:            s.questions(pl, w, Options{}),
		cross:        s.crossing(c, w),
		marks:        s.markValues(c, w),
	}
}

// newContributors counts the newcomers (first joined one of the
// community's channels in the levelDays before the end of w) who are
// contributors or core members at the end of w and were not at its start:
// those who became contributors during w.
func (s *snapshot) newContributors(c *commData, w window) int {
	fresh := set{}
	for u, at := range c.joins {
		if at >= w.b-levelDays*day && at < w.b {
			fresh.add(u)
		}
	}
	if len(fresh) == 0 {
		return 0
	}
	among := func(t int64) map[int32]Level {
		pop := set{}
		for u := range s.population(c, t) {
			if fresh.has(u) {
				pop.add(u)
			}
		}
		return s.levels(c, pop, t)
	}
	contributes := func(l Level) bool { return l == Contributor || l == Core }
	before, n := among(w.a), 0
	for u, l := range among(w.b) {
		if contributes(l) && !contributes(before[u]) {
			n++
		}
	}
	return n
}

// crossing counts the answers to others' followed questions given in w
// (one per answerer and question, deleted replies left out) by whether
// they crossed teams or sites.
func (s *snapshot) crossing(c *commData, w window) Crossing {
	var out Crossing
	seen := map[[2]string]bool{}
	for _, m := range msgsIn(c.msgs, w) {
		if !m.reply || m.deleted {
			continue
		}
		q := c.qByKey[m.ch+"/"+m.thread]
		if q == nil {
			continue
		}
		if asker, ok := s.userIdx[q.Asker]; ok && asker != m.user {
			if key := [2]string{s.users[m.user].id, m.ch + "/" + m.thread}; !seen[key] {
				seen[key] = true
				out.add(s.users[asker], s.users[m.user])
			}
		}
	}
	return out
}

// add counts one answer from b to a.
func (c *Crossing) add(a, b user) {
	c.Answers++
	teams, teamsKnown := differ(a.team, b.team)
	sites, sitesKnown := differ(a.site, b.site)
	if teamsKnown || sitesKnown {
		c.Known++
	}
	if teams {
		c.Teams++
	}
	if sites {
		c.Sites++
	}
	if teams || sites {
		c.Any++
	}
}

// differ reports whether two profile values are different, and whether
// both are known; case and spacing do not count.
func differ(a, b string) (bool, bool) {
	if a == "" || b == "" {
		return false, false
	}
	return !strings.EqualFold(a, b), true
}
