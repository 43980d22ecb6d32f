package render

import (
	"encoding/base64"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"praxis/bot/report/render/rendertest"
)

func TestHTMLEscapesEverything(t *testing.T) {
	r := rendertest.Sample("en")
	r.Community = `<script>alert("community")</script>`
	r.Questions.Open[0].Text = `<img src=x onerror=alert(1)> & "quotes"`
	r.Questions.Open[1].Permalink = `javascript:alert(1)`
	r.TopHelpers[0].Person.Name = `<script>alert("name")</script>`
	r.Risk.Bridges[0].Communities = []string{`</td><script>x()</script>`}
	out := render(t, HTML, r)
	if n := strings.Count(strings.ToLower(out), "<script"); n != 0 {
		t.Errorf("%d <script> tags in the page", n)
	}
	for _, want := range []string{
		"&lt;script&gt;alert(&#34;community&#34;)&lt;/script&gt;",
		"&lt;img src=x onerror=alert(1)&gt; &amp; &#34;quotes&#34;",
		"&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks the escaped %q", want)
		}
	}
	if strings.Contains(out, "javascript:") {
		t.Error("a javascript: link made it into the page")
	}
	if strings.Contains(out, "<img src=x") {
		t.Error("an injected tag made it into the page")
	}
}

var attrURL = regexp.MustCompile(`<(\w+)[^>]*?\s(src|href|action|srcset|poster|data)\s*=\s*"([^"]*)"`)

// The page needs nothing from the network, nor from Praxis's repository:
// the only URLs are the permalinks of <a> links and anchors in the page
// (TestHTMLDefinesEveryFigure checks each leads somewhere); images are
// data: URIs.
func TestHTMLStandalone(t *testing.T) {
	r := rendertest.Sample("en")
	out := render(t, HTML, r, rendertest.Sample("fr"))
	links := map[string]bool{}
	for _, q := range r.Questions.Open {
		links[q.Permalink] = true
	}
	for _, n := range r.Newcomers {
		links[n.Permalink] = true
	}
	images := 0
	for _, m := range attrURL.FindAllStringSubmatch(out, -1) {
		tag, attr, val := m[1], m[2], m[3]
		switch {
		case tag == "img" && attr == "src" && strings.HasPrefix(val, "data:image/png;base64,"):
			images++
			raw := strings.ReplaceAll(strings.TrimPrefix(val, "data:image/png;base64,"), "&#43;", "+")
			b, err := base64.StdEncoding.DecodeString(raw)
			if err != nil {
				t.Fatalf("chart data: %v", err)
			}
			if _, err := png.Decode(strings.NewReader(string(b))); err != nil {
				t.Errorf("embedded chart is not a PNG: %v", err)
			}
		case tag == "a" && attr == "href" && (strings.HasPrefix(val, "#") || links[val]):
		default:
			t.Errorf("<%s %s=%q>: the page must need nothing from outside", tag, attr, val)
		}
	}
	if images != 6 {
		t.Errorf("%d charts embedded, want 3 per community", images)
	}
	for _, banned := range []string{"<link", "@import", "url(", "<iframe", "<object"} {
		if strings.Contains(out, banned) {
			t.Errorf("page has %q", banned)
		}
	}
}

func TestHTMLPage(t *testing.T) {
	one := render(t, HTML, rendertest.Sample("fr"))
	for _, want := range []string{
		`<html lang="fr">`, `<article id="community-1" lang="fr">`, "<h1>Guilde sécurité — 2026-W47</h1>",
		"@media print", "break-inside: avoid", `a[href^="http"]::after { content: " (" attr(href) ")"`,
		"<td class=\"num\" data-label=\"Valeur\">78,5\u00a0%</td>", "Sur une semaine",
		`<td class="bad" data-label="Sur une semaine">▼ −2</td>`,
	} {
		if !strings.Contains(one, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(one, "<nav>") {
		t.Error("a table of contents for one community")
	}
	two := render(t, HTML, rendertest.Sample("en"), rendertest.Sample("fr"))
	for _, want := range []string{
		`<html lang="en">`, "<nav>\n<h1>Contents</h1>",
		`<li><a href="#community-1">Platform guild — 2026-W47</a></li>`,
		`<li><a href="#community-2">Guilde sécurité — 2026-W47</a></li>`,
		`<article id="community-2" lang="fr">`,
	} {
		if !strings.Contains(two, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// A report without trends has no chart and says so.
	empty := render(t, HTML, rendertest.Empty("en"))
	if strings.Contains(empty, "<img") || !strings.Contains(empty, `<p class="empty">not enough data</p>`) {
		t.Error("empty report: want no chart and 'not enough data'")
	}
}
