package render

import (
	"embed"
	"encoding/base64"
	"errors"
	"html/template"
	"io"

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

type htmlDoc struct {
	doc
	Charts []htmlChart
}

// htmlChart is a chart inlined as a data: URI, so the page needs nothing
// from the network and survives being mailed or archived.
type htmlChart struct {
	Src           template.URL
	Alt           string
	Width, Height int
}

func renderHTML(w io.Writer, rs []*report.Report) error {
	pg := htmlPage{Lang: "en"}
	for i, r := range rs {
		d := newDoc(r, i)
		hd := htmlDoc{doc: d}
		charts, err := chartImages(r, d.p)
		if err != nil {
			return err
		}
		hd.Charts = charts
		pg.Docs = append(pg.Docs, hd)
	}
	if len(pg.Docs) > 0 {
		pg.Lang = pg.Docs[0].Lang
		pg.Title = pg.Docs[0].Title
	}
	if len(pg.Docs) > 1 {
		p := printer{lang: pg.Lang}
		pg.Contents = p.t("contents")
		pg.Title = "Praxis — " + p.t("contents")
	}
	return htmlTemplate.Execute(w, pg)
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
