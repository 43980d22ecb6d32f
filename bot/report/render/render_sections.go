package render

import (
	"fmt"
	"strings"

	"praxis/bot/report"
)

func headlineSection(r *report.Report, p printer) section {
	t := &table{
		Head:  []string{p.t("col.figure"), p.t("col.value"), p.t("col.previous"), p.changeHeading(r)},
		Right: []bool{false, true, true, false},
	}
	for _, f := range r.Headline {
		ch := cell{Text: p.change(f)}
		if d, ok := f.Change(); ok && d != 0 {
			ch.Tone = "good"
			if worse(f.Key, d) {
				ch.Tone = "bad"
			}
		}
		t.Rows = append(t.Rows, []cell{{Text: p.figLabel(f.Key), Def: f.Key}, {Text: p.value(f.Value, f.Unit, f.Missing)},
			{Text: p.value(f.Previous, f.Unit, f.PrevMissing)}, ch})
	}
	return section{Title: p.t("sec.headline"), Parts: []part{{Table: t, Empty: p.t("no_data")}}}
}

func membersSection(r *report.Report, p printer) section {
	m, c := r.Members, r.Contributions
	n := func(v int) string { return p.num(float64(v)) }
	facts := []fact{{p.t("members.total"), n(m.Total), "members"}, {p.t("members.new"), n(m.New), "new_members"},
		{p.t("members.active"), n(m.Active), "active_members"},
		{p.t("members.returning"), n(m.Returning), "returning"}, {p.t("members.gone"), n(m.GoneQuiet), "gone_quiet"}}
	parts := []part{{Facts: facts}}
	levels := &table{Head: []string{p.t("col.level"), p.t("col.members")}, Right: []bool{false, true}}
	for _, l := range report.Levels {
		levels.Rows = append(levels.Rows, []cell{{Text: p.levelLabel(l), Def: "levels"}, {Text: n(m.Levels[l])}})
	}
	parts = append(parts, part{Table: levels})
	var lines []string
	for _, mv := range m.Moves {
		key := "move.up"
		if levelRank(mv.To) < levelRank(mv.From) {
			key = "move.down"
		}
		lines = append(lines, p.n(key, mv.Count, p.levelLabel(mv.From), p.levelLabel(mv.To)))
	}
	if len(m.Core) > 0 {
		lines = append(lines, p.t("members.core", names(m.Core, r.Counts.Core, p)))
	}
	if len(lines) > 0 {
		parts = append(parts, part{Lines: lines, Def: "levels"})
	}
	parts = append(parts, part{Heading: p.t("sec.contributions"), Facts: []fact{
		{p.t("contrib.messages"), n(c.Messages), "top_messages"}, {p.t("contrib.replies"), n(c.Replies), "replies"},
		{p.t("contrib.reactions"), n(c.Reactions), "reactions"},
		{p.t("contrib.resources"), n(c.Resources), "resources"}}})
	return section{Title: p.t("sec.members"), Parts: parts}
}

func levelRank(l report.Level) int {
	for i, x := range report.Levels {
		if x == l {
			return i
		}
	}
	return -1
}

// names lists people by name, and how many more of the total there are.
func names(ps []report.Person, total int, p printer) string {
	var out []string
	for _, x := range ps {
		out = append(out, personName(x))
	}
	if more := p.more(total, len(ps)); more != "" {
		out = append(out, more)
	}
	return strings.Join(out, ", ")
}

func personName(x report.Person) string {
	if s := clean(x.Name, maxName); s != "" {
		return s
	}
	return clean(x.ID, maxName)
}

func questionsSection(r *report.Report, p printer) section {
	q := r.Questions
	n := func(v int) string { return p.num(float64(v)) }
	median, p90 := "—", "—"
	if q.HasTimes {
		median, p90 = p.value(q.MedianFirstAnswerHours, "hours", false), p.value(q.P90FirstAnswerHours, "hours", false)
	}
	facts := []fact{{p.t("q.asked"), n(q.Asked), report.FigQuestionsAsked},
		{p.t("q.answered"), n(q.Answered), report.FigAnsweredPercent}, {p.t("q.resolved"), n(q.Resolved), "resolved"},
		{p.t("q.median"), median, report.FigMedianResponse}, {p.t("q.p90"), p90, "p90_first_answer_hours"},
		{p.t("q.open"), n(max(r.Counts.OpenQuestions, len(q.Open))), report.FigOpenQuestions},
		{p.t("q.open_period"), n(r.Counts.OpenThisPeriod), "open_this_period"}}
	// The period's open questions lead the report (actSection); here is
	// the long tail.
	_, older := splitOpen(q.Open)
	return section{Title: p.t("sec.questions"), Parts: []part{{Facts: facts},
		{Heading: p.t("sec.older"), Table: openTable(older, false, p), Empty: p.t("q.older_none"),
			More: p.more(r.Counts.OpenQuestions-r.Counts.OpenThisPeriod, len(older))}}}
}

