// Package render shows a report (bot/report's model) every way it is read: text for
// a terminal, Markdown, a standalone HTML page with PNG charts, CSV, JSON, and
// Block Kit for a facilitator's DM. It reads nothing and sends nothing.
package render

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"praxis/bot/i18n"
	"praxis/bot/report"
)

// Format is an output format of Render.
type Format string

// Formats of Render: Text for a terminal, Markdown for a wiki, HTML for a
// standalone page to open, print or mail, CSV and JSON for spreadsheets and
// scripts.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	HTML     Format = "html"
	CSV      Format = "csv"
	JSON     Format = "json"
)

// Formats lists the formats Render accepts, in the order help texts show them.
var Formats = []Format{Text, Markdown, HTML, CSV, JSON}

// ParseFormat reads a format name, as a --format flag gives it ("md" is
// Markdown); its error lists the accepted names.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "md" {
		return Markdown, nil
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		if string(f) == name {
			return f, nil
		}
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown report format %q: use one of %s", s, strings.Join(names, ", "))
}

// Render writes the reports of one or several communities in format f, as
// one document.
func Render(w io.Writer, rs []*report.Report, f Format) error {
	for i, r := range rs {
		if r == nil {
			return fmt.Errorf("render %s report: report %d is nil", f, i)
		}
	}
	var err error
	switch f {
	case Text:
		err = renderText(w, rs)
	case Markdown:
		err = renderMarkdown(w, rs)
	case HTML:
		err = renderHTML(w, rs)
	case CSV:
		err = renderCSV(w, rs)
	case JSON:
		err = renderJSON(w, rs)
	default:
		_, err = ParseFormat(string(f))
		return err
	}
	if err != nil {
		return fmt.Errorf("render %s report: %w", f, err)
	}
	return nil
}

// Summary is a few lines of plain text: the headline figures with their
// change, and the open questions. Slack shows it as the notification of the
// report's message; the demo prints it.
func Summary(r *report.Report) string {
	if r == nil {
		return ""
	}
	p := newPrinter(r)
	var b strings.Builder
	b.WriteString(p.t("report_for", clean(r.Community, 80), clean(r.Period.Label, 40)) + "\n")
	var figs []string
	for _, f := range r.Headline {
		figs = append(figs, fmt.Sprintf("%s %s (%s)", p.figLabel(f.Key), p.value(f.Value, f.Unit, f.Missing), p.change(f)))
	}
	for _, line := range wrapJoin(figs, " · ", 100) {
		b.WriteString(line + "\n")
	}
	b.WriteString(p.openLine(r) + "\n")
	return b.String()
}

// T is the word for key in lang from the renderers' catalog: the Slack edge
// titles its chart uploads and hides private questions in the same words.
func T(lang, key string, args ...any) string { return catalog.T(lang, key, args...) }

// printer formats numbers, changes and labels in a report's language.
type printer struct {
	lang string
	loc  *time.Location
}

// newPrinter prints r in its language and in its community's time zone,
// the one its period was cut in.
func newPrinter(r *report.Report) printer {
	return printer{lang: i18n.Lang(r.Language), loc: r.Period.From.Location()}
}

func (p printer) t(key string, args ...any) string { return catalog.T(p.lang, key, args...) }

// n is the sentence for the count n, in its plural form (i18n.Catalog.N).
func (p printer) n(key string, n int, args ...any) string { return catalog.N(p.lang, key, n, args...) }

// count is n with its noun, in its plural form: a piece of a sentence
// that holds several counts.
func (p printer) count(key string, n int) string { return p.n(key, n) }

// helperLine is what a helper did: accepted answers, thanks, answers.
func (p printer) helperLine(accepted, thanked, answers int) string {
	return p.t("helper.line", p.count("n.accepted", accepted), p.count("n.thanked", thanked),
		p.count("n.answers", answers))
}

// label is the catalog's label for prefix+key, or the key itself (cleaned)
// for a key the catalog does not know.
func (p printer) label(prefix, key string) string {
	if s := p.t(prefix + key); s != "" {
		return s
	}
	return clean(key, 40)
}

