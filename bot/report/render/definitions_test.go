package render

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"praxis/bot/i18n"
	"praxis/bot/report"
	"praxis/bot/report/render/rendertest"
)

// undefined lists the figures d shows without a definition the page can
// give: a fact, a part's lines, a numeric column whose head has none while
// its rows do not name their figure, or a definition that does not exist.
func undefined(d doc) []string {
	known := map[string]bool{}
	for _, def := range definitions {
		known[def.ID] = true
	}
	var out []string
	check := func(where, id string) {
		if !known[id] {
			out = append(out, where+" (definition "+id+")")
		}
	}
	for _, s := range d.Sections {
		for _, pt := range s.Parts {
			for _, f := range pt.Facts {
				check(s.Title+": "+f.Label, f.Def)
			}
			if len(pt.Lines) > 0 {
				check(s.Title+": "+pt.Lines[0], pt.Def)
			}
			if t := pt.Table; t != nil {
				undefinedColumns(s.Title, t, check)
			}
		}
	}
	return out
}

// undefinedColumns checks t's numeric columns: each has its definition, or
// each row's first cell names the row's figure. A table without rows shows
// only a sentence.
func undefinedColumns(where string, t *table, check func(where, id string)) {
	if len(t.Rows) == 0 {
		return
	}
	for j := range t.Head {
		if t.Align(j) == "" || t.ColDef(j) != "" {
			if t.ColDef(j) != "" {
				check(where+": "+t.Head[j], t.ColDef(j))
			}
			continue
		}
		for _, row := range t.Rows {
			check(where+": "+row[0].Text, row[0].Def)
		}
	}
}

// Every figure the page shows leads to its definition in the page: a
// facilitator reads it from a DM, on a phone, away from docs/metrics.md.
func TestHTMLDefinesEveryFigure(t *testing.T) {
	for _, r := range []*report.Report{rendertest.Sample("en"), rendertest.Sample("fr"), rendertest.Empty("en")} {
		if missing := undefined(newDoc(r, 0)); len(missing) > 0 {
			t.Errorf("%s: figures shown without a definition:\n%s", r.Language, strings.Join(missing, "\n"))
		}
	}
	page := render(t, HTML, rendertest.Sample("en"), rendertest.Sample("fr"))
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		ids[m[1]]++
	}
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(page, -1)
	for _, m := range links {
		if ids[m[1]] != 1 {
			t.Errorf("link to #%s: %d targets in the page, want 1", m[1], ids[m[1]])
		}
	}
	for _, want := range []string{
		`<dt><a href="#community-1-def-returning">Came back</a></dt><dd>4</dd>`,
		`<td data-label="Figure"><a href="#community-1-def-active_members">Active members</a></td>`,
		`<th class="num"><a href="#community-1-def-slipping">Usually</a></th>`,
		"<h2>How these are counted</h2>", "<h2>Comment ces chiffres sont calculés</h2>",
		`<dt id="community-2-def-gone_quiet">Devenus silencieux</dt><dd>Membres actifs sur la période précédente`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// A definition the page lists is one a label of the page leads to.
	for id := range ids {
		if strings.Contains(id, "-def-") && !strings.Contains(page, `href="#`+id+`"`) {
			t.Errorf("definition %s: no figure of the page leads to it", id)
		}
	}
}

// docs/metrics.md stays the reference: every figure the page defines is
// defined there, in both languages' page, and the page links to nothing
// relative (a file opened from a DM has no repository beside it).
func TestPageDefinitionsAreInMetricsDoc(t *testing.T) {
	metrics, err := os.ReadFile("../../../" + MetricsDoc)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range definitions {
		if !strings.Contains(string(metrics), d.Metrics) {
			t.Errorf("definition %s: %s lacks %q", d.ID, MetricsDoc, d.Metrics)
		}
		for _, lang := range i18n.Languages {
			if catalog[lang]["def."+d.ID] == "" || catalog[lang]["def."+d.ID+".text"] == "" {
				t.Errorf("definition %s: no %s words", d.ID, lang)
			}
		}
	}
	page := render(t, HTML, rendertest.Sample("en"), rendertest.Sample("fr"))
	for _, m := range regexp.MustCompile(`(?:href|src)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		u := m[1]
		if !strings.HasPrefix(u, "#") && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "data:image/") {
			t.Errorf("relative link %q in the page", u)
		}
	}
}
