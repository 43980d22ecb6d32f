package bot

import "strings"

// EscapeMarkdown makes text literal in Markdown (and in a table cell): it
// escapes the characters that could start emphasis, a link, a code span or
// an HTML tag, and the cell separator; and, at the start, what would make
// a heading, a list or a quote. The report's and discovery's Markdown
// share it.
func EscapeMarkdown(s string) string {
	var b strings.Builder
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
