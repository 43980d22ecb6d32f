package app

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/bot/workhours"
	"praxis/internal/testkit"
)

// The configuration is resolved once: channels to what the resolution
// gives them, a ritual in its channel however the file writes it (a
// ritual without one in the community's first), the zone loaded, the
// settings typed. A channel the resolution lacks (absent from an export)
// is left out, and so is a ritual posted there.
func TestCommunitiesFromConfig(t *testing.T) {
	cfg, err := config.Parse([]byte(`
language: en
timezone: UTC
sponsors: [U0BOSS]
sponsor_report: {day: 3, hour: 7}
communities:
  - name: Guilde data
    language: fr
    timezone: Europe/Paris
    channels: ["#data", "C0TWO", "#gone"]
    facilitators: [U0FAC]
    sponsors: [U0VP]
    experts: [{user: U0EXP, topics: [spark]}]
    questions: {answer_within_hours: 2, escalate_after_hours: 8, holidays: FR}
    digest: {frequency: daily, hour: 7}
    nudges: {quiet_hours: "22:00-07:00"}
    rituals:
      - {kind: question_of_the_week, schedule: "0 10 * * MON", channel: "#data", questions: ["Q?"]}
      - {kind: show_and_tell, schedule: "0 16 * * FRI", channel: C0TWO}
      - {kind: custom, schedule: "0 9 1 * *", text: "Monthly retro!"}
      - {kind: custom, schedule: "0 9 2 * *", channel: "#gone", text: "Lost"}
`), "test.yaml", func(k string) string {
		if k == config.EnvDatabaseURL { // a URL selects PostgreSQL
			return ""
		}
		return "x"
	})
	if err != nil {
		t.Fatal(err)
	}
	resolved := map[string]bot.Channel{"#data": {ID: "C0DATA", Name: "data"},
		"C0TWO": {ID: "C0TWO", Name: "two", Private: true}}
	cs, err := Communities(cfg, resolved)
	if err != nil || len(cs) != 1 {
		t.Fatalf("got %d communities, %v", len(cs), err)
	}
	c := cs[0]
	paris := testkit.Zone(t, "Europe/Paris")
	if c.Loc.String() != "Europe/Paris" || c.Hours.Loc.String() != "Europe/Paris" || c.Language != "fr" {
		t.Errorf("got zone %s, hours in %s, language %s; want Europe/Paris and fr", c.Loc, c.Hours.Loc, c.Language)
	}
	if christmas := time.Date(2026, 12, 25, 10, 0, 0, 0, paris); c.Hours.Open(christmas) {
		t.Error("Christmas is a working day: the holidays were not read")
	}
	want := bot.Community{Name: "Guilde data", Language: "fr", Facilitators: []string{"U0FAC"}, Sponsors: []string{"U0VP"},
		Experts:  map[string][]string{"U0EXP": {"spark"}},
		Channels: []bot.Channel{{ID: "C0DATA", Name: "data"}, {ID: "C0TWO", Name: "two", Private: true}},
		Rituals: []bot.Ritual{
			{Kind: bot.RitualQuestionOfTheWeek, Spec: "0 10 * * MON", ChannelID: "C0DATA", Questions: []string{"Q?"}},
			{Kind: bot.RitualShowAndTell, Spec: "0 16 * * FRI", ChannelID: "C0TWO"},
			{Kind: bot.RitualCustom, Spec: "0 9 1 * *", ChannelID: "C0DATA", Text: "Monthly retro!"},
		},
		AnswerWithin: 2 * time.Hour, EscalateAfter: 8 * time.Hour,
		Digest: bot.Digest{Frequency: bot.FrequencyDaily, Weekday: time.Monday, Hour: 7, MaxItems: 8},
		Nudges: bot.Nudges{Enabled: true, WeeklyBudget: 1, Quiet: true, QuietFrom: 22 * time.Hour, QuietTo: 7 * time.Hour,
			SkipWeekends: true, HoldoutPercent: 10, SilentWeeks: 4, PerQuestion: 2},
		Report: bot.Report{Weekday: time.Monday, Hour: 8, Format: "blocks", Charts: "png"},
	}
	if diff := cmp.Diff(want, c, cmpopts.IgnoreFields(bot.Community{}, "Loc", "Hours")); diff != "" {
		t.Errorf("community (-want +got):\n%s", diff)
	}
	fb, err := fallback(cfg)
	wantReport := bot.SponsorReport{Frequency: bot.FrequencyMonthly, Day: 3, Hour: 7}
	if err != nil || !slices.Equal(fb.Sponsors, []string{"U0BOSS"}) || fb.SponsorReport != wantReport {
		t.Errorf("fallback: sponsors %v, report %+v, %v; want [U0BOSS], %+v", fb.Sponsors, fb.SponsorReport, err, wantReport)
	}
}

// testkit.Community is a community with the configuration's defaults: the
// tests of the capabilities that use it test what production runs.
func TestTestkitCommunityHasTheDefaults(t *testing.T) {
	c := config.DefaultCommunity()
	c.Name, c.Language, c.Timezone, c.Channels = "sec", "en", "UTC", []string{"C1"}
	got, err := community(c, map[string]bot.Channel{"C1": {ID: "C1"}})
	if err != nil {
		t.Fatal(err)
	}
	cmpLoc := cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() })
	holidays := cmp.AllowUnexported(workhours.Holidays{})
	if diff := cmp.Diff(testkit.Community("sec", "C1"), got, cmpLoc, holidays); diff != "" {
		t.Errorf("testkit.Community (-want +got):\n%s", diff)
	}
	fb, err := fallback(config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(testkit.Community(""), fb, cmpLoc, holidays); diff != "" {
		t.Errorf("fallback (-want +got):\n%s", diff)
	}
}
