package report

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/bot/nudge"
	"praxis/bot/question"
	"praxis/store"
)

func msTime(v int64) time.Time { return time.UnixMilli(v).UTC() }

// ms of a time, or max int64 for the zero time (never happened).
func msOrNever(t time.Time) int64 {
	if t.IsZero() {
		return math.MaxInt64
	}
	return t.UnixMilli()
}

// questionsIn returns the followed questions asked in w.
func questionsIn(c *commData, w window) []*store.Question {
	var out []*store.Question
	for _, q := range c.qs {
		if at := q.AskedAt.UnixMilli(); at >= w.a && at < w.b {
			out = append(out, q)
		}
	}
	return out
}

// openDays is how long an unanswered question stays open in a report:
// older ones (an imported history's never-answered questions, a
// misdetected announcement) are not what a facilitator can still act on.
const openDays = 90

// isOpen reports whether q waits for an answer at t: asked in the openDays
// before t, not answered and not marked solved by then.
func isOpen(q *store.Question, t int64) bool {
	at := q.AskedAt.UnixMilli()
	return at < t && at >= t-openDays*day && msOrNever(q.FirstAnswerAt) >= t && msOrNever(q.ResolvedAt) >= t
}

// openCount counts the questions open at the end of w, and those of them
// asked in w (none when w has not begun).
func (s *snapshot) openCount(c *commData, w window) (all, asked int) {
	if w.b <= w.a {
		return 0, 0
	}
	for _, q := range c.qs {
		if isOpen(q, w.b) {
			all++
			if q.AskedAt.UnixMilli() >= w.a {
				asked++
			}
		}
	}
	return all, asked
}

// questions computes the Questions section for the questions asked in w,
// their answers and resolutions counted up to the report's cut, and the
// questions open at its end (at most opt.MaxList listed).
func (s *snapshot) questions(pl plan, w window, opt Options) Questions {
	c := pl.comm
	var out Questions
	var hours []float64
	for _, q := range questionsIn(c, w) {
		out.Asked++
		if at := msOrNever(q.FirstAnswerAt); at < pl.cut {
			out.Answered++
			hours = append(hours, pl.hours.Between(q.AskedAt, q.FirstAnswerAt).Hours())
		}
		if msOrNever(q.ResolvedAt) < pl.cut {
			out.Resolved++
		}
	}
	if len(hours) > 0 {
		out.HasTimes = true
		out.MedianFirstAnswerHours, out.P90FirstAnswerHours = median(hours), percentile(hours, 90)
	}
	if opt.MaxList == 0 || w.b <= w.a { // a period not begun has no end yet
		return out
	}
	out.Open, out.OldestOpenHours = s.openList(pl, w, opt)
	return out
}

// openList lists the questions open at the end of w, at most opt.MaxList,
// in the order of Questions.Open, and says how old the oldest is.
func (s *snapshot) openList(pl plan, w window, opt Options) ([]OpenQuestion, float64) {
	nudged := nudgedAbout(pl.comm.nudges, w.b)
	var all []OpenQuestion
	for _, q := range pl.comm.qs { // oldest first
		if !isOpen(q, w.b) {
			continue
		}
		at := q.AskedAt.UnixMilli()
		all = append(all, OpenQuestion{
			Asker: s.person(s.userIdx[q.Asker]), Channel: q.ChannelID, TS: q.TS, AskedAt: q.AskedAt.UTC(),
			AgeHours:   float64(w.b-at) / float64(time.Hour/time.Millisecond),
			Permalink:  expert.Permalink(opt.TeamURL, expert.ThreadRef{ChannelID: q.ChannelID, TS: q.TS}),
			ThisPeriod: at >= w.a,
			Escalated:  msOrNever(q.EscalatedAt) < w.b,
			Nudged:     len(nudged[q.ChannelID+"/"+q.TS]),
		})
	}
	if len(all) == 0 {
		return nil, 0
	}
	oldest := all[0].AgeHours
	slices.SortStableFunc(all, func(a, b OpenQuestion) int {
		if a.ThisPeriod != b.ThisPeriod {
			return -cmpBool(a.ThisPeriod, b.ThisPeriod)
		}
		if !a.ThisPeriod {
			return 0 // the long tail stays oldest first
		}
		return cmp.Or(-cmpBool(a.Escalated, b.Escalated), -cmpBool(a.Nudged > 0, b.Nudged > 0))
	})
	return all[:min(len(all), opt.MaxList)], oldest
}

