package render

import (
	"bufio"
	"io"
	"strings"
	"unicode"

	"praxis/bot/report"
)

// textColumns is the widest line Text writes, URLs on their own line apart.
const textColumns = 100

func renderText(w io.Writer, rs []*report.Report) error {
	bw := bufio.NewWriter(w)
	for i, r := range rs {
		if i > 0 {
			bw.WriteString("\n" + strings.Repeat("═", textColumns) + "\n\n")
		}
		writeTextDoc(bw, newDoc(r, i))
	}
	return bw.Flush()
}

func writeTextDoc(w *bufio.Writer, d doc) {
	title := fit(d.Title, textColumns)
	w.WriteString(title + "\n" + strings.Repeat("=", textWidth(title)) + "\n")
	for _, sub := range d.Subtitle {
		for _, l := range wrap(sub, textColumns) {
			w.WriteString(l + "\n")
		}
	}
	for _, s := range d.Sections {
		w.WriteString("\n" + s.Title + "\n" + strings.Repeat("─", textWidth(s.Title)) + "\n")
		for _, pt := range s.Parts {
			writeTextPart(w, pt)
		}
	}
	w.WriteString("\n")
	for _, l := range wrap(d.Footer, textColumns) {
		w.WriteString(l + "\n")
	}
}

func writeTextPart(w *bufio.Writer, pt part) {
	if pt.Heading != "" {
		w.WriteString("\n" + pt.Heading + "\n")
	}
	if len(pt.Facts) > 0 {
		lw := 0
		for _, f := range pt.Facts {
			lw = max(lw, textWidth(f.Label))
		}
		lw = min(lw, 50)
		for _, f := range pt.Facts {
			lab := fit(f.Label, lw)
			line := "  " + lab + strings.Repeat(" ", lw-textWidth(lab)) + "  " + f.Value
			w.WriteString(fit(line, textColumns) + "\n")
		}
	}
	for _, l := range pt.Lines {
		for _, x := range wrap(l, textColumns-2) {
			w.WriteString("  " + x + "\n")
		}
	}
	if pt.Table != nil {
		if len(pt.Table.Rows) == 0 {
			w.WriteString("  " + pt.Empty + "\n")
		} else {
			writeTextTable(w, pt.Table)
		}
	}
	if pt.More != "" {
		w.WriteString("  " + pt.More + "\n")
	}
}

// writeTextTable aligns the table's columns, shrinking the widest text
// column until a row fits in textColumns; a cell's link goes on the line
// below its row, whole, so that terminals can open it.
func writeTextTable(w *bufio.Writer, t *table) {
	n := len(t.Head)
	widths := make([]int, n)
	for i, h := range t.Head {
		widths[i] = textWidth(h)
	}
	for _, row := range t.Rows {
		for i := 0; i < n && i < len(row); i++ {
			widths[i] = max(widths[i], textWidth(row[i].Text))
		}
	}
	const indent, gap = 2, 2
	for {
		total := indent + gap*(n-1)
		for _, c := range widths {
			total += c
		}
		// Text columns give way first; numbers only when absurdly long.
		widest := widestOver(widths, 6, func(i int) bool { return !right(t, i) })
		if widest < 0 {
			widest = widestOver(widths, 6, func(int) bool { return true })
		}
		if total <= textColumns || widest < 0 {
			break
		}
		widths[widest] -= min(total-textColumns, widths[widest]-6)
	}
	line := func(cells []string) {
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", indent))
		for i := range n {
			s := ""
			if i < len(cells) {
				s = fit(cells[i], widths[i])
			}
			pad := strings.Repeat(" ", widths[i]-textWidth(s))
			if right(t, i) {
				b.WriteString(pad + s)
			} else if i < n-1 {
				b.WriteString(s + pad)
			} else {
				b.WriteString(s)
			}
			if i < n-1 {
				b.WriteString(strings.Repeat(" ", gap))
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	line(t.Head)
	var rule []string
	for _, c := range widths {
		rule = append(rule, strings.Repeat("-", c))
	}
	line(rule)
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = c.Text
		}
		line(cells)
		for _, c := range row {
			if c.Link != "" {
				w.WriteString("      " + c.Link + "\n")
			}
		}
	}
}

// widestOver is the widest column i with ok(i) wider than floor, or -1.
func widestOver(widths []int, floor int, ok func(int) bool) int {
	w := -1
	for i, c := range widths {
		if ok(i) && c > floor && (w < 0 || c > widths[w]) {
			w = i
		}
	}
	return w
}

func right(t *table, i int) bool { return i < len(t.Right) && t.Right[i] }

// fit shortens s to at most width columns, ending it with "…" when cut.
func fit(s string, width int) string {
	if textWidth(s) <= width {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := runeWidth(r)
		if used+rw > width-1 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return b.String() + "…"
}

// wrap breaks s at spaces into lines of at most width columns; a word
// wider than width is cut.
func wrap(s string, width int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		word = fit(word, width)
		switch {
		case cur == "":
			cur = word
		case textWidth(cur)+1+textWidth(word) <= width:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// textWidth is the number of terminal columns s takes: two for East Asian
// wide characters and emoji, none for combining marks.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200d' || (r >= '\ufe00' && r <= '\ufe0f'):
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf, r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1faff, r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}
