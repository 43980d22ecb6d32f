package ritual

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/bot/outbox"
	"praxis/bot/schedule"
	"praxis/internal/quotetest"
	"praxis/internal/testkit"
	"praxis/store"
)

// period is the scheduler's period at the instant s.
func period(s string, loc *time.Location) schedule.Period {
	at := testkit.UTC(s)
	return schedule.Period{Key: at.UTC().Format(time.RFC3339), At: at.In(loc)}
}

func text(t *testing.T, m store.OutMessage) string {
	t.Helper()
	var msg outbox.Message
	if err := json.Unmarshal([]byte(m.Payload), &msg); err != nil {
		t.Fatal(err)
	}
	return msg.Text
}

// Every sentence exists in English and French with the same placeholders
// (the names of days and months are bot/i18n's, a fixed number of each).
func TestCatalogComplete(t *testing.T) {
	for _, p := range catalog.Problems() {
		t.Error(p)
	}
}

// Each ritual becomes one job named after its community, place and kind,
// on the community's clock. (Which channel a ritual posts in, however the
// file writes it, is cmd/praxis's TestCommunitiesFromConfig.)
func TestJobs(t *testing.T) {
	c := bot.Community{Name: "Guilde data", Language: "fr", Loc: testkit.Zone(t, "Europe/Paris"), Rituals: []bot.Ritual{
		{Kind: bot.RitualQuestionOfTheWeek, Spec: "0 10 * * MON", ChannelID: "C0DATA", Questions: []string{"Q?"}},
		{Kind: bot.RitualShowAndTell, Spec: "0 16 * * FRI", ChannelID: "C0TWO"},
		{Kind: bot.RitualCustom, Spec: "0 9 1 * *", ChannelID: "C0DATA", Text: "Monthly retro!"},
	}}
	jobs := New(nil, []bot.Community{c}, bot.Deps{}, Options{}).Jobs()
	var names []string
	for _, j := range jobs {
		names = append(names, j.Name+" "+j.Spec+" "+j.Loc.String())
	}
	want := []string{
		"ritual:Guilde data:0:question_of_the_week 0 10 * * MON Europe/Paris",
		"ritual:Guilde data:1:show_and_tell 0 16 * * FRI Europe/Paris",
		"ritual:Guilde data:2:custom 0 9 1 * * Europe/Paris",
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("jobs (-want +got):\n%s", diff)
	}
}

// Running a ritual's job twice for one period (a retry, a replay) posts
// once; the next period posts again.
func TestPostOncePerPeriod(t *testing.T) {
	st := testkit.Store(t, nil)
	paris := testkit.Zone(t, "Europe/Paris")
	c := bot.Community{Name: "Guilde data", Language: "fr", Loc: paris}
	r := bot.Ritual{
		Kind:      bot.RitualQuestionOfTheWeek,
		Spec:      "0 10 * * MON",
		ChannelID: "C0DATA",
		Questions: []string{"Un outil ?", "Une lecture ?"},
	}
	woke := 0 // commits the poster would be woken by
	st.OnCommit(func(c store.Changes) {
		if c.Outbox {
			woke++
		}
	})
	m := metrics.New()
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	p := New(st, []bot.Community{c}, bot.Deps{Log: log, Metrics: m}, Options{})
	job := JobName(c.Name, 0, r.Kind)
	ctx := context.Background()
	first := period("2026-11-02T09:00:00Z", paris)
	for range 2 {
		if err := p.Post(ctx, job, c, r, first); err != nil {
			t.Fatal(err)
		}
	}
	counts, err := st.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[store.OutPending] != 1 || woke != 1 || testutil.ToFloat64(m.Rituals) != 1 {
		t.Fatalf("got %d messages pending and %d wake-ups after two runs of one period, want 1 and 1",
			counts[store.OutPending], woke)
	}
	row, err := st.OutboxByKey(ctx, "ritual:Guilde data:0:question_of_the_week:2026-11-02T09:00:00Z")
	if err != nil {
		t.Fatalf("the post's key: %v", err)
	}
	if row.ChannelID != "C0DATA" || !strings.Contains(text(t, row.OutMessage), "*Question de la semaine*") {
		t.Errorf("got %s %q, want the French question of the week in C0DATA", row.ChannelID, row.Payload)
	}
	if err := p.Post(ctx, job, c, r, period("2026-11-09T09:00:00Z", paris)); err != nil {
		t.Fatal(err)
	}
	if counts, _ = st.OutboxCounts(ctx); counts[store.OutPending] != 2 {
		t.Fatalf("got %d messages pending after the next period, want 2", counts[store.OutPending])
	}
}

