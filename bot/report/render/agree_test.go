package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/report"
	"praxis/bot/report/render"
	"praxis/bot/report/reporttest"
)

// One count of open questions, whatever shows it: a built report with 15
// open questions (3 of the week's), 10 of them listed, says 15 in its
// headline, its questions section, its summary and its DM, and each list
// ends with how many it leaves out.
func TestOpenQuestionsOneCount(t *testing.T) {
	r := openQuestionsReport(t, "en", 3)
	if len(r.Questions.Open) != 10 {
		t.Fatalf("%d open questions listed, want the cap of 10", len(r.Questions.Open))
	}
	var text bytes.Buffer
	if err := render.Render(&text, []*report.Report{r}, render.Text); err != nil {
		t.Fatal(err)
	}
	blocks, err := json.Marshal(render.BlocksWithoutCharts(r))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, out, want string }{
		{"summary", render.Summary(r), "Open questions 15 (▲ +3)"},
		{"summary", render.Summary(r), "15 open questions (3 asked this period), the oldest waiting for 48 d."},
		{"text", text.String(), "Open questions          15        12  ▲ +3"},
		{"text", text.String(), "Still open                  15\n  Of them, asked this period  3\n"},
		{"text", text.String(), "New question 2?"},
		{"text", text.String(), "  …and 5 more\n"}, // 12 older, 7 listed
		{"blocks", string(blocks), `*New questions without an answer (3)*`},
		{"blocks", string(blocks), `*Older open questions (12)*`},
		{"blocks", string(blocks), `…and 7 more`}, // 5 shown in a DM
	} {
		if !strings.Contains(c.out, c.want) {
			t.Errorf("%s lacks %q:\n%s", c.name, c.want, c.out)
		}
	}
}

// The open questions' line agrees with how many were asked this period:
// none, one, or more, in English and French.
func TestOpenLineCountsThisPeriodsQuestions(t *testing.T) {
	for _, tc := range []struct {
		fresh      int
		lang, want string
	}{
		{0, "en", "12 open questions (none asked this period), the oldest waiting for"},
		{0, "fr", "12 questions en attente (aucune posée sur la période), la plus ancienne"},
		{1, "fr", "13 questions en attente (dont 1 posée sur la période), la plus ancienne"},
		{2, "fr", "14 questions en attente (dont 2 posées sur la période), la plus ancienne"},
	} {
		r := openQuestionsReport(t, tc.lang, tc.fresh)
		if got := render.Summary(r); !strings.Contains(got, tc.want) {
			t.Errorf("%d new, %s: got %q, want %q", tc.fresh, tc.lang, got, tc.want)
		}
	}
}

// openQuestionsReport is the report of week 2026-W47 of a community in
// lang with 12 questions still open from before it and fresh ones of the
// week.
func openQuestionsReport(t *testing.T, lang string, fresh int) *report.Report {
	t.Helper()
	w := reporttest.NewWorld(t)
	w.Change("sec", func(c *bot.Community) { c.Language = lang })
	w.Member("B", false, "C1")
	for i := range 12 {
		w.Ask("C1", "B", fmt.Sprintf("Old question %d?", i), reporttest.At(-26+i, 10, 0))
	}
	for i := range fresh {
		w.Ask("C1", "B", fmt.Sprintf("New question %d?", i), reporttest.At(17+i, 10, 0))
	}
	p, err := report.ParsePeriod("2026-W47", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(w.Ctx, w.St, w.Community("sec"), p, report.Options{Now: reporttest.At(24, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
