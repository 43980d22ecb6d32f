package slackedge

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

// A period's messages are keyed by the job and the period: the post goes
// to the ritual's channel; for office hours, the next host's DM to them,
// under the post's key and ":host".
func TestMessagesKeys(t *testing.T) {
	paris := testkit.Zone(t, "Europe/Paris")
	c := bot.Community{Name: "Guilde data", Language: "fr", Loc: paris}
	per := period("2026-10-22T12:00:00Z", paris) // Thursday 14:00 CEST
	show := bot.Ritual{Kind: bot.RitualShowAndTell, ChannelID: "C1"}
	msgs, err := messages("j", c, show, per, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].Key != "j:2026-10-22T12:00:00Z" || msgs[0].ChannelID != "C1" {
		t.Errorf("show & tell: got %+v, want one post in C1 keyed j:2026-10-22T12:00:00Z", msgs)
	}
	r := bot.Ritual{Kind: bot.RitualOfficeHours, Spec: "0 14 * * THU", ChannelID: "C0DATA", Hosts: []string{"U1", "U2"}}
	msgs, err = messages("oh", c, r, per, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("got %d messages, want the announcement and the DM", len(msgs))
	}
	ann, dm := msgs[0], msgs[1]
	if ann.Key != "oh:2026-10-22T12:00:00Z" || ann.ChannelID != "C0DATA" || !strings.Contains(text(t, ann), "<@U") {
		t.Errorf("announcement: got %s in %s: %q, want one naming its host in C0DATA", ann.Key, ann.ChannelID, text(t, ann))
	}
	if dm.Key != "oh:2026-10-22T12:00:00Z:host" || !strings.HasPrefix(dm.ChannelID, "U") || text(t, dm) == "" {
		t.Errorf("DM: got %s to %s: %q, want one to the next host", dm.Key, dm.ChannelID, text(t, dm))
	}
	if _, err := messages("j", c, bot.Ritual{Kind: "party"}, per, ""); err == nil ||
		!strings.Contains(err.Error(), "ritual j: unknown kind") {
		t.Errorf("an unknown kind: got %v, want the job named", err)
	}
}
