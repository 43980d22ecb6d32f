// Package rendertest holds hand-built reports that the renderers' tests and
// the Slack edge's tests share: every section filled, or a quiet first week.
package rendertest

import (
	"fmt"
	"time"

	"praxis/bot/report"
)

// Sample is a hand-built report of a busy week, in lang, with every
// section filled and most lists capped: 27 open questions, 3 of the week's,
// of which 3 are listed (2 of the week's, 1 older); 11 core members, 2
// listed; 5 helpers, 2 listed.
func Sample(lang string) *report.Report {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, paris) }
	weeks := make([]string, 12)
	for i := range weeks {
		weeks[i] = fmt.Sprintf("2026-W%02d", 36+i)
	}
	community := "Platform guild"
	if lang == "fr" {
		community = "Guilde sécurité"
	}
	return &report.Report{
		Community:   community,
		Language:    lang,
		TimeZone:    "Europe/Paris",
		Period:      report.Period{Label: "2026-W47", From: day(16, 0), To: day(23, 0)},
		Previous:    report.Period{Label: "2026-W46", From: day(9, 0), To: day(16, 0)},
		GeneratedAt: day(23, 7),
		Headline: []report.Figure{
			{Key: report.FigActiveMembers, Value: 42, Previous: 39},
			{Key: report.FigNewMembers, Value: 3, Previous: 5},
			{Key: report.FigMessages, Value: 12345, Previous: 12000},
			{Key: report.FigQuestionsAsked, Value: 14, Previous: 14},
			{Key: report.FigAnsweredPercent, Value: 78.5, Previous: 70, Unit: "percent"},
			{Key: report.FigMedianResponse, Value: 3.5, Unit: "hours", PrevMissing: true},
			{Key: report.FigOpenQuestions, Value: 27, Previous: 25},
			{Key: report.FigResources, Value: 9, Previous: 11},
		},
		Members: report.Members{
			Total: 180, New: 3, Active: 42, Returning: 4, GoneQuiet: 2,
			Levels: map[report.Level]int{report.Observer: 120, report.Participant: 35, report.Contributor: 18, report.Core: 11},
			Moves: []report.Move{
				{From: report.Participant, To: report.Contributor, Count: 3},
				{From: report.Core, To: report.Contributor, Count: 1},
			},
			Core: []report.Person{{ID: "U0CORE1", Name: "Awa Diallo"}, {ID: "U0CORE2", Name: "Bruno Costa"}},
		},
		Contributions: report.Contributions{Messages: 230, Replies: 410, Reactions: 512, Resources: 9},
		Questions: report.Questions{
			Asked: 14, Answered: 11, Resolved: 8,
			MedianFirstAnswerHours: 3.5, P90FirstAnswerHours: 20, HasTimes: true,
			Open: []report.OpenQuestion{
				{
					Asker:       report.Person{ID: "U0ASK2", Name: "Dana Scully"},
					Channel:     "C0HELP",
					ChannelName: "platform-help",
					TS:          "1700000500.000200",
					Text:        "Helm chart values: override per environment?",
					AskedAt:     day(22, 10),
					AgeHours:    21,
					Permalink:   "https://example.slack.com/archives/C0HELP/p1700000500000200",
					ThisPeriod:  true,
					Escalated:   true,
					Nudged:      2,
				},
				{
					Asker:       report.Person{ID: "U0ASK1", Name: "Chen Wei"},
					Channel:     "C0PLAT",
					ChannelName: "platform",
					TS:          "1700000000.000100",
					Text:        "How do we rotate TLS certificates on the edge proxies?",
					AskedAt:     day(18, 9),
					AgeHours:    118,
					Permalink:   "https://example.slack.com/archives/C0PLAT/p1700000000000100",
					ThisPeriod:  true,
				},
				{
					Asker:       report.Person{ID: "U0ASK3", Name: "Ola Nordmann"},
					Channel:     "C0PLAT",
					ChannelName: "platform",
					TS:          "1696000000.000300",
					Text:        "Who owns the legacy VPN?",
					AskedAt:     day(23, 0).AddDate(0, 0, -41),
					AgeHours:    41 * 24,
					Permalink:   "https://example.slack.com/archives/C0PLAT/p1696000000000300",
				},
			},
			OldestOpenHours: 75 * 24,
		},
		Newcomers: []report.Newcomer{
			{Person: report.Person{ID: "U0NEW1", Name: "Elif Yilmaz"}, JoinedAt: day(17, 8), Posted: true, GotReply: true,
				Permalink: "https://example.slack.com/archives/C0PLAT/p1700000900000300"},
			{Person: report.Person{ID: "U0NEW2", Name: "Farid Haddad"}, JoinedAt: day(19, 14), Posted: true, GotReply: false,
				Permalink: "https://example.slack.com/archives/C0PLAT/p1700001000000400"},
			{Person: report.Person{ID: "U0NEW3", Name: "Gita Rao"}, JoinedAt: day(21, 16)},
		},
		TopHelpers: []report.Helper{
			{Person: report.Person{ID: "U0HELP1", Name: "Hugo Martin"}, Accepted: 4, Thanked: 6, Answers: 9},
			{Person: report.Person{ID: "U0HELP2", Name: "Ines Duarte"}, Accepted: 2, Thanked: 3, Answers: 5},
		},
		Risk: report.Risk{
			Slipping: []report.Slipping{
				{Person: report.Person{ID: "U0SLIP1", Name: "Jonas Berg"}, Baseline: 6, Recent: 0.5},
			},
			AbsenceFactor: 4,
			Bridges: []report.Bridge{
				{Person: report.Person{ID: "U0BRID1", Name: "Kofi Mensah"}, Communities: []string{"Data guild", "SRE"}},
			},
		},
		Nudges: report.NudgeEffect{Sent: 12, Nudged: 40, NudgedContributed: 18, Holdout: 38, HoldoutContributed: 9,
			Lift: 21.3, Significant: true, PValue: 0.021},
		Counts: report.Counts{OpenQuestions: 27, OpenThisPeriod: 3, Newcomers: 3, NewcomersWaiting: 1,
			TopHelpers: 5, Slipping: 1, Bridges: 1, Core: 11},
		Marks: []report.Mark{
			{Key: report.MarkConnected, Value: 64, Previous: 60, Unit: "percent", Trend: series(12, 50, 1.2)},
			{Key: report.MarkInterests, Value: 81, Previous: 83, Unit: "percent", Trend: series(12, 85, -0.3)},
			{Key: report.MarkCooperation, Value: 2.4, Previous: 2.1, Trend: series(12, 1.5, 0.08)},
			{Key: report.MarkResources, Value: 9, Previous: 11, Trend: series(12, 7, 0.2)},
			{Key: report.MarkLearning, Value: 57, Previous: 50, Unit: "percent", Trend: series(12, 40, 1.5)},
			{Key: report.MarkCulture, Value: 75, Previous: 75, Unit: "percent", Trend: series(12, 75, 0)},
		},
		Trends: report.Trends{
			Weeks:               weeks,
			Active:              []int{30, 31, 33, 29, 35, 36, 38, 37, 40, 41, 39, 42},
			Asked:               []int{10, 12, 9, 11, 15, 13, 12, 16, 14, 13, 14, 14},
			Answered:            []int{8, 10, 9, 9, 12, 12, 10, 14, 12, 12, 11, 11},
			MedianResponseHours: []float64{5, 4.5, -1, 6, 4, 3.8, 4.2, 3, -1, 3.9, 4.1, 3.5},
		},
	}
}

func series(n int, start, step float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = start + step*float64(i)
	}
	return out
}

// Empty is a community's first, quiet week: no questions, no
// newcomers, no nudges, no trends.
func Empty(lang string) *report.Report {
	return &report.Report{
		Community: "Quiet corner",
		Language:  lang,
		TimeZone:  "UTC",
		Period: report.Period{
			Label: "2026-W47",
			From:  time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC),
			To:    time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		},
		Headline: []report.Figure{
			{Key: report.FigActiveMembers, Value: 0, Previous: 0},
			{Key: report.FigMedianResponse, Unit: "hours", Missing: true, PrevMissing: true},
		},
	}
}
