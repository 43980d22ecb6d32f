package render

import (
	"embed"
	"encoding/base64"
	"errors"
	"html/template"
	"io"
	"strings"

	"praxis/bot/report"
)

//go:embed html/report.tmpl
var htmlFS embed.FS

// htmlTemplate is parsed once; html/template escapes every value by its
// context, so names and questions cannot inject markup or script.
var htmlTemplate = template.Must(template.ParseFS(htmlFS, "html/report.tmpl"))

// htmlPage is what the template draws.
type htmlPage struct {
	Lang     string
	Title    string
	Contents string // the table of contents' heading, when several communities
	Docs     []htmlDoc
}

// htmlDoc is a community's report as the page draws it: the page explains
// its figures itself (Defs, each label linking to its definition), since
// it is read away from Praxis's repository, often on a phone.
type htmlDoc struct {
	doc
	Charts []htmlChart
	Defs   []entry
	// DefsTitle, DefsIntro and DefsFooter head and close the definitions;
	// DefsLink is the words of a link from a sentence to its definition.
	DefsTitle, DefsIntro, DefsFooter, DefsLink string
}

// htmlChart is a chart inlined as a data: URI, so the page needs nothing
// from the network and survives being mailed or archived.
type htmlChart struct {
	Src           template.URL
	Alt           string
	Width, Height int
}

// newHTMLDoc is d as the page shows it, with the definitions of the
// figures it shows.
func newHTMLDoc(d doc) htmlDoc {
	return htmlDoc{doc: d, Defs: pageDefinitions(d), DefsTitle: d.p.t("defs.title"),
		DefsIntro: d.p.t("defs.intro"), DefsFooter: d.p.t("defs.footer"), DefsLink: d.p.t("defs.link")}
}

func renderHTML(w io.Writer, rs []*report.Report) error {
	pg := htmlPage{Lang: "en"}
	for i, r := range rs {
		hd := newHTMLDoc(newDoc(r, i))
		d := hd.doc
		charts, err := chartImages(r, d.p)
		if err != nil {
			return err
		}
		hd.Charts = charts
		pg.Docs = append(pg.Docs, hd)
	}
	if len(pg.Docs) > 0 {
		pg.Lang = pg.Docs[0].Lang
		pg.Title = pageTitle(rs, printer{lang: pg.Lang})
	}
	if len(pg.Docs) > 1 {
		pg.Contents = printer{lang: pg.Lang}.t("contents")
	}
	return htmlTemplate.Execute(w, pg)
}

// writeHTMLPage writes docs as one page titled title, in lang: the page
// machinery (printable, a phone's cards) the sponsors' report shares.
func writeHTMLPage(w io.Writer, docs []htmlDoc, title, lang string) error {
	return htmlTemplate.Execute(w, htmlPage{Lang: lang, Title: title, Docs: docs})
}

// pageTitle names the communities and the week, as a browser's tab, a
// bookmark or a printed page's header shows it: one report's title, or
// "Praxis report 2026-W47: A, B" for several of the same period.
func pageTitle(rs []*report.Report, p printer) string {
	if len(rs) == 1 {
		return newDoc(rs[0], 0).Title
	}
	var names, titles []string
	same := true
	for _, r := range rs {
		names = append(names, clean(r.Community, 100))
		titles = append(titles, newPrinter(r).t("title", clean(r.Community, 100), clean(r.Period.Label, 40)))
		same = same && r.Period.Label == rs[0].Period.Label
	}
	if same {
		return p.t("page_title", clean(rs[0].Period.Label, 40), strings.Join(names, ", "))
	}
	return strings.Join(titles, " · ")
}

// chartImages draws the report's charts, leaving out those without data.
func chartImages(r *report.Report, p printer) ([]htmlChart, error) {
	var out []htmlChart
	for _, k := range ChartKinds {
		png, err := ChartPNG(r, k)
		if errors.Is(err, ErrNoData) {
			continue
		}
		if err != nil {
			return nil, err
		}
		// The URI is built here from our own PNG bytes, so it is safe to
		// mark as a URL the template need not filter.
		src := template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
		out = append(out, htmlChart{Src: src, Alt: p.t("chart.alt", p.t(chartTitleKey(k))),
			Width: ChartWidth, Height: ChartHeight})
	}
	return out, nil
}

func chartTitleKey(k ChartKind) string {
	switch k {
	case ChartActive:
		return "chart.active"
	case ChartQuestions:
		return "chart.questions"
	}
	return "chart.response"
}
