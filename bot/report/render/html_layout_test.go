package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"praxis/bot/report/render/rendertest"
)

// cssBlock is the body of the CSS at-rule that starts with prefix in
// page's style sheet ("" when there is none), its braces matched.
func cssBlock(page, prefix string) string {
	i := strings.Index(page, prefix)
	if i < 0 {
		return ""
	}
	start := strings.Index(page[i:], "{") + i + 1
	depth := 1
	for j := start; j < len(page); j++ {
		switch page[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return page[start:j]
			}
		}
	}
	return ""
}

var (
	titleTag  = regexp.MustCompile(`<title>([^<]*)</title>`)
	headRow   = regexp.MustCompile(`<thead><tr>(.*?)</tr></thead>`)
	thText    = regexp.MustCompile(`<th[^>]*>(?:<a href="#[^"]*">)?([^<]*)(?:</a>)?</th>`)
	tdLabel   = regexp.MustCompile(`<td[^>]*?(?: data-label="([^"]*)")?>`)
	screenMax = regexp.MustCompile(`@media screen and \(max-width: ([0-9.]+)rem\)`)
)

// The page a facilitator opens from Slack, on a phone as often as on a
// desk, or prints: its title names the communities and the week; on a
// screen 412 px wide every table stacks its cells, each under its column's
// name, rather than being cut off; printed, tables span the page and split
// between rows with their head repeated. Its figures are defined in the page
// itself (TestHTMLDefinesEveryFigure).
func TestHTMLReadsOnAPhoneAndPrinted(t *testing.T) {
	two := render(t, HTML, rendertest.Sample("en"), rendertest.Sample("fr"))
	m := titleTag.FindStringSubmatch(two)
	if m == nil || m[1] != "Praxis report 2026-W47: Platform guild, Guilde sécurité" {
		t.Errorf("title: got %q, want the communities and the week", m)
	}
	if one := titleTag.FindStringSubmatch(render(t, HTML, rendertest.Sample("fr"))); one == nil ||
		one[1] != "Guilde sécurité — 2026-W47" {
		t.Errorf("one community's title: got %q", one)
	}

	narrow := screenMax.FindStringSubmatch(two)
	if narrow == nil {
		t.Fatal("no rule for narrow screens")
	}
	if rem, _ := strconv.ParseFloat(narrow[1], 64); rem*16 < 412 {
		t.Errorf("the narrow layout stops at %v px, want it to cover 412 px", rem*16)
	}
	phone := cssBlock(two, narrow[0])
	for _, want := range []string{"table, thead, tbody, tr, th, td { display: block; }",
		`td[data-label]::before { content: attr(data-label) ": ";`} {
		if !strings.Contains(phone, want) {
			t.Errorf("narrow screens: the rules lack %q", want)
		}
	}
	if n := checkCellLabels(t, two); n < 10 {
		t.Fatalf("%d tables, the split is broken", n)
	}

	print := cssBlock(two, "@media print")
	for _, want := range []string{"@page { margin:", "table { width: 100%; }",
		"tr, figure, dl.facts, .more { break-inside: avoid;", "thead { display: table-header-group; }",
		`a[href^="http"]::after { content: " (" attr(href) ")";`, "article + article { break-before: page;"} {
		if !strings.Contains(print, want) {
			t.Errorf("print: the rules lack %q", want)
		}
	}
	if strings.Contains(print, "table, tr") {
		t.Error("print: a whole table kept on one page is cut when it is longer than the page")
	}

	if md := render(t, Markdown, rendertest.Sample("en")); !strings.Contains(md, "[docs/metrics.md](docs/metrics.md)") {
		t.Error("Markdown: docs/metrics.md is not a link")
	}
}

// checkCellLabels checks that every cell of page's tables carries its
// column's name, for the narrow layout to show, and returns how many
// tables there are.
func checkCellLabels(t *testing.T, page string) int {
	t.Helper()
	tables := strings.Split(page, "<table>")[1:]
	for _, tb := range tables {
		tb = tb[:strings.Index(tb, "</table>")]
		var heads []string
		for _, th := range thText.FindAllStringSubmatch(headRow.FindStringSubmatch(tb)[1], -1) {
			heads = append(heads, th[1])
		}
		for _, row := range strings.Split(tb, "<tr>")[2:] {
			for j, td := range tdLabel.FindAllStringSubmatch(row, -1) {
				if j >= len(heads) || td[1] != heads[j] {
					t.Errorf("cell %d of %.80q: data-label %q, want its column's name", j, row, td[1])
				}
			}
		}
	}
	return len(tables)
}
