package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"praxis/bot/i18n"
	"praxis/bot/recognition"
	"praxis/bot/report"
)

// SponsorFormats are the formats RenderSponsor writes: CSV is the
// facilitators' report's only (its rows are one community's).
var SponsorFormats = []Format{Text, Markdown, HTML, JSON}

// RenderSponsor writes the sponsors' report in format f, as one document:
// a terminal's text, a wiki's Markdown, one HTML page (printable, readable
// on a phone) or JSON for a script.
func RenderSponsor(w io.Writer, s *report.Sponsor, f Format) error {
	if s == nil {
		return fmt.Errorf("render %s sponsors' report: no report", f)
	}
	d := sponsorDoc(s)
	var err error
	switch f {
	case Text:
		bw := bufio.NewWriter(w)
		writeTextDoc(bw, d)
		err = bw.Flush()
	case Markdown:
		bw := bufio.NewWriter(w)
		writeMarkdownDoc(bw, d)
		err = bw.Flush()
	case HTML:
		err = writeHTMLPage(w, []htmlDoc{newHTMLDoc(d)}, d.Title, d.Lang)
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(s)
	default:
		return fmt.Errorf("the sponsors' report is written as text, markdown, html or json, not %q", f)
	}
	if err != nil {
		return fmt.Errorf("render %s sponsors' report: %w", f, err)
	}
	return nil
}

// sponsorPrinter prints s in its reader's language and its month's zone.
func sponsorPrinter(s *report.Sponsor) printer {
	return printer{lang: i18n.Lang(s.Language), loc: s.Period.From.Location()}
}

// monthName is the period's name: "November 2026", "novembre 2026"; its
// label for a period that is not a calendar month.
func (p printer) monthName(pd report.Period) string {
	if !pd.IsMonth() {
		return clean(pd.Label, 40)
	}
	from := pd.From.In(p.loc)
	return fmt.Sprintf("%s %d", i18n.Month(p.lang, from.Month()), from.Year())
}

// sponsorDoc lays the sponsors' report out as the other formats' doc: the
// communities side by side, the answers across teams and sites, the marks.
func sponsorDoc(s *report.Sponsor) doc {
	p := sponsorPrinter(s)
	d := doc{Lang: p.lang, Anchor: "sponsors", Title: p.t("sponsor.title", p.monthName(s.Period)),
		Footer: p.t("sponsor.footer"), p: p}
	sub := p.span(s.Period)
	if s.TimeZone != "" {
		sub += " (" + clean(s.TimeZone, 40) + ")"
	}
	d.Subtitle = []string{sub, p.t("sponsor.compared", p.monthName(s.Previous))}
	if !s.GeneratedAt.IsZero() {
		d.Subtitle = append(d.Subtitle, p.t("generated", p.date(s.GeneratedAt)))
	}
	d.Sections = []section{sideBySide(s, p), crossingSection(s, p), sponsorMarks(s, p), thankedSection(s, p)}
	return d
}

// perTable is how many communities a side-by-side table holds: three
// columns of figures fit a terminal's 100 columns, and a printed page.
const perTable = 3

// sideBySide is a row per figure, a column per community (a card per
// figure on a phone), each with its change since the previous month;
// three communities a table.
func sideBySide(s *report.Sponsor, p printer) section {
	parts := communityTables(s, p, p.t("col.figure"), func(c report.SponsorCommunity) []cell {
		var out []cell
		for _, f := range c.Figures {
			out = append(out, p.figCell(f))
		}
		return out
	}, func(i int) cell {
		return cell{Text: p.figLabel(report.SponsorFigures[i]), Def: report.SponsorFigures[i]}
	})
	return section{Title: p.t("sponsor.sec.side"), Parts: parts}
}

// communityTables lays out the communities of s side by side, perTable a
// table: first names the first column, label(i) the row i (with its
// definition), cells(c) the column of community c. Several tables are
// headed "1 to 3 of 10".
func communityTables(s *report.Sponsor, p printer, first string, cells func(report.SponsorCommunity) []cell,
	label func(i int) cell) []part {
	if len(s.Communities) == 0 {
		return []part{{Table: &table{Head: []string{first}}, Empty: p.t("sponsor.none")}}
	}
	var parts []part
	for from := 0; from < len(s.Communities); from += perTable {
		chunk := s.Communities[from:min(from+perTable, len(s.Communities))]
		t := &table{Head: []string{first}, Right: []bool{false}}
		var cols [][]cell
		for _, c := range chunk {
			t.Head = append(t.Head, clean(c.Community, maxName))
			t.Right = append(t.Right, true)
			cols = append(cols, cells(c))
		}
		for i := range cols[0] {
			row := []cell{label(i)}
			for _, col := range cols {
				row = append(row, col[i])
			}
			t.Rows = append(t.Rows, row)
		}
		pt := part{Table: t, Empty: p.t("sponsor.none")}
		if len(s.Communities) > perTable {
			pt.Heading = p.t("sponsor.chunk", from+1, from+len(chunk), len(s.Communities))
		}
		parts = append(parts, pt)
	}
	return parts
}