// The question of the week follows the weeks of the community's calendar:
// one a week, in order, wrapping round the list, without a repeat or a gap
// across a DST change or a new year, and the same one when a week's period
// is run again.
func TestQuestionRotation(t *testing.T) {
	paris := testkit.Zone(t, "Europe/Paris")
	c := bot.Community{Name: "Data", Language: "en", Loc: paris}
	r := bot.Ritual{Kind: bot.RitualQuestionOfTheWeek, ChannelID: "C1", Questions: []string{"A?", "B?", "C?"}}
	var got []string
	for _, at := range []string{
		"2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z", // Paris moves to CEST on the 29th
		"2026-10-19T08:00:00Z", "2026-10-26T09:00:00Z", // and back on the 25th
		"2026-12-28T09:00:00Z", "2027-01-04T09:00:00Z", // ISO week 53 → 1
	} {
		msgs, err := Messages("q", c, r, period(at, paris))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, text(t, msgs[0]))
	}
	for i := 0; i < len(got); i += 2 {
		if got[i] == got[i+1] {
			t.Errorf("week pair %d: the same question twice: %q", i/2, got[i])
		}
		a, b := strings.Index("ABC", question(got[i])), strings.Index("ABC", question(got[i+1]))
		if (a+1)%3 != b {
			t.Errorf("week pair %d: got %q then %q, want the next question", i/2, question(got[i]), question(got[i+1]))
		}
	}
	again, _ := Messages("q", c, r, period("2027-01-04T09:00:00Z", paris))
	if text(t, again[0]) != got[len(got)-1] {
		t.Errorf("a period run again asks %q, want %q", text(t, again[0]), got[len(got)-1])
	}
}

// question returns the quoted question of a question-of-the-week post.
func question(post string) string {
	_, q, _ := strings.Cut(post, "\n>")
	q, _, _ = strings.Cut(q, "?")
	return q
}

func TestWeek(t *testing.T) {
	paris := testkit.Zone(t, "Europe/Paris")
	for _, tc := range []struct {
		at   string
		loc  *time.Location
		want int
	}{
		{"1970-01-05T00:00:00Z", time.UTC, 0},
		{"1970-01-11T23:59:59Z", time.UTC, 0},
		{"1970-01-12T00:00:00Z", time.UTC, 1},
		{"1970-01-04T12:00:00Z", time.UTC, -1},
		{"2026-03-29T22:30:00Z", time.UTC, 2933}, // Sunday in UTC…
		{"2026-03-29T22:30:00Z", paris, 2934},    // …already Monday in Paris
		{"2026-10-25T23:30:00Z", paris, 2964},    // Monday 00:30 CET, after the change
		{"2026-10-25T22:30:00Z", paris, 2963},    // Sunday 23:30 CET
	} {
		if got := Week(testkit.UTC(tc.at), tc.loc); got != tc.want {
			t.Errorf("Week(%s, %s): got %d, want %d", tc.at, tc.loc, got, tc.want)
		}
	}
}

// Office hours are announced with this week's host, and the host of the
// next session, a week later across the end of DST, is told by DM when and
// where, in the community's language.
func TestOfficeHours(t *testing.T) {
	paris := testkit.Zone(t, "Europe/Paris")
	c := bot.Community{Name: "Guilde data", Language: "fr", Loc: paris}
	r := bot.Ritual{
		Kind:      bot.RitualOfficeHours,
		Spec:      "0 14 * * THU",
		ChannelID: "C0DATA",
		Hosts:     []string{"U1", "U2", "U3"},
	}
	per := period("2026-10-22T12:00:00Z", paris) // Thursday 14:00 CEST
	msgs, err := Messages("oh", c, r, per)
	if err != nil {
		t.Fatal(err)
	}
	week := Week(per.At, paris)
	host, next := r.Hosts[week%3], r.Hosts[(week+1)%3]
	if len(msgs) != 2 {
		t.Fatalf("got %d messages, want the announcement and the DM", len(msgs))
	}
	ann, dm := msgs[0], msgs[1]
	announced := text(t, ann)
	if ann.Key != "oh:2026-10-22T12:00:00Z" || ann.ChannelID != "C0DATA" || !strings.Contains(announced, "<@"+host+">") {
		t.Errorf("announcement: got %s in %s: %q, want one naming <@%s> in C0DATA", ann.Key, ann.ChannelID, announced, host)
	}
	want := "Vous animez la prochaine permanence de Guilde data dans <#C0DATA>, le jeudi 29 octobre à 14:00."
	if dm.Key != "oh:2026-10-22T12:00:00Z:host" || dm.ChannelID != next || !strings.Contains(text(t, dm), want) {
		t.Errorf("DM: got %s to %s: %q, want one to %s saying %q", dm.Key, dm.ChannelID, text(t, dm), next, want)
	}
	c.Language = "en"
	msgs, _ = Messages("oh", c, r, per)
	if got := text(t, msgs[1]); !strings.Contains(got, "Thursday 29 October at 14:00") {
		t.Errorf("English DM: got %q, want the date in English", got)
	}
}

