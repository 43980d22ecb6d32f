package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"praxis/bot/report/reporttest"
	"praxis/store"
)

// paris is the sponsor's time zone of the tests: November 2026 there is
// [October 31 23:00, November 30 23:00) UTC.
var paris = mustZone("Europe/Paris")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func utc(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
}

// sponsorWorld seeds community "sec" (C1) with people whose profiles say
// their team and site, over October and November 2026; "data" stays empty.
func sponsorWorld(t *testing.T) *reporttest.World {
	w := reporttest.NewWorld(t)
	for _, m := range []store.Member{
		{ID: "A", Team: "Platform", Site: "Lyon"},
		{ID: "B", Team: "Data", Site: "lyon "}, // the same site as A's: case and spaces do not count
		{ID: "C", Team: "platform", Site: "Paris"},
		{ID: "D"}, // no profile fields
	} {
		w.Member(m.ID, false, "C1")
		m.Name, m.DisplayName = m.ID, "name-"+m.ID
		if err := w.St.PutMember(w.Ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	w.Member("N", false) // the newcomer: joins C1 on November 3
	w.Join("C1", "N", true, utc(11, 3, 9, 0))
	w.Member("M", false) // October's newcomer, a contributor by November: not November's
	w.Join("C1", "M", true, utc(10, 1, 9, 0))

	// October (Paris): three questions, one answered across teams, all by M.
	q0 := w.Ask("C1", "A", "q0?", utc(10, 15, 9, 0))
	w.Answer("C1", q0, "B", "a", utc(10, 15, 10, 0))
	w.Answer("C1", q0, "M", "b", utc(10, 15, 11, 0))
	for _, day := range []int{20, 22} {
		q := w.Ask("C1", "A", "q?", utc(10, day, 9, 0))
		w.Answer("C1", q, "M", "a", utc(10, day, 10, 0))
	}
	// November 1st, 00:30 and 00:45 in Paris (still October 31 in UTC).
	q6 := w.Ask("C1", "B", "q6?", utc(10, 31, 23, 30))
	q7 := w.Ask("C1", "B", "q7?", utc(10, 31, 23, 45))
	w.Answer("C1", q6, "C", "a", utc(11, 2, 10, 0)) // teams and sites: 1 working hour (Monday 9:00)
	w.Answer("C1", q7, "A", "a", utc(11, 2, 9, 30)) // teams: half an hour
	q1 := w.Ask("C1", "B", "q1?", utc(11, 2, 10, 0))
	w.Answer("C1", q1, "A", "a", utc(11, 2, 11, 0)) // teams, same site: 1 hour
	w.Answer("C1", q1, "N", "b", utc(11, 3, 12, 0)) // N has no fields: unknown
	w.Resolve("C1", q1, "B", "accepted", utc(11, 3, 12, 30))
	q2 := w.Ask("C1", "A", "q2?", utc(11, 5, 9, 0))
	w.Answer("C1", q2, "C", "a", utc(11, 5, 10, 0)) // same team, sites: 1 hour
	w.Answer("C1", q2, "B", "b", utc(11, 5, 11, 0)) // teams
	w.Answer("C1", q2, "N", "c", utc(11, 5, 12, 0))
	w.Answer("C1", q2, "N", "d", utc(11, 5, 12, 5)) // the same answerer again: one answer
	q3 := w.Ask("C1", "D", "q3?", utc(11, 10, 9, 0))
	w.Answer("C1", q3, "N", "a", utc(11, 10, 13, 0)) // 4 hours
	w.Ask("C1", "C", "q4?", utc(11, 12, 9, 0))       // never answered
	// December 1st, 00:30 in Paris (still November 30 in UTC).
	q5 := w.Ask("C1", "A", "q5?", utc(11, 30, 23, 30))
	w.Answer("C1", q5, "B", "a", utc(12, 1, 10, 0))
	w.Do(func(tx *store.Tx) error {
		return tx.AddResource(w.Ctx, store.Resource{Kind: "link", URL: "https://example.com/guide", UserID: "A",
			ChannelID: "C1", MessageTS: q2, SharedAt: utc(11, 5, 9, 0)})
	})
	return w
}

func TestBuildSponsorFigures(t *testing.T) {
	w := sponsorWorld(t)
	now := utc(12, 1, 8, 0) // December 1st, 9:00 in Paris
	p := LastMonth(now, paris)
	s, err := BuildSponsor(w.Ctx, w.St, w.Comms.Communities(), p, "en", Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if s.Period.Label != "2026-11" || s.Previous.Label != "2026-10" || s.TimeZone != "Europe/Paris" {
		t.Fatalf("got period %s, previous %s, zone %s; want 2026-11, 2026-10, Europe/Paris",
			s.Period.Label, s.Previous.Label, s.TimeZone)
	}
	if len(s.Communities) != 2 || s.Communities[0].Community != "sec" || s.Communities[1].Community != "data" {
		t.Fatalf("got %d communities, want sec then data", len(s.Communities))
	}
	sec := s.Communities[0]
	got := map[string][2]float64{}
	for _, f := range sec.Figures {
		got[f.Key] = [2]float64{f.Value, f.Previous}
	}
	want := map[string][2]float64{
		FigMembers:         {6, 5}, // A B C D M, then N
		FigNewMembers:      {1, 1}, // N; M
		FigActiveMembers:   {5, 3}, // A B C D N; A B M
		FigQuestionsAsked:  {6, 3}, // q6 q7 q1 q2 q3 q4 (not q5: December in Paris); q0 and two
		FigAnsweredPercent: {100 * 5.0 / 6, 100},
		FigMedianResponse:  {1, 1}, // 0.5 1 1 1 4; 1 1 1
		FigCrossedAnswers:  {5, 1}, // C→B (q6), A→B (q7), A→B (q1), C→A and B→A (q2); B→A (q0)
		FigResources:       {1, 0},
		FigNewContributors: {1, 1}, // N, three answers in others' threads (M already was); M
	}
	pair := cmp.Comparer(func(a, b [2]float64) bool { return near(a[0], b[0]) && near(a[1], b[1]) })
	if d := cmp.Diff(want, got, pair); d != "" {
		t.Errorf("figures (-want +got):\n%s", d)
	}
	wantCross := Crossing{Answers: 8, Known: 5, Teams: 4, Sites: 2, Any: 5}
	if sec.Crossing != wantCross {
		t.Errorf("got crossing %+v, want %+v", sec.Crossing, wantCross)
	}
	marks := map[string][2]float64{}
	for _, m := range sec.Marks {
		marks[m.Key] = [2]float64{m.Value, m.Previous}
	}
	for key, want := range map[string][2]float64{MarkCooperation: {9, 4}, MarkResources: {1, 0}, MarkLearning: {1, 0}} {
		if marks[key] != want {
			t.Errorf("mark %s: got %v, want %v", key, marks[key], want)
		}
	}
	for _, f := range s.Communities[1].Figures {
		if f.Value != 0 || (f.Key == FigAnsweredPercent && !f.Missing) {
			t.Errorf("data: %s = %v (missing %v), want 0, missing for a share", f.Key, f.Value, f.Missing)
		}
	}
}

// TestSponsorMonthIsTheSponsors checks that the month's bounds are
// midnights in the sponsor's zone: the same store read in UTC counts q5
// (November 30, 23:30) and not q6 and q7 (October 31, 23:30 and 23:45).
func TestSponsorMonthIsTheSponsors(t *testing.T) {
	w := sponsorWorld(t)
	now := utc(12, 1, 8, 0)
	asked := func(loc *time.Location) float64 {
		s, err := BuildSponsor(w.Ctx, w.St, w.Comms.Communities(), LastMonth(now, loc), "en", Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return s.Communities[0].Figures[3].Value
	}
	if got := asked(paris); got != 6 {
		t.Errorf("Paris: got %v questions asked, want 6", got)
	}
	if got := asked(time.UTC); got != 5 {
		t.Errorf("UTC: got %v questions asked, want 5", got)
	}
}

func TestMonth(t *testing.T) {
	tests := []struct {
		at          time.Time
		loc         *time.Location
		label, prev string
		hours       float64
	}{
		{utc(10, 31, 23, 30), paris, "2026-11", "2026-10", 720},
		{utc(10, 31, 22, 59), paris, "2026-10", "2026-09", 745}, // October 25th is an hour longer
		{utc(10, 31, 23, 30), time.UTC, "2026-10", "2026-09", 744},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, paris), paris, "2027-01", "2026-12", 744},
	}
	for _, tt := range tests {
		p := Month(tt.at, tt.loc)
		if p.Label != tt.label || p.Before().Label != tt.prev || p.To.Sub(p.From).Hours() != tt.hours || !p.IsMonth() {
			t.Errorf("Month(%v, %v) = %s (%v h, before %s), want %s (%v h, before %s)", tt.at, tt.loc, p.Label,
				p.To.Sub(p.From).Hours(), p.Before().Label, tt.label, tt.hours, tt.prev)
		}
		if p.From.In(tt.loc).Hour() != 0 || p.From.In(tt.loc).Day() != 1 {
			t.Errorf("Month(%v) starts %v, want the 1st at midnight", tt.at, p.From)
		}
	}
	got, err := ParsePeriod("2026-11", paris)
	if err != nil || !got.From.Equal(utc(10, 31, 23, 0)) || !got.To.Equal(utc(11, 30, 23, 0)) {
		t.Errorf("ParsePeriod(2026-11) = %v..%v, %v; want October 31 23:00 to November 30 23:00 UTC", got.From, got.To, err)
	}
}

// The sponsors' report names, under each community, the members its
// monthly thanks names (recognition.Helpers): those whose answers were
// ticked or thanked in the month, by that and not by message count, and
// never one who asked not to be named.
func TestSponsorNamesTheMonthsHelpers(t *testing.T) {
	w := reporttest.NewWorld(t)
	for _, id := range []string{"A", "B", "C", "D"} {
		w.Member(id, false, "C1")
	}
	tick := func(q, answer, by string, at time.Time) {
		w.Do(func(tx *store.Tx) error {
			return tx.AddReaction(w.Ctx, store.Reaction{ChannelID: "C1", MessageTS: answer, UserID: by,
				Name: "white_check_mark", At: at})
		})
	}
	q1 := w.Ask("C1", "A", "How do we rotate the keys?", utc(11, 2, 10, 0))
	tick(q1, w.Answer("C1", q1, "B", "with the vault role", utc(11, 2, 11, 0)), "A", utc(11, 2, 12, 0))
	q2 := w.Ask("C1", "C", "Where is the runbook?", utc(11, 4, 10, 0))
	w.Answer("C1", q2, "B", "in the wiki", utc(11, 4, 11, 0))
	w.Post("C1", "C", q2, "thanks!", utc(11, 4, 12, 0))
	q3 := w.Ask("C1", "A", "Who owns the CI runners?", utc(11, 6, 10, 0))
	tick(q3, w.Answer("C1", q3, "D", "the platform team", utc(11, 6, 11, 0)), "A", utc(11, 6, 12, 0))
	for i := range 20 { // C writes the most, and helps nobody
		w.Post("C1", "C", "", fmt.Sprintf("status update %d", i), utc(11, 7, 9, i))
	}
	w.Do(func(tx *store.Tx) error { return tx.SetRecognitionOff(w.Ctx, "D", true) })
	now := utc(12, 1, 8, 0)
	s, err := BuildSponsor(w.Ctx, w.St, w.Comms.Communities(), LastMonth(now, paris), "en", Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var got []Recognised
	total := 0
	for _, c := range s.Communities {
		got, total = append(got, c.Helpers...), total+c.HelpersTotal
	}
	want := []Recognised{{Person: Person{ID: "B", Name: "name-B"}, Accepted: 1, Thanked: 1, People: 2}}
	if d := cmp.Diff(want, got); d != "" || total != 1 {
		t.Errorf("helpers (-want +got), %d in all:\n%s", total, d)
	}
}
