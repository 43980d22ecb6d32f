package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"praxis/bot"
	"praxis/bot/report/reporttest"
	"praxis/bot/workhours"
	"praxis/internal/testkit"
)

// near reports whether a and b agree to 1e-9.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// w47 builds the seeded world's reports for 2026-W47, made on the Tuesday
// after.
func w47(t *testing.T) (*reporttest.World, map[string]*Report) {
	t.Helper()
	w := reporttest.NewWorld(t)
	w.Seed()
	rs := buildW47(t, w)
	if len(rs) != 2 || rs[0].Community != "sec" || rs[1].Community != "data" {
		t.Fatalf("got %d reports, want sec then data", len(rs))
	}
	return w, map[string]*Report{"sec": rs[0], "data": rs[1]}
}

// buildW47 builds every community's report for 2026-W47, made on the
// Tuesday after.
func buildW47(t *testing.T, w *reporttest.World) []*Report {
	t.Helper()
	p, err := ParsePeriod("2026-W47", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := BuildAll(w.Ctx, w.St, w.Comms.Communities(), func(bot.Community) Period { return p },
		Options{TeamURL: "https://acme.slack.com", Now: reporttest.At(24, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestBuildMembers(t *testing.T) {
	_, rs := w47(t)
	r := rs["sec"]
	// Members at the end: A B R Q X S (C1), D RET (C2), N N2 (joined);
	// not L (left), not BOT.
	// Active in W47: A B X N D (deleted message) RET. New: N N2.
	// Returning: RET (active in W45, not W46). Gone quiet: Q (L left).
	got := r.Members
	want := Members{Total: 10, New: 2, Active: 6, Returning: 1, GoneQuiet: 1,
		// Core: A (8 weeks posting, 10 replies in others' threads).
		// Contributors: B (8 weeks), S (8 weeks). Observers: R, N2.
		Levels: map[Level]int{Observer: 2, Participant: 5, Contributor: 2, Core: 1},
		// X and D posted for the first time: observer → participant.
		Moves: []Move{{From: Observer, To: Participant, Count: 2}},
		Core:  []Person{{ID: "A", Name: "name-A"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	// Contributions: top-level q1 q2 q3, N's hello, D's deleted message,
	// RET's; replies by A (3), X (1) and B's thanks. The bot's message and
	// reaction are not counted.
	if want := (Contributions{Messages: 6, Replies: 5, Reactions: 1, Resources: 1}); r.Contributions != want {
		t.Errorf("contributions: got %+v, want %+v", r.Contributions, want)
	}
}

func TestBuildQuestions(t *testing.T) {
	w, rs := w47(t)
	q := rs["sec"].Questions
	// q1 answered in 2 working hours, q2 in 3 (17:00-18:00, then 9:00-11:00), q3 open.
	if q.Asked != 3 || q.Answered != 2 || q.Resolved != 2 || !q.HasTimes {
		t.Errorf("got asked %d answered %d resolved %d (times %v), want 3 2 2 true",
			q.Asked, q.Answered, q.Resolved, q.HasTimes)
	}
	if !near(q.MedianFirstAnswerHours, 2.5) || !near(q.P90FirstAnswerHours, 3) {
		t.Errorf("got median %v p90 %v, want 2.5 and 3", q.MedianFirstAnswerHours, q.P90FirstAnswerHours)
	}
	want := []OpenQuestion{{
		Asker:       Person{ID: "B", Name: "name-B"},
		Channel:     "C1",
		ChannelName: "security",
		TS:          w.Q3,
		Text:        "Anyone know the VPN policy?",
		AskedAt:     reporttest.At(20, 17, 30),
		AgeHours:    54.5,
		Permalink:   "https://acme.slack.com/archives/C1/p" + strings.Replace(w.Q3, ".", "", 1),
		ThisPeriod:  true,
	}}
	if diff := cmp.Diff(want, q.Open); diff != "" {
		t.Errorf("open questions (-want +got):\n%s", diff)
	}
	// Helpers: A's answers were accepted (q1) and thanked (q2); X answered q0.
	wantHelpers := []Helper{{Person: Person{ID: "A", Name: "name-A"}, Accepted: 1, Thanked: 1, Answers: 2},
		{Person: Person{ID: "X", Name: "name-X"}, Answers: 1}}
	if diff := cmp.Diff(wantHelpers, rs["sec"].TopHelpers); diff != "" {
		t.Errorf("top helpers (-want +got):\n%s", diff)
	}
}

// TestBuildQuestionsSkipHolidays: the time to a first answer leaves out the
// community's public holidays. 17 November is one in the Czech Republic, so
// q2 (asked on the 17th at 17:00, answered on the 18th at 11:00) waited 2
// working hours, not 3.
func TestBuildQuestionsSkipHolidays(t *testing.T) {
	w := reporttest.NewWorld(t)
	w.Seed()
	w.Change("sec", func(c *bot.Community) {
		var err error
		if c.Hours.Holidays, err = workhours.ParseHolidays("CZ", nil); err != nil {
			t.Fatal(err)
		}
	})
	q := buildW47(t, w)[0].Questions
	if !near(q.MedianFirstAnswerHours, 2) || !near(q.P90FirstAnswerHours, 2) {
		t.Errorf("got median %v p90 %v, want 2 and 2", q.MedianFirstAnswerHours, q.P90FirstAnswerHours)
	}
}

func TestBuildHeadline(t *testing.T) {
	_, rs := w47(t)
	got := map[string]Figure{}
	for _, f := range rs["sec"].Headline {
		got[f.Key] = f
	}
	// W46: active B A Q L; messages q4 q0 hello tip + A's reply; q4 and q0
	// answered by now, in 1 and 27 working hours (Thursday 10:00 to
	// Tuesday 10:00); q0 open at the end of W46.
	want := []Figure{
		{Key: FigActiveMembers, Value: 6, Previous: 4},
		{Key: FigNewMembers, Value: 2, Previous: 0},
		{Key: FigMessages, Value: 11, Previous: 5},
		{Key: FigQuestionsAsked, Value: 3, Previous: 2},
		{Key: FigAnsweredPercent, Value: 200.0 / 3, Previous: 100, Unit: "percent"},
		{Key: FigMedianResponse, Value: 2.5, Previous: 14, Unit: "hours"},
		{Key: FigOpenQuestions, Value: 1, Previous: 1},
		{Key: FigResources, Value: 1, Previous: 0},
	}
	var keys []string
	for _, f := range rs["sec"].Headline {
		keys = append(keys, f.Key)
	}
	for _, f := range want {
		if !slices.Contains(keys, f.Key) {
			t.Errorf("headline: no %s", f.Key)
		}
		g := got[f.Key]
		if !near(g.Value, f.Value) || !near(g.Previous, f.Previous) || g.Unit != f.Unit || g.Missing || g.PrevMissing {
			t.Errorf("%s: got %+v, want %+v", f.Key, g, f)
		}
	}
}

func TestBuildNewcomersRiskNudges(t *testing.T) {
	w, rs := w47(t)
	r := rs["sec"]
	// N2 never posted (listed first); N's hello got A's reply.
	want := []Newcomer{
		{Person: Person{ID: "N2", Name: "N2"}, JoinedAt: reporttest.At(19, 8, 0)},
		{Person: Person{ID: "N", Name: "N"}, JoinedAt: reporttest.At(17, 8, 0), Posted: true, GotReply: true,
			Permalink: "https://acme.slack.com/archives/C1/p" + strings.Replace(w.NewcomerTS, ".", "", 1)},
	}
	if diff := cmp.Diff(want, r.Newcomers); diff != "" {
		t.Errorf("newcomers (-want +got):\n%s", diff)
	}
	// S: 24 messages over the 8 baseline weeks, none in the last 4.
	// Absence factor: B wrote 4 of the 11 messages, A 3: two make half.
	// X was active in data too.
	wantRisk := Risk{
		Slipping:      []Slipping{{Person: Person{ID: "S", Name: "name-S"}, Baseline: 3, Recent: 0}},
		AbsenceFactor: 2,
		Bridges:       []Bridge{{Person: Person{ID: "X", Name: "name-X"}, Communities: []string{"data"}}},
	}
	if diff := cmp.Diff(wantRisk, r.Risk); diff != "" {
		t.Errorf("risk (-want +got):\n%s", diff)
	}
	bridges := rs["data"].Risk.Bridges
	if len(bridges) != 1 || bridges[0].Person.ID != "X" || !slices.Equal(bridges[0].Communities, []string{"sec"}) {
		t.Errorf("data's bridges: got %+v, want X to sec", bridges)
	}
	// Nudges: RET contributed, Q did not; R (holdout) did not; N2's is
	// the one sent in W47. 1/2 vs 0/1: pooled 1/3, z = 0.5/sqrt(1/3).
	n := r.Nudges
	wantP := math.Erfc(0.5 / math.Sqrt(1.0/3) / math.Sqrt2)
	if n.Sent != 1 || n.Nudged != 2 || n.NudgedContributed != 1 || n.Holdout != 1 || n.HoldoutContributed != 0 ||
		!near(n.Lift, 50) || n.Significant || !near(n.PValue, wantP) {
		t.Errorf("nudges: got %+v, want 1 sent, 1/2 vs 0/1, lift 50, p %.4f, not significant", n, wantP)
	}
}

func TestBuildMarksTrends(t *testing.T) {
	_, rs := w47(t)
	r := rs["sec"]
	if len(r.Marks) != 6 {
		t.Fatalf("got %d marks, want 6", len(r.Marks))
	}
	marks := map[string]Mark{}
	for i, m := range r.Marks {
		if m.Key != markKeys[i] || len(m.Trend) != 12 {
			t.Errorf("mark %d: key %s with %d weeks, want %s with 12", i, m.Key, len(m.Trend), markKeys[i])
		}
		if m.Trend[11] != m.Value {
			t.Errorf("%s: the trend's last week %v is not the period's value %v", m.Key, m.Trend[11], m.Value)
		}
		if m.Trend[10] != m.Previous {
			t.Errorf("%s: the trend's week 10 %v is not the previous value %v", m.Key, m.Trend[10], m.Previous)
		}
		marks[m.Key] = m
	}
	// W47: posters A B X N D RET, edges A-B, X-B, A-N: 3 of 15 pairs.
	// W46: posters B A Q L, edge A-B: 1 of 6.
	// Cooperation: A's 3 replies and X's; W46: A's.
	// Learning: q1 and q2 resolved in W47.
	// Culture: of A B S, active September 28 to October 25, A and B are
	// active since; W46: A B S all active in both months.
	for _, tt := range []struct {
		key        string
		value, was float64
	}{
		{MarkConnected, 20, 100.0 / 6},
		{MarkCooperation, 4, 1},
		{MarkResources, 1, 0},
		{MarkLearning, 2, 0},
		{MarkCulture, 200.0 / 3, 100},
	} {
		if m := marks[tt.key]; !near(m.Value, tt.value) || !near(m.Previous, tt.was) {
			t.Errorf("%s: got %v (previous %v), want %v (previous %v)", tt.key, m.Value, m.Previous, tt.value, tt.was)
		}
	}
	if v := marks[MarkInterests].Value; v <= 0 || v > 100 {
		t.Errorf("shared interests: got %v, want a share in (0, 100]", v)
	}
	tr := r.Trends
	if tr.Weeks[0] != "2026-W36" || tr.Weeks[11] != "2026-W47" {
		t.Errorf("weeks: got %s..%s, want 2026-W36..2026-W47", tr.Weeks[0], tr.Weeks[11])
	}
	if got := tr.Active[9:]; !slices.Equal(got, []int{3, 4, 6}) { // W45: A B RET
		t.Errorf("active W45..W47: got %v, want [3 4 6]", got)
	}
	if !slices.Equal(tr.Asked[10:], []int{2, 3}) || !slices.Equal(tr.Answered[10:], []int{2, 2}) {
		t.Errorf("asked %v answered %v for W46..W47, want [2 3] and [2 2]", tr.Asked[10:], tr.Answered[10:])
	}
	if got := tr.MedianResponseHours[9:]; !slices.Equal(got, []float64{-1, 14, 2.5}) {
		t.Errorf("median response W45..W47: got %v, want [-1 14 2.5]", got)
	}
}

func TestBuildEdges(t *testing.T) {
	w := reporttest.NewWorld(t)
	w.Seed()
	cm := testkit.Community("empty")
	cm.Loc = testkit.Zone(t, "Europe/Paris")
	now := reporttest.At(24, 9, 0)

	t.Run("empty community", func(t *testing.T) {
		r, err := Build(w.Ctx, w.St, cm, Week(reporttest.At(18, 12, 0), cm.Loc), Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		checkEmpty(t, r)
		if r.TimeZone != "Europe/Paris" || r.Language != "en" ||
			r.Period.Label != "2026-W47" || r.Previous.Label != "2026-W46" {
			t.Errorf("got %s %s %s after %s, want Europe/Paris en 2026-W47 after 2026-W46",
				r.TimeZone, r.Language, r.Period.Label, r.Previous.Label)
		}
	})
	t.Run("future period", func(t *testing.T) {
		p, _ := ParsePeriod("2027-W10", time.UTC)
		r, err := Build(w.Ctx, w.St, w.Community("sec"), p, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		checkEmpty(t, r)
	})
	t.Run("period under way", func(t *testing.T) {
		// On Wednesday noon of W47: q1 answered, q2 (asked Tuesday) not yet.
		week := Week(reporttest.At(18, 12, 0), time.UTC)
		r, err := Build(w.Ctx, w.St, w.Community("sec"), week, Options{Now: reporttest.At(18, 10, 0)})
		if err != nil {
			t.Fatal(err)
		}
		if q := r.Questions; q.Asked != 2 || q.Answered != 1 || len(q.Open) != 1 || !near(q.Open[0].AgeHours, 17) {
			t.Errorf("got %d asked, %d answered, open %+v; want 2, 1 and q2 open for 17 hours", q.Asked, q.Answered, q.Open)
		}
	})
}

// checkEmpty checks a report with no activity: zeros, missing rates and
// times, "not enough data".
func checkEmpty(t *testing.T, r *Report) {
	t.Helper()
	for _, f := range r.Headline {
		switch f.Key {
		case FigAnsweredPercent, FigMedianResponse:
			if !f.Missing {
				t.Errorf("%s: got %+v, want missing", f.Key, f)
			}
		default:
			if f.Value != 0 || f.Missing {
				t.Errorf("%s: got %+v, want 0", f.Key, f)
			}
		}
	}
	if r.Questions.HasTimes || r.Questions.Asked != 0 || len(r.Questions.Open) != 0 {
		t.Errorf("questions: got %+v, want none", r.Questions)
	}
	if r.Members.Active != 0 || r.Contributions != (Contributions{}) || len(r.Newcomers) != 0 || len(r.TopHelpers) != 0 {
		t.Errorf("got members %+v, contributions %+v, newcomers %v, helpers %v; want nothing",
			r.Members, r.Contributions, r.Newcomers, r.TopHelpers)
	}
	if r.Nudges.Significant || r.Nudges.Sent != 0 {
		t.Errorf("nudges: got %+v, want nothing sent, not significant", r.Nudges)
	}
	if len(r.Marks) != 6 || len(r.Trends.Weeks) != 12 {
		t.Errorf("got %d marks and %d weeks, want 6 and 12", len(r.Marks), len(r.Trends.Weeks))
	}
}

func TestBuildDSTWeek(t *testing.T) {
	w := reporttest.NewWorld(t)
	paris := mustLoc(t, "Europe/Paris")
	w.Change("sec", func(c *bot.Community) { c.Loc, c.Hours.Loc = paris, paris })
	w.Member("U1", false, "C1")
	w.Member("U2", false, "C1")
	// Sunday March 29, 23:30 in Paris (summer time since 02:00) is still
	// W13; Monday 00:30 is W14. In UTC both are on Sunday.
	w.Post("C1", "U1", "", "late on Sunday", time.Date(2026, 3, 29, 23, 30, 0, 0, paris))
	w.Post("C1", "U2", "", "early on Monday", time.Date(2026, 3, 30, 0, 30, 0, 0, paris))
	p, err := ParsePeriod("2026-W13", paris)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(w.Ctx, w.St, w.Community("sec"), p, Options{Now: time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Members.Active != 1 || r.Contributions.Messages != 1 || r.TimeZone != "Europe/Paris" {
		t.Errorf("W13: got %d active, %d messages in %s; want U1's message only, in Europe/Paris",
			r.Members.Active, r.Contributions.Messages, r.TimeZone)
	}
	if got := r.Period.To.Sub(r.Period.From); got != 167*time.Hour {
		t.Errorf("W13 lasts %v, want 167h", got)
	}
	tr := r.Trends
	if tr.Weeks[11] != "2026-W13" || tr.Weeks[0] != "2026-W02" || tr.Active[11] != 1 || tr.Active[10] != 0 {
		t.Errorf("trends: got weeks %s..%s, active %v; want 2026-W02..2026-W13 with 1 in the last",
			tr.Weeks[0], tr.Weeks[11], tr.Active)
	}
	next, err := Build(w.Ctx, w.St, w.Community("sec"), Week(time.Date(2026, 3, 31, 12, 0, 0, 0, paris), paris),
		Options{Now: time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if next.Period.Label != "2026-W14" || next.Members.Active != 1 || next.Headline[0].Previous != 1 {
		t.Errorf("W14: got %s with %d active (previous %v), want 2026-W14 with 1 and 1",
			next.Period.Label, next.Members.Active, next.Headline[0].Previous)
	}
}

// A newcomer's first message answered in the channel a minute later got a
// reply where the channel answers in the channel at that time (bot/inchannel's
// rule, per channel and period): #crypto threaded its questions weeks ago
// and now answers in the channel, which the whole channel's share of thread
// replies (over 5%) hid.
func TestNewcomerAnsweredInAChannelThatLeftThreads(t *testing.T) {
	w := reporttest.NewWorld(t)
	for i := 0; i < 40; i++ {
		at := reporttest.At(2, 9, 0).Add(time.Duration(i) * 3 * time.Hour)
		ts := w.Post("C2", "A", "", fmt.Sprintf("how do we rotate key %d?", i), at)
		w.Post("C2", "B", ts, "with the vault CLI", at.Add(10*time.Minute))
	}
	for i := 0; i < 60; i++ {
		at := reporttest.At(16, 8, 0).Add(time.Duration(i) * time.Minute)
		w.Post("C2", []string{"A", "B"}[i%2], "", fmt.Sprintf("chatter %d", i), at)
	}
	w.Join("C2", "N", true, reporttest.At(17, 8, 0))
	w.Post("C2", "N", "", "hello! where do I find the key rotation runbook?", reporttest.At(17, 8, 5))
	w.Post("C2", "B", "", "@N it is in the wiki, under Security", reporttest.At(17, 8, 6))
	rs := buildW47(t, w)
	var got []Newcomer
	for _, r := range rs {
		if r.Community == "sec" {
			got = r.Newcomers
		}
	}
	if len(got) != 1 || got[0].Person.ID != "N" || !got[0].Posted || !got[0].GotReply {
		t.Fatalf("got newcomers %+v, want N, who posted and got B's reply in the channel", got)
	}
}
