package render

import (
	"bufio"
	"io"
	"strings"

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

// mdEscape makes text literal in Markdown (and in a table cell): it
// escapes the characters that could start emphasis, a link, a code span or
// an HTML tag, and the cell separator; and, at the start, what would make
// a heading, a list or a quote.
func mdEscape(s string) string {
	var b strings.Builder
	s = clean(s, 1<<20)
	switch {
	case strings.HasPrefix(s, "#"), strings.HasPrefix(s, "- "), strings.HasPrefix(s, "+ "),
		s != "" && strings.Trim(s, "= ") == "": // a setext underline
		b.WriteByte('\\')
	}
	if i := numbered(s); i > 0 {
		b.WriteString(s[:i] + "\\")
		s = s[i:]
	}
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '~':
			b.WriteRune('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// numbered is the length of the digits s starts with when they make an
// ordered list item ("12. " or "3) ", not "78.5"), else 0.
func numbered(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return i
	}
	return 0
}
