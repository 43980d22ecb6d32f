package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"praxis/bot"
	"praxis/bot/workhours"
	"praxis/store"
)

// Options tune Build and BuildAll.
type Options struct {
	// TeamURL is the workspace's URL, for permalinks ("": https://slack.com).
	TeamURL string
	// Now is when the report is made: a period that is not over is
	// measured up to Now, and open questions' ages end there. Zero: time.Now.
	Now time.Time
	// MaxList caps the lists of a report (open questions, newcomers,
	// slipping members, bridges, top helpers, the core group); Report.Counts
	// keeps their true sizes. 0: 10.
	MaxList int
}

func (o Options) withDefaults() Options {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.MaxList <= 0 {
		o.MaxList = 10
	}
	return o
}

// Lengths of the windows the metrics read, in days.
const (
	day        = int64(24 * time.Hour / time.Millisecond)
	trendWeeks = 12
	levelDays  = 84 // engagement levels: the 12 weeks before
	returnDays = 84 // returning: active in the 12 weeks before the previous period
	recentDays = 28 // slipping: the last 4 weeks against the 8 before; retention: month over month
	nudgeDays  = 7  // store.NudgeWindow
)

// plan is one report to make: its community, periods and windows.
type plan struct {
	c       bot.Community
	comm    *commData // nil: the community has no mapped channel in the store
	loc     *time.Location
	hours   workhours.Hours
	p, prev Period
	weeks   []Period // the trendWeeks ISO weeks ending with the period's last, oldest first; none without trends
	cut     int64    // the period's end, or now when it is not over (Unix ms)
	prevCut int64
}

// window is [a, b) in Unix ms.
type window struct{ a, b int64 }

// win is the period p seen at cut: [From, min(To, cut)).
func win(p Period, cut int64) window {
	w := window{a: p.From.UnixMilli(), b: min(p.To.UnixMilli(), cut)}
	w.b = max(w.b, w.a)
	return w
}

// newPlan plans c's report of p made at now; without trends (the sponsors'
// report), it reads no week before the windows its figures need.
func newPlan(c bot.Community, p Period, now time.Time, trends bool) (plan, error) {
	if !p.From.Before(p.To) {
		return plan{}, fmt.Errorf("report %s: empty period %s", c.Name, p.Label)
	}
	pl := plan{c: c, loc: c.Loc, hours: c.Hours, p: p, prev: p.Before()}
	pl.cut = min(p.To.UnixMilli(), now.UnixMilli())
	pl.prevCut = min(pl.prev.To.UnixMilli(), now.UnixMilli())
	if pl.cut < p.To.UnixMilli() {
		// A period not over yet (the week so far) is compared with as
		// much of the previous one: Monday morning is not a collapse.
		pl.prevCut = min(pl.prevCut, pl.prev.From.UnixMilli()+(pl.cut-p.From.UnixMilli()))
	}
	if !trends {
		return pl, nil
	}
	w := Week(p.To.Add(-time.Nanosecond), pl.loc)
	pl.weeks = make([]Period, trendWeeks)
	for i := trendWeeks - 1; i >= 0; i-- {
		pl.weeks[i] = w
		w = w.Before()
	}
	return pl, nil
}

// from is the earliest instant the plan's metrics read: returning members
// look returnDays before the previous period, levels and slipping
// levelDays before its end (and a newcomer's level at its start levelDays
// before that), retention 2×recentDays before the end of the trend's
// first week.
func (pl plan) from() time.Time {
	earliest := min(pl.prev.From.UnixMilli()-returnDays*day, pl.prevCut-levelDays*day,
		pl.prev.From.UnixMilli()-levelDays*day)
	if len(pl.weeks) > 0 {
		earliest = min(earliest, pl.weeks[0].To.UnixMilli()-2*recentDays*day, pl.weeks[0].From.UnixMilli())
	}
	return time.UnixMilli(earliest)
}

// textFrom is the earliest message whose text the plan reads.
func (pl plan) textFrom() time.Time {
	if len(pl.weeks) > 0 && pl.weeks[0].From.Before(pl.prev.From) {
		return pl.weeks[0].From
	}
	return pl.prev.From
}