func newcomersSection(r *report.Report, p printer) section {
	t := &table{Head: []string{p.t("col.member"), p.t("col.joined"), p.t("col.posted"), p.t("col.got_reply")}}
	yes := func(b bool) string {
		if b {
			return p.t("yes")
		}
		return p.t("no")
	}
	for _, nc := range r.Newcomers {
		reply := cell{Text: yes(nc.GotReply), Link: safeURL(nc.Permalink)}
		if nc.Posted && !nc.GotReply {
			reply.Tone = "bad"
		}
		if !nc.Posted {
			reply.Text = "—"
		}
		t.Rows = append(t.Rows, []cell{{Text: personName(nc.Person)}, {Text: p.date(nc.JoinedAt)},
			{Text: yes(nc.Posted)}, reply})
	}
	return section{Title: p.t("sec.newcomers"), Parts: []part{{Table: t, Empty: p.t("newcomers.none"),
		More: p.more(r.Counts.Newcomers, len(r.Newcomers))}}}
}

func riskSection(r *report.Report, p printer) section {
	k := r.Risk
	bridges := &table{Head: []string{p.t("col.member"), p.t("col.communities")}}
	for _, b := range k.Bridges {
		var cs []string
		for _, c := range b.Communities {
			cs = append(cs, clean(c, 40))
		}
		bridges.Rows = append(bridges.Rows, []cell{{Text: personName(b.Person)}, {Text: clean(strings.Join(cs, ", "), 200)}})
	}
	// Slipping members are in actSection: a facilitator acts on them.
	return section{Title: p.t("sec.risk"), Parts: []part{
		{Lines: []string{p.absence(k.AbsenceFactor)}, Def: "absence_factor"},
		{Heading: p.t("sec.bridges"), Table: bridges, Empty: p.t("bridges.none"),
			More: p.more(r.Counts.Bridges, len(k.Bridges))},
	}}
}

func (p printer) absence(n int) string {
	if n <= 0 {
		return p.t("absence.none")
	}
	return p.n("absence", n)
}

func nudgesSection(r *report.Report, p printer) section {
	e := r.Nudges
	share := func(k, n int) string {
		pct := "—"
		if n > 0 {
			pct = p.value(100*float64(k)/float64(n), "percent", false)
		}
		return p.t("nudges.share", k, n, pct)
	}
	return section{Title: p.t("sec.nudges"), Parts: []part{{Facts: []fact{
		{p.t("nudges.sent"), p.num(float64(e.Sent)), "nudges_sent"},
		{p.t("nudges.nudged"), share(e.NudgedContributed, e.Nudged), "nudged_contributed"},
		{p.t("nudges.holdout"), share(e.HoldoutContributed, e.Holdout), "holdout_contributed"},
		{p.t("nudges.lift"), p.lift(e), "lift"},
	}}}}
}

// lift is the nudges' effect in points, or "not enough data" with the
// sample sizes when it is not significant.
func (p printer) lift(e report.NudgeEffect) string {
	if !e.Significant {
		return p.t("nudges.no_data", p.count("n.nudged", e.Nudged), p.count("n.held_out", e.Holdout))
	}
	return p.t("nudges.lift_value", p.diff(e.Lift, true, "points"), p.pvalue(e.PValue))
}

func (p printer) pvalue(v float64) string {
	if v < 0.001 {
		return "< " + strings.Replace("0.001", ".", p.t("decimal"), 1)
	}
	return strings.Replace(fmt.Sprintf("%.3f", v), ".", p.t("decimal"), 1)
}

func marksSection(r *report.Report, p printer) section {
	t := &table{
		Head:  []string{p.t("col.mark"), p.t("col.value"), p.changeHeading(r), p.t("col.trend"), p.t("col.meaning")},
		Right: []bool{false, true, false, false, false},
	}
	for _, m := range r.Marks {
		ch := cell{Text: p.diff(m.Value-m.Previous, true, m.Unit)}
		t.Rows = append(t.Rows, []cell{{Text: p.markLabel(m.Key), Def: m.Key}, {Text: p.value(m.Value, m.Unit, false)}, ch,
			{Text: sparkline(m.Trend)}, {Text: p.t("mark." + m.Key + ".help")}})
	}
	return section{Title: p.t("sec.marks"), Parts: []part{{Table: t, Empty: p.t("no_data")}}}
}

func trendsSection(r *report.Report, p printer) section {
	tr := r.Trends
	t := &table{
		Head: []string{
			p.t("col.week"), p.t("series.active"), p.t("series.asked"), p.t("series.answered"), p.t("series.median"),
		},
		Right: []bool{false, true, true, true, true},
		HeadDef: []string{"", report.FigActiveMembers, report.FigQuestionsAsked, report.FigAnsweredPercent,
			report.FigMedianResponse},
	}
	at := func(xs []int, i int) string {
		if i < len(xs) {
			return p.num(float64(xs[i]))
		}
		return "—"
	}
	for i, w := range tr.Weeks {
		med := "—"
		if i < len(tr.MedianResponseHours) && tr.MedianResponseHours[i] >= 0 {
			med = p.value(tr.MedianResponseHours[i], "hours", false)
		}
		t.Rows = append(t.Rows, []cell{{Text: clean(w, 20)}, {Text: at(tr.Active, i)}, {Text: at(tr.Asked, i)},
			{Text: at(tr.Answered, i)}, {Text: med}})
	}
	title := p.n("sec.trends", len(tr.Weeks))
	if len(tr.Weeks) == 0 {
		title = p.t("sec.trends_none")
	}
	return section{Title: title, Parts: []part{{Table: t, Empty: p.t("no_data")}}, Trend: true}
}