func TestOtherKinds(t *testing.T) {
	c := bot.Community{Name: "Sec", Language: "en", Loc: time.UTC}
	per := period("2026-11-06T16:00:00Z", time.UTC)
	for _, tc := range []struct {
		r    bot.Ritual
		want string
	}{
		{bot.Ritual{Kind: bot.RitualShowAndTell, ChannelID: "C1"}, "What did you learn or build this week?"},
		{bot.Ritual{Kind: bot.RitualCustom, ChannelID: "C1", Text: "Retro at 5!"}, "Retro at 5!"},
	} {
		msgs, err := Messages("j", c, tc.r, per)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) != 1 || msgs[0].ChannelID != "C1" || !strings.Contains(text(t, msgs[0]), tc.want) {
			t.Errorf("%s: got %+v, want one post in C1 saying %q", tc.r.Kind, msgs, tc.want)
		}
	}
	if _, err := Messages("j", c, bot.Ritual{Kind: "party"}, per); err == nil {
		t.Error("an unknown kind: got no error")
	}
}

// Upcoming lists the sessions in a window, in time order, across a DST
// change, with the host the announcement will name.
func TestUpcoming(t *testing.T) {
	paris := testkit.Zone(t, "Europe/Paris")
	c := bot.Community{Name: "Guilde data", Language: "fr", Loc: paris, Rituals: []bot.Ritual{
		{Kind: bot.RitualOfficeHours, Spec: "0 14 * * THU", ChannelID: "C0DATA", Hosts: []string{"U1", "U2", "U3"}},
		{Kind: bot.RitualShowAndTell, Spec: "0 16 * * FRI", ChannelID: "C0DATA"},
		{Kind: bot.RitualCustom, Spec: "bad spec", ChannelID: "C0DATA", Text: "x"},
	}}
	from := testkit.UTC("2026-10-21T00:00:00Z") // DST ends in Paris on Sunday 25 October
	got := Upcoming([]bot.Community{c}, from, from.AddDate(0, 0, 14), 3)
	want := []string{
		"2026-10-22T12:00:00Z office_hours",
		"2026-10-23T14:00:00Z show_and_tell",
		"2026-10-29T13:00:00Z office_hours",
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %v", got, want)
	}
	for i, s := range got {
		if g := s.At.UTC().Format(time.RFC3339) + " " + s.Kind; g != want[i] {
			t.Errorf("session %d: got %s, want %s", i, g, want[i])
		}
	}
	for _, s := range []Session{got[0], got[2]} {
		per := period(s.At.UTC().Format(time.RFC3339), paris)
		msgs, err := Messages("oh", c, c.Rituals[0], per)
		if err != nil || !strings.Contains(text(t, msgs[0]), "<@"+s.Host+">") {
			t.Errorf("session %v: host %s, but the announcement says %q (%v)", s.At, s.Host, text(t, msgs[0]), err)
		}
	}
	if got[0].Host == got[2].Host {
		t.Errorf("got host %s two weeks running, want the rotation", got[0].Host)
	}
}

// What the configuration and the model write is posted as written: escaped,
// it neither breaks Slack's markup nor mentions or broadcasts.
func TestTextIsEscaped(t *testing.T) {
	c := bot.Community{Name: quotetest.Community, Language: "en", Loc: time.UTC}
	per := period("2026-11-05T14:00:00Z", time.UTC)
	for _, tc := range []struct {
		r       bot.Ritual
		drafted string
		want    string
	}{
		{bot.Ritual{Kind: bot.RitualQuestionOfTheWeek, ChannelID: "C1", Questions: []string{"Q&A or <b>docs</b>?"}}, "",
			">Q&amp;A or &lt;b&gt;docs&lt;/b&gt;?\n"},
		{bot.Ritual{Kind: bot.RitualQuestionOfTheWeek, ChannelID: "C1", Questions: []string{"x"}},
			"Which R&D tool > the rest?",
			">Which R&amp;D tool &gt; the rest?\n"},
		{bot.Ritual{Kind: bot.RitualCustom, ChannelID: "C1", Text: "Retro & demo <!here>"}, "",
			"Retro &amp; demo &lt;!here&gt;"},
		{bot.Ritual{Kind: bot.RitualOfficeHours, ChannelID: "C1", Spec: "0 14 * * THU", Hosts: []string{"U1"}}, "",
			"the next office hours of " + quotetest.Escaped + " in <#C1>"},
	} {
		msgs, err := messages("j", c, tc.r, per, tc.drafted)
		if err != nil {
			t.Fatal(err)
		}
		got := text(t, msgs[len(msgs)-1])
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: got %q, want it to hold %q", tc.r.Kind, got, tc.want)
		}
		if strings.Contains(got, "<!here>") || strings.Contains(got, quotetest.Community) {
			t.Errorf("%s: got %q, raw", tc.r.Kind, got)
		}
	}
}