// nudgedAbout returns, for each question (channel + "/" + ts), the members
// Praxis sent a nudge about it before t: the nudges that ask about a
// question (Reader, Reengage) have it as their subject.
func nudgedAbout(ns []store.Nudge, t int64) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, n := range ns {
		if n.Status != store.NudgeSent || n.At.UnixMilli() >= t || (n.Kind != nudge.Reader && n.Kind != nudge.Reengage) {
			continue
		}
		if out[n.Subject] == nil {
			out[n.Subject] = map[string]bool{}
		}
		out[n.Subject][n.Member] = true
	}
	return out
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// median of xs (sorted in place); the mean of the middle two for an even
// count.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// percentile is the nearest-rank percentile of xs (sorted in place): the
// smallest value at or above which lie (100-p)% of them.
func percentile(xs []float64, p float64) float64 {
	slices.Sort(xs)
	k := int(math.Ceil(p / 100 * float64(len(xs))))
	return xs[max(k, 1)-1]
}

// helpers ranks the members recognised for their answers in w: answers
// accepted, then thanked, then questions of others answered.
func (s *snapshot) helpers(pl plan, w window) []Helper {
	c := pl.comm
	byUser := map[int32]*Helper{}
	get := func(u int32) *Helper {
		h := byUser[u]
		if h == nil {
			h = &Helper{Person: s.person(u)}
			byUser[u] = h
		}
		return h
	}
	for _, q := range c.qs {
		at := msOrNever(q.ResolvedAt)
		if q.FirstAnswerer == "" || at < w.a || at >= w.b {
			continue
		}
		u, ok := s.userIdx[q.FirstAnswerer]
		if !ok || !s.human(u) {
			continue
		}
		switch q.Resolution {
		case "accepted":
			get(u).Accepted++
		case "thanked":
			get(u).Thanked++
		}
	}
	answered := map[[2]string]bool{} // (member, question) pairs
	for _, m := range msgsIn(c.msgs, w) {
		if !m.reply || m.deleted {
			continue
		}
		q := c.qByKey[m.ch+"/"+m.thread]
		if q == nil || q.Asker == s.users[m.user].id {
			continue
		}
		key := [2]string{s.users[m.user].id, q.ChannelID + "/" + q.TS}
		if !answered[key] {
			answered[key] = true
			get(m.user).Answers++
		}
	}
	out := make([]Helper, 0, len(byUser))
	for _, h := range byUser {
		out = append(out, *h)
	}
	slices.SortFunc(out, func(a, b Helper) int {
		return cmp.Or(cmp.Compare(b.Accepted+b.Thanked, a.Accepted+a.Thanked), cmp.Compare(b.Accepted, a.Accepted),
			cmp.Compare(b.Answers, a.Answers), cmp.Compare(a.Person.Name, b.Person.Name), cmp.Compare(a.Person.ID, b.Person.ID))
	})
	return out
}

// maxQuestionText is how much of an open question a report keeps, in
// characters.
const maxQuestionText = 120

// fillTexts reads the text and channel name of the open questions listed,
// for every report at once: the text as members read it, plain (each
// renderer escapes it its own way).
func (s *snapshot) fillTexts(ctx context.Context, st *store.Store, rs []*Report) error {
	names, err := st.ChannelNames(ctx)
	if err != nil {
		return err
	}
	lookUp := st.Names(ctx)
	quoted := bot.Names{Member: lookUp.Member, Channel: lookUp.Channel}
	for _, r := range rs {
		for i := range r.Questions.Open {
			q := &r.Questions.Open[i]
			q.ChannelName = strings.TrimPrefix(names[q.Channel], "#")
			m, err := st.MessageByTS(ctx, q.Channel, q.TS)
			if err != nil && err != store.ErrNotFound {
				return err
			}
			q.Text = bot.Quote(question.Line(m.Text), bot.Plain, maxQuestionText, quoted)
		}
	}
	return nil
}
