package render

import (
	"bufio"
	"io"
	"strings"

	"praxis/bot"
	"praxis/bot/report"
)

// renderMarkdown writes GitHub-flavoured Markdown, for a wiki page: one
// "##" heading per community, tables for lists, links on the cells.
func renderMarkdown(w io.Writer, rs []*report.Report) error {
	bw := bufio.NewWriter(w)
	for i, r := range rs {
		if i > 0 {
			bw.WriteString("\n---\n\n")
		}
		writeMarkdownDoc(bw, newDoc(r, i))
	}
	return bw.Flush()
}

func writeMarkdownDoc(w *bufio.Writer, d doc) {
	w.WriteString("## " + mdEscape(d.Title) + "\n\n")
	for _, l := range d.Subtitle {
		w.WriteString(mdEscape(l) + "  \n")
	}
	for _, s := range d.Sections {
		w.WriteString("\n### " + mdEscape(s.Title) + "\n")
		for _, pt := range s.Parts {
			writeMarkdownPart(w, pt)
		}
	}
	footer := strings.Replace(mdEscape(d.Footer), mdEscape(MetricsDoc), "["+mdEscape(MetricsDoc)+"]("+MetricsDoc+")", 1)
	w.WriteString("\n" + footer + "\n")
}

func writeMarkdownPart(w *bufio.Writer, pt part) {
	if pt.Heading != "" {
		w.WriteString("\n#### " + mdEscape(pt.Heading) + "\n")
	}
	if len(pt.Facts) > 0 {
		w.WriteString("\n")
		for _, f := range pt.Facts {
			w.WriteString("- " + mdEscape(f.Label) + ": **" + mdEscape(f.Value) + "**\n")
		}
	}
	if len(pt.Lines) > 0 {
		w.WriteString("\n")
		for _, l := range pt.Lines {
			w.WriteString(mdEscape(l) + "\n\n")
		}
	}
	if pt.Table != nil {
		w.WriteString("\n")
		writeMarkdownTable(w, pt.Table, pt.Empty)
	}
	if pt.More != "" {
		w.WriteString("\n" + mdEscape(pt.More) + "\n")
	}
}

func writeMarkdownTable(w *bufio.Writer, t *table, empty string) {
	if len(t.Rows) == 0 {
		w.WriteString(mdEscape(empty) + "\n")
		return
	}
	head := make([]string, len(t.Head))
	rule := make([]string, len(t.Head))
	for i, h := range t.Head {
		head[i] = mdEscape(h)
		rule[i] = "---"
		if right(t, i) {
			rule[i] = "---:"
		}
	}
	w.WriteString("| " + strings.Join(head, " | ") + " |\n|" + strings.Join(rule, "|") + "|\n")
	for _, row := range t.Rows {
		cells := make([]string, len(t.Head))
		for i := range cells {
			if i >= len(row) {
				continue
			}
			c := row[i]
			cells[i] = mdEscape(c.Text)
			if c.Link != "" {
				cells[i] = "[" + cells[i] + "](" + c.Link + ")"
			}
		}
		w.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
}

// mdEscape makes text literal in Markdown (bot.EscapeMarkdown), cleaned of
// control characters and line breaks first.
func mdEscape(s string) string { return bot.EscapeMarkdown(clean(s, 1<<20)) }
