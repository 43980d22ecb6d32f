package ritual

import (
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/internal/quotetest"
	"praxis/internal/testkit"
)

// Every sentence exists in English and French with the same placeholders
// (the names of days and months are bot/i18n's, a fixed number of each).
func TestCatalogComplete(t *testing.T) {
	for _, p := range catalog.Problems() {
		t.Error(p)
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
		said, err := Compose(c, r, testkit.UTC(at).In(paris), "")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, said.Post)
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
	again, _ := Compose(c, r, testkit.UTC("2027-01-04T09:00:00Z").In(paris), "")
	if again.Post != got[len(got)-1] {
		t.Errorf("a period run again asks %q, want %q", again.Post, got[len(got)-1])
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
	at := testkit.UTC("2026-10-22T12:00:00Z").In(paris) // Thursday 14:00 CEST
	said, err := Compose(c, r, at, "")
	if err != nil {
		t.Fatal(err)
	}
	week := Week(at, paris)
	host, next := r.Hosts[week%3], r.Hosts[(week+1)%3]
	if !strings.Contains(said.Post, "<@"+host+">") {
		t.Errorf("announcement: got %q, want one naming <@%s>", said.Post, host)
	}
	want := "Vous animez la prochaine permanence de Guilde data dans <#C0DATA>, le jeudi 29 octobre à 14:00."
	if said.NextHost != next || !strings.Contains(said.HostDM, want) {
		t.Errorf("DM: got one to %q: %q, want one to %s saying %q", said.NextHost, said.HostDM, next, want)
	}
	c.Language = "en"
	said, _ = Compose(c, r, at, "")
	if !strings.Contains(said.HostDM, "Thursday 29 October at 14:00") {
		t.Errorf("English DM: got %q, want the date in English", said.HostDM)
	}
}

func TestOtherKinds(t *testing.T) {
	c := bot.Community{Name: "Sec", Language: "en", Loc: time.UTC}
	at := testkit.UTC("2026-11-06T16:00:00Z")
	for _, tc := range []struct {
		r    bot.Ritual
		want string
	}{
		{bot.Ritual{Kind: bot.RitualShowAndTell, ChannelID: "C1"}, "What did you learn or build this week?"},
		{bot.Ritual{Kind: bot.RitualCustom, ChannelID: "C1", Text: "Retro at 5!"}, "Retro at 5!"},
	} {
		said, err := Compose(c, tc.r, at, "")
		if err != nil {
			t.Fatal(err)
		}
		if said.NextHost != "" || !strings.Contains(said.Post, tc.want) {
			t.Errorf("%s: got %+v, want one post saying %q", tc.r.Kind, said, tc.want)
		}
	}
	if _, err := Compose(c, bot.Ritual{Kind: "party"}, at, ""); err == nil {
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
		said, err := Compose(c, c.Rituals[0], s.At, "")
		if err != nil || !strings.Contains(said.Post, "<@"+s.Host+">") {
			t.Errorf("session %v: host %s, but the announcement says %q (%v)", s.At, s.Host, said.Post, err)
		}
	}
	if got[0].Host == got[2].Host {
		t.Errorf("got host %s two weeks running, want the rotation", got[0].Host)
	}
}

// A weekly recognition ritual posts at its first run of a month: that is
// its one session of the month.
func TestUpcomingRecognition(t *testing.T) {
	c := bot.Community{Name: "Guilde data", Loc: testkit.Zone(t, "Europe/Paris"), Rituals: []bot.Ritual{
		{Kind: bot.RitualRecognition, Spec: "0 10 * * TUE", ChannelID: "C0DATA"}}}
	var got []string
	from, to := testkit.UTC("2026-11-01T00:00:00Z"), testkit.UTC("2027-01-01T00:00:00Z")
	for _, s := range Upcoming([]bot.Community{c}, from, to, 0) {
		got = append(got, s.At.UTC().Format(time.RFC3339))
	}
	if want := []string{"2026-11-03T09:00:00Z", "2026-12-01T09:00:00Z"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want the first Tuesday of each month", got)
	}
}

// What the configuration and the model write is posted as written: escaped,
// it neither breaks Slack's markup nor mentions or broadcasts.
func TestTextIsEscaped(t *testing.T) {
	c := bot.Community{Name: quotetest.Community, Language: "en", Loc: time.UTC}
	at := testkit.UTC("2026-11-05T14:00:00Z")
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
		said, err := Compose(c, tc.r, at, tc.drafted)
		if err != nil {
			t.Fatal(err)
		}
		got := said.Post
		if said.NextHost != "" {
			got = said.HostDM
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: got %q, want it to hold %q", tc.r.Kind, got, tc.want)
		}
		if strings.Contains(got, "<!here>") || strings.Contains(got, quotetest.Community) {
			t.Errorf("%s: got %q, raw", tc.r.Kind, got)
		}
	}
}