func (p printer) figLabel(key string) string { return p.label("fig.", key) }
func (p printer) markLabel(key string) string {
	return p.label("mark.", key)
}
func (p printer) levelLabel(l report.Level) string { return p.label("level.", string(l)) }

// num is v with the language's separators: an integer when v is one, else
// one decimal.
func (p printer) num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && s != "0" {
		b.WriteString("−")
	}
	sep := p.t("thousands")
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && len(intPart) > 4 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	if hasFrac {
		b.WriteString(p.t("decimal") + frac)
	}
	return b.String()
}

// value is v in its unit, or "—" when missing.
func (p printer) value(v float64, unit string, missing bool) string {
	if missing || math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return p.unit(p.num(v), unit)
}

func (p printer) unit(n, unit string) string {
	switch unit {
	case "":
		return n
	case "percent":
		return p.t("unit.percent", n)
	case "hours":
		return p.t("unit.hours", n)
	default:
		return n + " " + clean(unit, 20)
	}
}

// change is the week-over-week change of f: "▲ +3", "▼ −2.5 h", "= 0", or
// "—" when either value is missing. A change of a percentage is in points.
func (p printer) change(f report.Figure) string {
	d, ok := f.Change()
	return p.diff(d, ok && !math.IsNaN(d) && !math.IsInf(d, 0), f.Unit)
}

func (p printer) diff(d float64, ok bool, unit string) string {
	if !ok {
		return "—"
	}
	if unit == "percent" {
		unit = "points"
	}
	n := p.num(math.Abs(d))
	switch unit {
	case "points":
		n = p.t("unit.points", n)
	default:
		n = p.unit(n, unit)
	}
	switch {
	case math.Abs(d) < 0.05:
		return "= " + n
	case d > 0:
		return "▲ +" + n
	default:
		return "▼ −" + n
	}
}

// worse tells whether a rise of figure key is bad news: the arrow is then
// shown in the warning colour.
func worse(key string, d float64) bool {
	switch key {
	case report.FigMedianResponse, report.FigOpenQuestions:
		return d > 0
	}
	return d < 0
}

// age is a waiting time: hours under two days, days after.
func (p printer) age(hours float64) string {
	if math.IsNaN(hours) || math.IsInf(hours, 0) || hours < 0 {
		return "—"
	}
	if hours < 48 {
		return p.t("unit.hours", p.num(math.Round(hours)))
	}
	return p.t("unit.days", p.num(math.Floor(hours/24)))
}

// date is t's day in the community's time zone.
func (p printer) date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(p.loc).Format(p.t("date"))
}

// span is the period's days, its end being exclusive.
func (p printer) span(pd report.Period) string {
	if pd.From.IsZero() || pd.To.IsZero() {
		return ""
	}
	return p.t("range", p.date(pd.From), p.date(pd.To.Add(-time.Nanosecond)))
}

// changeHeading names the change column: week over week for a week.
func (p printer) changeHeading(r *report.Report) string {
	if d := r.Period.To.Sub(r.Period.From); d >= 6*24*time.Hour && d <= 8*24*time.Hour {
		return p.t("change_week")
	}
	return p.t("change_other")
}

// openLine counts the open questions, listed or not, those of the period
// among them, and says how long the oldest has waited.
func (p printer) openLine(r *report.Report) string {
	q := r.Questions
	total, oldest := max(r.Counts.OpenQuestions, len(q.Open)), q.OldestOpenHours
	for _, o := range q.Open {
		oldest = max(oldest, o.AgeHours)
	}
	switch total {
	case 0:
		return p.t("open.zero")
	case 1:
		return p.t("open.one", p.age(oldest))
	}
	switch r.Counts.OpenThisPeriod {
	case 0:
		return p.t("open.count_no_new", total, p.age(oldest))
	case 1:
		return p.t("open.count_one_new", total, 1, p.age(oldest))
	}
	return p.t("open.count", total, r.Counts.OpenThisPeriod, p.age(oldest))
}

// wrapJoin joins items with sep into lines of at most width columns (an
// item longer than width gets a line of its own).
func wrapJoin(items []string, sep string, width int) []string {
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case textWidth(cur)+textWidth(sep)+textWidth(it) <= width:
			cur += sep + it
		default:
			lines = append(lines, cur)
			cur = it
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
