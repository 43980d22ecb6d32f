package render

import (
	"encoding/json"
	"strings"
	"testing"

	"praxis/bot/report"
	"praxis/bot/report/render/rendertest"
)

// The report leads with what to do this week, the week's questions in the
// report's order (the escalated one first), and every capped list says how
// many it leaves out, from the true count: the sample has 27 open questions
// (3 of the week's, 2 listed; 24 older, 1 listed), 11 core members (2
// listed) and 5 helpers (2 listed).
func TestActFirstAndTrueCounts(t *testing.T) {
	for _, c := range []struct {
		f     Format
		first string // the act section's title, as the format writes it
		want  []string
	}{
		{Text, "What to do this week\n────", []string{
			"Still open                  27", "Of them, asked this period  3", "…and 1 more", "…and 23 more",
			"Core members: Awa Diallo, Bruno Costa, …and 9 more", "  …and 3 more\n",
			"Jonas Berg   6/week  0.5/week", "Farid Haddad  joined Nov 19, 2026",
		}},
		{Markdown, "### What to do this week", []string{
			"- Still open: **27**", "\n…and 1 more\n", "\n…and 23 more\n", "…and 9 more", "\n…and 3 more\n",
			"| Follow-up |", "| escalated, 2 members asked |",
		}},
		{HTML, "<h2>What to do this week</h2>", []string{
			`<dt><a href="#community-1-def-open_questions">Still open</a></dt><dd>27</dd>`,
			`<p class="more">…and 1 more</p>`, `<p class="more">…and 23 more</p>`,
			"…and 9 more", `<p class="more">…and 3 more</p>`,
		}},
	} {
		out := render(t, c.f, rendertest.Sample("en"))
		act, head := strings.Index(out, c.first), strings.Index(out, "Headline figures")
		if act < 0 || head < 0 || act > head {
			t.Errorf("%s: the act section (at %d) does not lead the headline figures (at %d)", c.f, act, head)
		}
		if i, j := strings.Index(out, "Helm chart values"), strings.Index(out, "How do we rotate TLS"); i < 0 || i > j {
			t.Errorf("%s: the escalated question is not listed first", c.f)
		}
		for _, want := range c.want {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", c.f, want)
			}
		}
	}
	fr := render(t, Text, rendertest.Sample("fr"))
	for _, want := range []string{"À faire cette semaine", "…et 23 de plus", "Qui remercier",
		"Dont posées sur la période"} {
		if !strings.Contains(fr, want) {
			t.Errorf("French text lacks %q", want)
		}
	}
	var back []*report.Report
	if err := json.Unmarshal([]byte(render(t, JSON, rendertest.Sample("en"))), &back); err != nil {
		t.Fatal(err)
	}
	if n := back[0].Counts; n.OpenQuestions != 27 || n.OpenThisPeriod != 3 || n.Core != 11 {
		t.Errorf("JSON counts: got %+v, want 27 open, 3 of the period, 11 core", n)
	}
}

// A report without counts (an older JSON, a hand-built one) never says
// "and -2 more": what is listed is all there is.
func TestNoCountsNoMore(t *testing.T) {
	r := rendertest.Sample("en")
	r.Counts = report.Counts{}
	for _, f := range []Format{Text, Markdown, HTML} {
		out := render(t, f, r)
		if strings.Contains(out, "…and") {
			t.Errorf("%s: a list says it leaves some out without counts", f)
		}
		if !strings.Contains(out, "Still open") || strings.Contains(out, "Still open                  0") {
			t.Errorf("%s: still open counts fewer than listed", f)
		}
	}
	if s := Summary(r); !strings.Contains(s, "3 open questions") {
		t.Errorf("summary without counts: %q, want the 3 listed", s)
	}
}

// Sentences holding several counts give each its own plural form: one
// nudged member, one answer, one week read as such in both languages.
func TestCountsInOneSentenceAgreeEach(t *testing.T) {
	for _, c := range []struct{ lang, lift, helper string }{
		{"en", "not enough data to tell (1 nudged, 2 held out)", "1 accepted, 0 thanked, 1 answer"},
		{"fr", "pas assez de données pour conclure (1 relancé, 2 témoins)", "1 acceptée, 0 remerciée, 1 réponse"},
	} {
		p := printer{lang: c.lang}
		if got := p.lift(report.NudgeEffect{Nudged: 1, Holdout: 2}); got != c.lift {
			t.Errorf("%s: got %q, want %q", c.lang, got, c.lift)
		}
		if got := p.helperLine(1, 0, 1); got != c.helper {
			t.Errorf("%s: got %q, want %q", c.lang, got, c.helper)
		}
	}
}