// figCell is a figure and its change, "120 (▲ +8, +7%)" for the members,
// whose growth is also a share; toned good or bad.
func (p printer) figCell(f report.Figure) cell {
	c := cell{Text: p.value(f.Value, f.Unit, f.Missing) + " (" + p.change(f)}
	if d, ok := f.Change(); ok {
		if f.Key == report.FigMembers && f.Previous > 0 && d != 0 {
			c.Text += ", " + p.signedPercent(100*d/f.Previous)
		}
		if d != 0 {
			c.Tone = "good"
			if worse(f.Key, d) {
				c.Tone = "bad"
			}
		}
	}
	c.Text += ")"
	return c
}

// signedPercent is a change in percent: "+7%", "−2.5%".
func (p printer) signedPercent(v float64) string {
	sign := "+"
	if v < 0 {
		sign = "−"
	}
	return sign + p.t("unit.percent", p.num(math.Abs(math.Round(v*10)/10)))
}

// crossingSection says, per community, how many of the month's answers
// crossed teams or sites, of those whose two sides' profiles say.
func crossingSection(s *report.Sponsor, p printer) section {
	t := &table{Head: []string{p.t("col.community"), p.t("col.answers"), p.t("col.known"), p.t("col.teams"),
		p.t("col.sites"), p.t("col.crossed")}, Right: []bool{false, true, true, true, true, true},
		HeadDef: []string{"", "crossing_answers", "crossing_known", "crossing_teams", "crossing_sites",
			report.FigCrossedAnswers}}
	for _, c := range s.Communities {
		x := c.Crossing
		n := func(v int) cell { return cell{Text: p.num(float64(v))} }
		t.Rows = append(t.Rows, []cell{{Text: clean(c.Community, maxName)}, n(x.Answers), n(x.Known), n(x.Teams),
			n(x.Sites), {Text: p.crossed(x)}})
	}
	return section{Title: p.t("sponsor.sec.cross"), Parts: []part{
		{Lines: []string{p.t("sponsor.crossing.help")}}, {Table: t, Empty: p.t("sponsor.none")}}}
}

// crossed is the answers across teams or sites, with their share of the
// answers whose sides are known: "5 (62%)", or "—" when none is known.
func (p printer) crossed(x report.Crossing) string {
	if x.Known == 0 {
		return "—"
	}
	return p.num(float64(x.Any)) + " (" + p.t("unit.percent", p.num(math.Round(100*float64(x.Any)/float64(x.Known)))) + ")"
}

// sponsorMarks is a row per mark, a column per community, three
// communities a table.
func sponsorMarks(s *report.Sponsor, p printer) section {
	parts := communityTables(s, p, p.t("col.mark"), func(c report.SponsorCommunity) []cell {
		var out []cell
		for _, m := range c.Marks {
			out = append(out, cell{Text: p.markValue(m)})
		}
		return out
	}, func(i int) cell { return cell{Text: p.markLabel(report.MarkKeys[i]), Def: report.MarkKeys[i]} })
	return section{Title: p.t("sec.marks"), Parts: append(parts, part{Lines: []string{p.t("sponsor.marks.help")}})}
}

// markValue is a mark and its change: "12.5% (▲ +2 pts)".
func (p printer) markValue(m report.Mark) string {
	return p.value(m.Value, m.Unit, false) + " (" + p.diff(m.Value-m.Previous, true, m.Unit) + ")"
}

// SponsorTitle is the report's title: "Communities of practice — November
// 2026", in its language.
func SponsorTitle(s *report.Sponsor) string {
	p := sponsorPrinter(s)
	return p.t("sponsor.title", p.monthName(s.Period))
}

// SponsorSummary is the sponsors' report in a line of plain text: Slack
// shows it as the message's notification.
func SponsorSummary(s *report.Sponsor) string {
	if s == nil {
		return ""
	}
	p := sponsorPrinter(s)
	names := make([]string, 0, len(s.Communities))
	for _, c := range s.Communities {
		names = append(names, clean(c.Community, 80))
	}
	return p.t("sponsor.summary", p.monthName(s.Period), strings.Join(names, ", "))
}

// thankedSection names, per community, the members it thanks for the
// month (its recognition ritual's list), each with what the askers said of
// their help: "Alice Martin: 2 answers accepted, 3 people helped".
func thankedSection(s *report.Sponsor, p printer) section {
	var parts []part
	for _, c := range s.Communities {
		pt := part{Heading: clean(c.Community, maxName), Empty: p.t("sponsor.thanked.none"),
			More: p.more(c.HelpersTotal, len(c.Helpers)), Def: "thanked_helpers"}
		for _, h := range c.Helpers {
			pt.Lines = append(pt.Lines, p.t("sponsor.thanked.line", clean(h.Person.Name, maxName), p.helped(h)))
		}
		if len(pt.Lines) == 0 {
			pt.Lines = []string{pt.Empty}
		}
		parts = append(parts, pt)
	}
	return section{Title: p.t("sponsor.sec.thanked"), Parts: parts}
}

// helped is what the askers said of a member's help, in the report's
// language, as the recognition ritual says it.
func (p printer) helped(h report.Recognised) string {
	return recognition.Figures(p.lang, recognition.Helper{Accepted: h.Accepted, Thanked: h.Thanked, People: h.People})
}