// Build makes the report of a community for the period p.
func Build(ctx context.Context, st *store.Store, c bot.Community, p Period, opt Options) (*Report, error) {
	rs, err := BuildAll(ctx, st, []bot.Community{c}, func(bot.Community) Period { return p }, opt)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// BuildAll makes the report of every community of cs, in their order, each
// for the period that period gives it (a week in its own time zone,
// usually). The data of all of them is read once.
func BuildAll(ctx context.Context, st *store.Store, cs []bot.Community, period func(c bot.Community) Period,
	opt Options) ([]*Report, error) {
	opt = opt.withDefaults()
	snap, plans, err := prepare(ctx, st, cs, period, opt, true)
	if err != nil || len(plans) == 0 {
		return nil, err
	}
	out := make([]*Report, len(plans))
	eachPlan(len(plans), func(i int) { out[i] = snap.report(plans[i], opt) })
	if err := snap.fillTexts(ctx, st, out); err != nil {
		return nil, err
	}
	return out, nil
}

// report computes one community's report.
func (s *snapshot) report(pl plan, opt Options) *Report {
	r := &Report{
		Community: pl.c.Name, Language: pl.c.Language, TimeZone: pl.loc.String(),
		Period: pl.p, Previous: pl.prev, GeneratedAt: opt.Now.UTC(),
	}
	cur, prev := win(pl.p, pl.cut), win(pl.prev, pl.prevCut)
	c := pl.comm
	r.Members = s.members(pl, opt)
	r.Contributions = contributions(c, cur)
	pc := contributions(c, prev)
	r.Questions = s.questions(pl, cur, opt)
	pq := s.questions(pl, prev, Options{MaxList: 0})
	r.Newcomers = s.newcomers(pl, cur, opt)
	r.TopHelpers = s.helpers(pl, cur)
	r.Risk = s.risk(pl, cur)
	r.Counts = capLists(r, opt.MaxList)
	r.Counts.OpenQuestions, r.Counts.OpenThisPeriod = s.openCount(c, cur)
	prevOpen, _ := s.openCount(c, prev)
	r.Nudges = s.nudgeEffect(pl)
	r.Marks = s.marks(pl)
	r.Trends = s.trends(pl)

	prevMembers := s.activeIn(c, prev)
	messages, prevMessages := r.Contributions.Messages+r.Contributions.Replies, pc.Messages+pc.Replies
	r.Headline = []Figure{
		{Key: FigActiveMembers, Value: float64(r.Members.Active), Previous: float64(len(prevMembers))},
		{Key: FigNewMembers, Value: float64(r.Members.New), Previous: float64(newIn(c, prev))},
		{Key: FigMessages, Value: float64(messages), Previous: float64(prevMessages)},
		{Key: FigQuestionsAsked, Value: float64(r.Questions.Asked), Previous: float64(pq.Asked)},
		percentFigure(FigAnsweredPercent, r.Questions, pq),
		medianFigure(FigMedianResponse, r.Questions, pq),
		{Key: FigOpenQuestions, Value: float64(r.Counts.OpenQuestions), Previous: float64(prevOpen)},
		{Key: FigResources, Value: float64(r.Contributions.Resources), Previous: float64(pc.Resources)},
	}
	return r
}

// capLists counts the report's lists whole, then caps each at max items
// (the open questions are counted by openCount and listed capped): the
// counts let renderers say how many are left out.
func capLists(r *Report, max int) Counts {
	n := Counts{
		Newcomers: len(r.Newcomers), TopHelpers: len(r.TopHelpers),
		Slipping: len(r.Risk.Slipping), Bridges: len(r.Risk.Bridges), Core: r.Members.Levels[Core],
	}
	for _, nc := range r.Newcomers {
		if nc.Posted && !nc.GotReply {
			n.NewcomersWaiting++
		}
	}
	r.Newcomers = capped(r.Newcomers, max)
	r.TopHelpers = capped(r.TopHelpers, max)
	r.Risk.Slipping = capped(r.Risk.Slipping, max)
	r.Risk.Bridges = capped(r.Risk.Bridges, max)
	return n
}

func capped[T any](xs []T, max int) []T { return xs[:min(len(xs), max)] }

// percentFigure is the share of questions answered, missing when none
// was asked.
func percentFigure(key string, cur, prev Questions) Figure {
	f := Figure{Key: key, Unit: "percent", Missing: cur.Asked == 0, PrevMissing: prev.Asked == 0}
	if cur.Asked > 0 {
		f.Value = 100 * float64(cur.Answered) / float64(cur.Asked)
	}
	if prev.Asked > 0 {
		f.Previous = 100 * float64(prev.Answered) / float64(prev.Asked)
	}
	return f
}

// medianFigure is the median time to a first answer, in hours, missing
// when no question had one.
func medianFigure(key string, cur, prev Questions) Figure {
	return Figure{
		Key:         key,
		Unit:        "hours",
		Value:       cur.MedianFirstAnswerHours,
		Previous:    prev.MedianFirstAnswerHours,
		Missing:     !cur.HasTimes,
		PrevMissing: !prev.HasTimes,
	}
}

// contributions counts what was given in w.
func contributions(c *commData, w window) Contributions {
	var out Contributions
	for _, m := range msgsIn(c.msgs, w) {
		if m.reply {
			out.Replies++
		} else {
			out.Messages++
		}
	}
	out.Reactions = len(reactsIn(c.reacts, w))
	out.Resources = len(actsIn(c.res, w))
	return out
}

// msgsIn, reactsIn and actsIn return the part of a time-ordered slice
// within w.
func msgsIn(xs []msg, w window) []msg {
	i, _ := slices.BinarySearchFunc(xs, w.a, func(m msg, t int64) int { return cmp64(m.at, t) })
	j, _ := slices.BinarySearchFunc(xs, w.b, func(m msg, t int64) int { return cmp64(m.at, t) })
	return xs[i:max(i, j)]
}

func reactsIn(xs []react, w window) []react {
	i, _ := slices.BinarySearchFunc(xs, w.a, func(m react, t int64) int { return cmp64(m.at, t) })
	j, _ := slices.BinarySearchFunc(xs, w.b, func(m react, t int64) int { return cmp64(m.at, t) })
	return xs[i:max(i, j)]
}

func actsIn(xs []act, w window) []act {
	i, _ := slices.BinarySearchFunc(xs, w.a, func(m act, t int64) int { return cmp64(m.at, t) })
	j, _ := slices.BinarySearchFunc(xs, w.b, func(m act, t int64) int { return cmp64(m.at, t) })
	return xs[i:max(i, j)]
}

// cmp64 orders a before b; equal times go left, so that a search for t
// finds the first element at t.
func cmp64(a, b int64) int {
	if a < b {
		return -1
	}
	return 1
}
