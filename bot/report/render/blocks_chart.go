package render

import (
	"math"

	"github.com/slack-go/slack"

	"praxis/bot/report"
)

// chartBlocks are the three trends as Slack's own charts. Each keeps
// Slack's rules: a title of at most 50 characters, series names and
// category labels of at most 20, 1 to 20 points, one point per category;
// a chart that would break one is left out rather than refused.
func chartBlocks(r *report.Report, p printer) []slack.Block {
	t := r.Trends
	weeks := chartWeeks(t.Weeks)
	var out []slack.Block
	add := func(id, title string, chart slack.DataVisualizationChart) {
		b := slack.NewDataVisualizationBlock(cut(title, maxChartTitle), chart, slack.DataVisualizationBlockOptionBlockID(id))
		if b.Validate() == nil {
			out = append(out, b)
		}
	}
	axis := func(cats []string, y string) slack.DataVisualizationAxisConfig {
		x := cut(p.t("col.week"), maxAxisLabel)
		return slack.NewDataVisualizationAxisConfig(cats...).WithXLabel(x).WithYLabel(cut(y, maxAxisLabel))
	}
	series := func(name string, idx []int, cats []string, v func(i int) float64) slack.DataVisualizationDataSeries {
		pts := make([]slack.DataVisualizationDataPoint, len(idx))
		for j, i := range idx {
			pts[j] = slack.NewDataVisualizationDataPoint(cats[j], v(i))
		}
		return slack.NewDataVisualizationDataSeries(cut(name, maxChartLabel), pts...)
	}

	// Weeks with every value of the chart present.
	with := func(ok func(i int) bool) ([]int, []string) {
		var idx []int
		var cats []string
		for _, w := range weeks {
			if ok(w.i) {
				idx, cats = append(idx, w.i), append(cats, w.label)
			}
		}
		return idx, cats
	}
	if idx, cats := with(func(i int) bool { return i < len(t.Active) }); len(idx) > 0 {
		active := series(p.t("series.active"), idx, cats, func(i int) float64 { return float64(t.Active[i]) })
		add("report_chart_active", p.t("chart.active"),
			slack.NewDataVisualizationLineChart(axis(cats, p.t("trend.members_y")), active))
	}
	if idx, cats := with(func(i int) bool { return i < len(t.Asked) && i < len(t.Answered) }); len(idx) > 0 {
		asked := series(p.t("series.asked"), idx, cats, func(i int) float64 { return float64(t.Asked[i]) })
		answered := series(p.t("series.answered"), idx, cats, func(i int) float64 { return float64(t.Answered[i]) })
		add("report_chart_questions", p.t("chart.questions"),
			slack.NewDataVisualizationBarChart(axis(cats, p.t("trend.questions_y")), asked, answered))
	}
	med := t.MedianResponseHours
	if idx, cats := with(func(i int) bool {
		return i < len(med) && med[i] >= 0 && !math.IsInf(med[i], 0) && !math.IsNaN(med[i])
	}); len(idx) > 0 {
		median := series(p.t("series.median"), idx, cats, func(i int) float64 { return math.Round(med[i]*10) / 10 })
		add("report_chart_response", p.t("chart.response"),
			slack.NewDataVisualizationLineChart(axis(cats, p.t("trend.response_y")), median))
	}
	return out
}

type chartWeek struct {
	i     int
	label string
}

// chartWeeks are the last 20 weeks with a label Slack takes: non-empty,
// at most 20 characters, not seen before.
func chartWeeks(labels []string) []chartWeek {
	var out []chartWeek
	seen := map[string]bool{}
	for i, w := range labels {
		l := cut(clean(w, maxChartLabel), maxChartLabel)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, chartWeek{i, l})
	}
	if len(out) > maxChartPoints {
		out = out[len(out)-maxChartPoints:]
	}
	return out
}
