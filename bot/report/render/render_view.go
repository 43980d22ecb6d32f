package render

import (
	"fmt"
	"strings"

	"praxis/bot/report"
)

// doc is a report laid out for reading, in its language: titled sections of
// facts, paragraphs and tables. Text, Markdown and HTML each draw the same
// doc, so they say the same things.
type doc struct {
	Lang     string
	Anchor   string // the HTML id of the community's section
	Title    string
	Subtitle []string
	Sections []section
	Footer   string
	report   *report.Report
	p        printer
}

type section struct {
	Title string
	Parts []part
	Trend bool // the trends: HTML draws the charts here
}

// part is one of: a sub-heading with a table (or Empty when it has no
// rows), a list of facts, or paragraphs.
type part struct {
	Heading string
	Facts   []fact
	Lines   []string
	Table   *table
	Empty   string
	// More says how many items the table leaves out ("…and 17 more"),
	// empty when it shows them all.
	More string
	// Def is the definition (definitions' ID) of the figures its Lines
	// hold, which HTML links to.
	Def string
}

// fact is a figure and its value; Def is its definition's ID, which the
// HTML page links its label to.
type fact struct{ Label, Value, Def string }

type table struct {
	Head  []string
	Right []bool // numeric columns, right-aligned
	Rows  [][]cell
	// HeadDef is the definition of each column's figure, "" for a column
	// that holds none (or when each row's first cell names its figure).
	HeadDef []string
}

// cell is a table cell; Link, when set, is a safe http(s) URL. Tone is
// "good" or "bad" for a change worth colouring. Def, on a row's first
// cell, is the definition of the figure the row shows.
type cell struct {
	Text string
	Link string
	Tone string
	Def  string
}

// MetricsDoc is where every figure of a report is defined with its
// formula, which the footers name and Markdown, read beside the repository,
// links to (relative to its root). The HTML page, opened from a DM, defines
// its figures itself (definitions).
const MetricsDoc = "docs/metrics.md"

// Limits on what the rendered reports show of free text: the contract says
// question texts are shortened, but the renderers do not trust it.
const (
	maxName     = 60
	maxQuestion = 120
)

func newDoc(r *report.Report, i int) doc {
	p := newPrinter(r)
	d := doc{
		Lang:   p.lang,
		Anchor: fmt.Sprintf("community-%d", i+1),
		Title:  p.t("title", clean(r.Community, 100), clean(r.Period.Label, 40)),
		Footer: p.t("footer"),
		report: r,
		p:      p,
	}
	sub := []string{p.span(r.Period)}
	if r.TimeZone != "" {
		sub[0] += " (" + clean(r.TimeZone, 40) + ")"
	}
	if r.Previous.Label != "" {
		sub = append(sub, p.t("compared", clean(r.Previous.Label, 40)))
	}
	if !r.GeneratedAt.IsZero() {
		sub = append(sub, p.t("generated", p.date(r.GeneratedAt)))
	}
	for _, l := range sub {
		if l != "" {
			d.Subtitle = append(d.Subtitle, l)
		}
	}
	d.Sections = []section{
		actSection(r, p), headlineSection(r, p), membersSection(r, p), questionsSection(r, p),
		newcomersSection(r, p), riskSection(r, p),
		nudgesSection(r, p), marksSection(r, p), trendsSection(r, p),
	}
	return d
}

// Label is the head of column i, which a narrow screen shows before each
// cell ("" past the head).
func (t *table) Label(i int) string {
	if i < len(t.Head) {
		return t.Head[i]
	}
	return ""
}

// ColDef is the definition of column i's figure ("" for none).
func (t *table) ColDef(i int) string {
	if i < len(t.HeadDef) {
		return t.HeadDef[i]
	}
	return ""
}

// Align is the CSS class of column i: "num" for numbers.
func (t *table) Align(i int) string {
	if i < len(t.Right) && t.Right[i] {
		return "num"
	}
	return ""
}

// Class is the CSS classes of cell c in column i: its alignment and tone.
func (t *table) Class(i int, c cell) string {
	return strings.TrimSpace(t.Align(i) + " " + c.Tone)
}

// channelName is the open question's channel as text: its name, else its ID.
func channelName(o report.OpenQuestion) string {
	if n := clean(strings.TrimPrefix(o.ChannelName, "#"), 40); n != "" {
		return n
	}
	return clean(o.Channel, 40)
}
