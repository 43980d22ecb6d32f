package report

import (
	"fmt"
	"testing"
	"time"

	"praxis/bot/nudge"
	"praxis/bot/report/reporttest"
	"praxis/store"
)

// The open questions a report lists lead with what a facilitator can act on
// this week: the week's questions (escalated first, then those Praxis asked
// members about), then the long tail, oldest first. The list is capped;
// the count is not, and the headline says the same number.
func TestOpenQuestionsThisWeekFirst(t *testing.T) {
	w := reporttest.NewWorld(t)
	w.Member("B", false, "C1")
	var old []string
	for i := range 12 { // October 5 to 16: open for 5 to 7 weeks
		old = append(old, w.Ask("C1", "B", fmt.Sprintf("Old question %d?", i), reporttest.At(-26+i, 10, 0)))
	}
	plain := w.Ask("C1", "B", "Plain question?", reporttest.At(17, 10, 0))
	nudged := w.Ask("C1", "B", "Nudged question?", reporttest.At(18, 10, 0))
	escalated := w.Ask("C1", "B", "Escalated question?", reporttest.At(19, 10, 0))
	w.Do(func(tx *store.Tx) error { return tx.MarkEscalated(w.Ctx, "C1", escalated, reporttest.At(20, 10, 0)) })
	for i, kind := range []string{nudge.Reader, nudge.Reengage, nudge.Reader} {
		w.Do(func(tx *store.Tx) error {
			member := fmt.Sprintf("E%d", i)
			_, err := tx.AddNudge(w.Ctx, store.Nudge{Key: "nudge:" + kind + ":" + member + ":C1/" + nudged,
				Member: member, Community: "sec", Kind: kind, Subject: "C1/" + nudged, Status: store.NudgeSent,
				At: reporttest.At(18, 12, i)})
			return err
		})
	}
	p, err := ParsePeriod("2026-W47", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(w.Ctx, w.St, w.Community("sec"), p, Options{Now: reporttest.At(24, 9, 0), MaxList: 5})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ts         string
		this, esc  bool
		nudgedMany int
	}
	var got []row
	for _, o := range r.Questions.Open {
		got = append(got, row{o.TS, o.ThisPeriod, o.Escalated, o.Nudged})
	}
	want := []row{{escalated, true, true, 0}, {nudged, true, false, 3}, {plain, true, false, 0},
		{old[0], false, false, 0}, {old[1], false, false, 0}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("open questions:\ngot  %v\nwant %v", got, want)
	}
	if c := r.Counts; c.OpenQuestions != 15 || c.OpenThisPeriod != 3 {
		t.Errorf("got %d open, %d this week; want 15 and 3", c.OpenQuestions, c.OpenThisPeriod)
	}
	for _, f := range r.Headline {
		if f.Key == FigOpenQuestions && f.Value != float64(r.Counts.OpenQuestions) {
			t.Errorf("headline says %v open questions, the counts %d", f.Value, r.Counts.OpenQuestions)
		}
	}
	// The oldest, asked on October 5 at 10:00, waited until November 23.
	if want := reporttest.At(23, 0, 0).Sub(reporttest.At(-26, 10, 0)).Hours(); !near(r.Questions.OldestOpenHours, want) {
		t.Errorf("oldest open: got %v hours, want %v", r.Questions.OldestOpenHours, want)
	}
}

// Every capped list keeps its true count: newcomers, waiting ones included.
func TestCountsOfCappedLists(t *testing.T) {
	w := reporttest.NewWorld(t)
	w.Seed()
	p, err := ParsePeriod("2026-W47", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	full, err := Build(w.Ctx, w.St, w.Community("sec"), p, Options{Now: reporttest.At(24, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(w.Ctx, w.St, w.Community("sec"), p, Options{Now: reporttest.At(24, 9, 0), MaxList: 1})
	if err != nil {
		t.Fatal(err)
	}
	if full.Counts != r.Counts {
		t.Errorf("counts depend on the cap: got %+v, want %+v", r.Counts, full.Counts)
	}
	c := r.Counts
	if c.Newcomers != len(full.Newcomers) || c.Newcomers != 2 || len(r.Newcomers) != 1 {
		t.Errorf("newcomers: got %d counted, %d listed; want 2 and 1", c.Newcomers, len(r.Newcomers))
	}
	if c.TopHelpers != len(full.TopHelpers) || c.TopHelpers != 2 || len(r.TopHelpers) != 1 {
		t.Errorf("helpers: got %d counted, %d listed; want 2 and 1", c.TopHelpers, len(r.TopHelpers))
	}
	if c.Core != full.Members.Levels[Core] || c.Bridges != len(full.Risk.Bridges) ||
		c.Slipping != len(full.Risk.Slipping) {
		t.Errorf("counts %+v disagree with the full report", c)
	}
}
