package question

import (
	"cmp"
	"strings"
)

// maxLines bounds the lines Line reads: a question is asked near the top.
const maxLines = 50

// Line is the line of a message to show where one line stands for it (a
// report's list of open questions): the first line that asks (Detect),
// else the first that says more than a greeting ("Hi", "Bonjour à tous 👋"),
// else the first that is not blank. Lines in a code block are not read
// (code says what was tried, not what is asked) unless all is code.
func Line(text string) string {
	var raw, first, said string
	code := false
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		if raw == "" && strings.TrimSpace(line) != "" {
			raw = line
		}
		if strings.Count(line, "```")%2 == 1 {
			code = !code
			continue
		}
		if code || strings.TrimSpace(line) == "" {
			continue
		}
		if n++; n > maxLines {
			break
		}
		first = cmp.Or(first, line)
		ok, why := Detect(line)
		if ok {
			return line
		}
		if said == "" && why != whySocial && why != whyTooShort && why != whyNoText {
			said = line
		}
	}
	return cmp.Or(said, first, raw)
}
