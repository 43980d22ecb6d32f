package render

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"praxis/bot/report"
)

// CSVHeader is the header row of the CSV format: one row per community,
// period and metric (a tidy long format, for pivot tables). value,
// previous and change are plain numbers ('.' decimals), empty when
// missing; from and to are RFC 3339, empty for the weekly trend rows,
// whose period is the week's label. A text cell that a spreadsheet would
// run as a formula starts with a single quote (see textCell).
var CSVHeader = []string{"community", "period", "from", "to", "metric", "value", "previous", "change", "unit"}

func renderCSV(w io.Writer, rs []*report.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range rs {
		for _, row := range csvRows(r) {
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// metric is one row of the CSV format before formatting.
type metric struct {
	name            string
	value, previous float64
	hasV, hasP      bool
	unit            string
}

func csvRows(r *report.Report) [][]string {
	var ms []metric
	add := func(name string, v float64, unit string) {
		ms = append(ms, metric{name: name, value: v, hasV: true, unit: unit})
	}
	for _, f := range r.Headline {
		ms = append(ms, metric{
			name:     f.Key,
			value:    f.Value,
			previous: f.Previous,
			hasV:     !f.Missing,
			hasP:     !f.PrevMissing,
			unit:     f.Unit,
		})
	}
	m, c, q, n := r.Members, r.Contributions, r.Questions, r.Counts
	for _, x := range []struct {
		name string
		v    int
	}{
		{"members.total", m.Total}, {"members.new", m.New}, {"members.active", m.Active},
		{"members.returning", m.Returning}, {"members.gone_quiet", m.GoneQuiet},
		{"contributions.messages", c.Messages}, {"contributions.replies", c.Replies},
		{"contributions.reactions", c.Reactions}, {"contributions.resources", c.Resources},
		{"questions.asked", q.Asked}, {"questions.answered", q.Answered}, {"questions.resolved", q.Resolved},
		// The true sizes of the lists, not how many of them a report lists.
		{"questions.open", max(n.OpenQuestions, len(q.Open))}, {"questions.open_this_period", n.OpenThisPeriod},
		{"newcomers", max(n.Newcomers, len(r.Newcomers))}, {"newcomers.waiting", n.NewcomersWaiting},
		{"helpers", max(n.TopHelpers, len(r.TopHelpers))},
		{"risk.absence_factor", r.Risk.AbsenceFactor}, {"risk.slipping", max(n.Slipping, len(r.Risk.Slipping))},
		{"risk.bridges", max(n.Bridges, len(r.Risk.Bridges))},
		{"nudges.sent", r.Nudges.Sent}, {"nudges.nudged", r.Nudges.Nudged},
		{"nudges.nudged_contributed", r.Nudges.NudgedContributed}, {"nudges.holdout", r.Nudges.Holdout},
		{"nudges.holdout_contributed", r.Nudges.HoldoutContributed},
	} {
		add(x.name, float64(x.v), "")
	}
	for _, l := range report.Levels {
		add("members.level."+string(l), float64(m.Levels[l]), "")
	}
	if q.HasTimes {
		add("questions.median_first_answer_hours", q.MedianFirstAnswerHours, "hours")
		add("questions.p90_first_answer_hours", q.P90FirstAnswerHours, "hours")
	}
	if r.Nudges.Significant {
		add("nudges.lift_points", r.Nudges.Lift, "points")
	}
	if r.Nudges.Nudged > 0 && r.Nudges.Holdout > 0 {
		add("nudges.p_value", r.Nudges.PValue, "")
	}
	for _, k := range r.Marks {
		ms = append(ms, metric{
			name:     "marks." + k.Key,
			value:    k.Value,
			previous: k.Previous,
			hasV:     true,
			hasP:     true,
			unit:     k.Unit,
		})
	}
	from, to := rfc3339(r.Period.From), rfc3339(r.Period.To)
	var rows [][]string
	for _, x := range ms {
		rows = append(rows, csvRow(r.Community, r.Period.Label, from, to, x))
	}
	return append(rows, trendRows(r)...)
}

// trendRows are the 12 weekly values of each trend, one row per week.
func trendRows(r *report.Report) [][]string {
	t := r.Trends
	var rows [][]string
	for i, w := range t.Weeks {
		add := func(name string, v float64, ok bool, unit string) {
			rows = append(rows, csvRow(r.Community, w, "", "", metric{name: name, value: v, hasV: ok, unit: unit}))
		}
		if i < len(t.Active) {
			add("trend.active_members", float64(t.Active[i]), true, "")
		}
		if i < len(t.Asked) {
			add("trend.questions_asked", float64(t.Asked[i]), true, "")
		}
		if i < len(t.Answered) {
			add("trend.questions_answered", float64(t.Answered[i]), true, "")
		}
		if i < len(t.MedianResponseHours) {
			v := t.MedianResponseHours[i]
			add("trend.median_first_answer_hours", v, v >= 0, "hours")
		}
	}
	return rows
}

func csvRow(community, period, from, to string, m metric) []string {
	val, prev, change := "", "", ""
	if m.hasV {
		val = number(m.value)
	}
	if m.hasP {
		prev = number(m.previous)
	}
	if m.hasV && m.hasP {
		change = number(m.value - m.previous)
	}
	// Text cells go through textCell; numbers and times are ours, written
	// as numbers (a negative change stays -3, which spreadsheets read as a
	// number, not a formula).
	return []string{textCell(community), textCell(period), from, to, textCell(m.name), val, prev, change, textCell(m.unit)}
}

// textCell is a text cell as written (encoding/csv quotes what needs it):
// invalid UTF-8 replaced so that readers do not choke, and a cell that
// starts with =, +, -, @, a tab or a carriage return, which a spreadsheet
// would run as a formula (CSV injection: a community named
// =HYPERLINK(…)), prefixed with a single quote, as OWASP advises.
func textCell(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// renderJSON writes the reports as an indented JSON array, which
// decodes back into []*Report.
func renderJSON(w io.Writer, rs []*report.Report) error {
	if rs == nil {
		rs = []*report.Report{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rs)
}
