package rendertest

import (
	"fmt"
	"time"

	"praxis/bot/report"
)

// Sponsor is a sponsors' report of November 2026 in Paris, in lang, with n
// communities: the first two as a sponsor reads them (figures up and down,
// one without questions, one without profile fields), the others copies of
// the first, numbered.
func Sponsor(lang string, n int) *report.Sponsor {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	p := report.Month(time.Date(2026, 11, 15, 12, 0, 0, 0, paris), paris)
	s := &report.Sponsor{Language: lang, TimeZone: "Europe/Paris", Period: p, Previous: p.Before(),
		GeneratedAt: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)}
	fig := func(key string, v, prev float64, unit string) report.Figure {
		return report.Figure{Key: key, Value: v, Previous: prev, Unit: unit}
	}
	marks := func(scale float64) []report.Mark {
		return []report.Mark{
			{Key: report.MarkConnected, Value: 12.5 * scale, Previous: 10, Unit: "percent"},
			{Key: report.MarkInterests, Value: 41 * scale, Previous: 43, Unit: "percent"},
			{Key: report.MarkCooperation, Value: 120 * scale, Previous: 96},
			{Key: report.MarkResources, Value: 18 * scale, Previous: 18},
			{Key: report.MarkLearning, Value: 22 * scale, Previous: 15},
			{Key: report.MarkCulture, Value: 71 * scale, Previous: 68, Unit: "percent"},
		}
	}
	first := report.SponsorCommunity{Community: "Platform guild", Vocation: "Run the platform <well> & share how.",
		Figures: []report.Figure{
			fig(report.FigMembers, 1240, 1200, ""), fig(report.FigNewMembers, 52, 31, ""),
			fig(report.FigActiveMembers, 310, 298, ""), fig(report.FigQuestionsAsked, 64, 70, ""),
			fig(report.FigAnsweredPercent, 87.5, 80, "percent"), fig(report.FigMedianResponse, 2.5, 3.5, "hours"),
			fig(report.FigCrossedAnswers, 41, 33, ""), fig(report.FigResources, 18, 18, ""),
			fig(report.FigNewContributors, 4, 2, ""),
		},
		Crossing: report.Crossing{Answers: 96, Known: 66, Teams: 35, Sites: 22, Any: 41}, Marks: marks(1),
		Helpers: []report.Recognised{
			{Person: report.Person{ID: "U0ALICE", Name: "Alice <Ops> Martin"}, Accepted: 3, Thanked: 1, People: 4},
			{Person: report.Person{ID: "U0BOB", Name: "Bob"}, Thanked: 1, People: 1},
		}, HelpersTotal: 14}
	second := report.SponsorCommunity{Community: "Data & ML", Figures: []report.Figure{
		fig(report.FigMembers, 80, 82, ""), fig(report.FigNewMembers, 0, 3, ""),
		fig(report.FigActiveMembers, 12, 20, ""), fig(report.FigQuestionsAsked, 0, 4, ""),
		{Key: report.FigAnsweredPercent, Unit: "percent", Missing: true, Previous: 75},
		{Key: report.FigMedianResponse, Unit: "hours", Missing: true, Previous: 6},
		fig(report.FigCrossedAnswers, 0, 1, ""), fig(report.FigResources, 2, 5, ""),
		fig(report.FigNewContributors, 0, 0, ""),
	}, Crossing: report.Crossing{Answers: 3}, Marks: marks(0.5)}
	s.Communities = append(s.Communities, first, second)
	for i := 3; i <= n; i++ {
		c := first
		c.Community = fmt.Sprintf("Guild %d", i)
		s.Communities = append(s.Communities, c)
	}
	s.Communities = s.Communities[:min(n, len(s.Communities))]
	return s
}
