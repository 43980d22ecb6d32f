package render

import (
	"strings"

	"praxis/bot/report"
)

// actSection leads the report with what a facilitator can do this week:
// the period's questions still unanswered (escalated ones first, then those
// Praxis asked members about), newcomers waiting for a reply, members gone
// quiet with their usual rhythm, and the helpers to thank. Each list says
// how many it leaves out.
func actSection(r *report.Report, p printer) section {
	n := r.Counts
	week, _ := splitOpen(r.Questions.Open)
	waiting := waitingNewcomers(r.Newcomers)
	return section{Title: p.actTitle(r), Parts: []part{
		{Heading: p.t("act.questions"), Table: openTable(week, true, p), Empty: p.t("act.questions_none"),
			More: p.more(n.OpenThisPeriod, len(week))},
		{Heading: p.t("blocks.newcomers"), Table: waitingTable(waiting, p), Empty: p.t("act.newcomers_none"),
			More: p.more(n.NewcomersWaiting, len(waiting))},
		{Heading: p.t("act.quiet"), Table: slippingTable(r.Risk.Slipping, p), Empty: p.t("slipping.none"),
			More: p.more(n.Slipping, len(r.Risk.Slipping))},
		{Heading: p.t("act.thank"), Table: helpersTable(r.TopHelpers, p), Empty: p.t("helpers.none"),
			More: p.more(n.TopHelpers, len(r.TopHelpers))},
	}}
}

// actTitle names the section after the period: this week, or now.
func (p printer) actTitle(r *report.Report) string {
	if p.changeHeading(r) == p.t("change_week") {
		return p.t("sec.act")
	}
	return p.t("sec.act_other")
}

// splitOpen parts the listed open questions into those asked in the period
// and the older ones, each in the report's order.
func splitOpen(open []report.OpenQuestion) (period, older []report.OpenQuestion) {
	for _, o := range open {
		if o.ThisPeriod {
			period = append(period, o)
		} else {
			older = append(older, o)
		}
	}
	return period, older
}

// waitingNewcomers are the newcomers who posted and got no reply.
func waitingNewcomers(ns []report.Newcomer) []report.Newcomer {
	var out []report.Newcomer
	for _, n := range ns {
		if n.Posted && !n.GotReply {
			out = append(out, n)
		}
	}
	return out
}

// more is "…and N more" for a list of total items that shows shown of
// them, or "" when it shows them all. A total below shown (a report made
// without counts) counts what is shown.
func (p printer) more(total, shown int) string {
	if total <= shown {
		return ""
	}
	return p.t("list.more", total-shown)
}

// openTable lists open questions; followUp adds what Praxis did about each.
func openTable(open []report.OpenQuestion, followUp bool, p printer) *table {
	t := &table{
		Head:    []string{p.t("col.age"), p.t("col.asker"), p.t("col.channel"), p.t("col.question")},
		Right:   []bool{true, false, false, false},
		HeadDef: []string{"waiting"},
	}
	if followUp {
		t.Head = append(t.Head, p.t("col.followup"))
	}
	for _, o := range open {
		row := []cell{{Text: p.age(o.AgeHours)}, {Text: personName(o.Asker)},
			{Text: "#" + channelName(o)}, {Text: clean(o.Text, maxQuestion), Link: safeURL(o.Permalink)}}
		if followUp {
			row = append(row, cell{Text: p.followUp(o)})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// followUp says what Praxis did about an open question: escalated it, asked
// members about it, or "—".
func (p printer) followUp(o report.OpenQuestion) string {
	var done []string
	if o.Escalated {
		done = append(done, p.t("followup.escalated"))
	}
	if o.Nudged > 0 {
		done = append(done, p.n("followup.nudged", o.Nudged))
	}
	if len(done) == 0 {
		return "—"
	}
	return strings.Join(done, ", ")
}

func waitingTable(ns []report.Newcomer, p printer) *table {
	t := &table{Head: []string{p.t("col.member"), p.t("col.joined")}}
	for _, n := range ns {
		t.Rows = append(t.Rows, []cell{{Text: personName(n.Person)},
			{Text: p.t("blocks.newcomer", p.date(n.JoinedAt)), Link: safeURL(n.Permalink)}})
	}
	return t
}

func slippingTable(ss []report.Slipping, p printer) *table {
	t := &table{
		Head:    []string{p.t("col.member"), p.t("col.baseline"), p.t("col.recent")},
		Right:   []bool{false, true, true},
		HeadDef: []string{"", "slipping", "slipping"},
	}
	for _, s := range ss {
		t.Rows = append(t.Rows, []cell{{Text: personName(s.Person)},
			{Text: p.t("per_week", p.num(s.Baseline))}, {Text: p.t("per_week", p.num(s.Recent)), Tone: "bad"}})
	}
	return t
}

func helpersTable(hs []report.Helper, p printer) *table {
	t := &table{
		Head:    []string{p.t("col.member"), p.t("col.accepted"), p.t("col.thanked"), p.t("col.answers")},
		Right:   []bool{false, true, true, true},
		HeadDef: []string{"", "accepted", "thanked", "answers"},
	}
	for _, h := range hs {
		t.Rows = append(t.Rows, []cell{{Text: personName(h.Person)}, {Text: p.num(float64(h.Accepted))},
			{Text: p.num(float64(h.Thanked))}, {Text: p.num(float64(h.Answers))}})
	}
	return t
}
