package deliver

import (
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/outbox"
	"praxis/bot/report/reporttest"
	"praxis/bot/schedule"
	"praxis/internal/testkit"
	"praxis/store"
)

// sponsorWorld is the seeded world with sponsors: S1 sponsors the
// workspace (every community) and has no known zone (the workspace's, UTC);
// S2 sponsors "data" and lives in Paris.
func sponsorWorld(t *testing.T) (*reporttest.World, *bot.Directory) {
	t.Helper()
	w := reporttest.NewWorld(t)
	w.Seed()
	w.Change("data", func(c *bot.Community) { c.Sponsors = []string{"S2"} })
	fb := testkit.Community("")
	fb.Sponsors = []string{"S1"}
	if err := w.St.PutMember(w.Ctx, store.Member{ID: "S2", Name: "s2", TZ: "Europe/Paris"}); err != nil {
		t.Fatal(err)
	}
	return w, bot.NewDirectory(w.Comms.Communities(), fb, nil)
}

// The hourly job sends each sponsor the last month's report once, on the
// first of the month at 9:00 in their own zone; a period run again, or
// every other hour, sends nothing.
func TestSponsorReportOncePerMonth(t *testing.T) {
	w, dir := sponsorWorld(t)
	d := NewSponsorDeliverer(w.St, dir, bot.Deps{}, DeliverOptions{TeamURL: "https://acme.slack.com"})
	jobs := d.Jobs()
	if len(jobs) != 1 || jobs[0].Name != SponsorJobName || jobs[0].Spec != "0 * * * *" {
		t.Fatalf("got jobs %+v, want one hourly job", jobs)
	}
	sent := func(key string) bool {
		_, err := w.St.OutboxByKey(w.Ctx, key)
		return err == nil
	}
	run := func(from, to time.Time) {
		for at := from; !at.After(to); at = at.Add(time.Hour) {
			per := schedule.Period{Key: at.Format(time.RFC3339), At: at, Prev: at.Add(-time.Hour)}
			for range 2 {
				if err := jobs[0].Fn(w.Ctx, per); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	dec1 := func(hour int) time.Time { return time.Date(2026, 12, 1, hour, 0, 0, 0, time.UTC) }
	run(dec1(0).Add(-72*time.Hour), dec1(7)) // up to 8:00 in Paris
	if sent("sponsor:2026-11:S2") {
		t.Fatal("S2's report sent before 9:00 in Paris")
	}
	run(dec1(8), dec1(8))
	if !sent("sponsor:2026-11:S2") || sent("sponsor:2026-11:S1") {
		t.Fatalf("by 8:00 UTC: S2 sent %v, S1 sent %v; want S2's only (9:00 in Paris is 8:00 UTC)",
			sent("sponsor:2026-11:S2"), sent("sponsor:2026-11:S1"))
	}
	run(dec1(9), dec1(23))
	for _, key := range []string{"sponsor:2026-11:S1", "sponsor:2026-11:S1:html", "sponsor:2026-11:S2:html"} {
		if !sent(key) {
			t.Errorf("%s not sent", key)
		}
	}
	for _, key := range []string{"sponsor:2026-10:S1", "sponsor:2026-12:S1", "sponsor:2026-10:S2"} {
		if sent(key) {
			t.Errorf("%s sent, want November's alone", key)
		}
	}
	s1, _ := w.St.OutboxByKey(w.Ctx, "sponsor:2026-11:S1")
	s2, _ := w.St.OutboxByKey(w.Ctx, "sponsor:2026-11:S2")
	b1, b2 := string(payload(t, s1).Blocks), string(payload(t, s2).Blocks)
	if s1.ChannelID != "S1" || !strings.Contains(b1, `"*sec*`) || !strings.Contains(b1, `"*data*`) {
		t.Errorf("S1: got %s to %s; want both communities by DM", b1, s1.ChannelID)
	}
	if s2.ChannelID != "S2" || strings.Contains(b2, `"*sec*`) || !strings.Contains(b2, `"*data*`) ||
		!strings.Contains(b2, "Nov 1, 2026 to Nov 30, 2026 · Europe/Paris") {
		t.Errorf("S2: got %s to %s; want data's November in Paris by DM", b2, s2.ChannelID)
	}
	page, _ := w.St.OutboxByKey(w.Ctx, "sponsor:2026-11:S2:html")
	if m := payload(t, page); page.Method != outbox.UploadFile || m.File == nil ||
		!strings.Contains(string(m.File.Data), "<title>Communities of practice — November 2026</title>") {
		t.Errorf("S2's page: got %s %+v; want the HTML page uploaded", page.Method, m.File)
	}
}

func TestSponsorReportOff(t *testing.T) {
	w, dir := sponsorWorld(t)
	fb := dir.Fallback()
	fb.SponsorReport.Frequency = bot.FrequencyOff
	off := bot.NewDirectory(dir.Communities(), fb, nil)
	if jobs := NewSponsorDeliverer(w.St, off, bot.Deps{}, DeliverOptions{}).Jobs(); len(jobs) != 0 {
		t.Errorf("got %d jobs with the report off, want none", len(jobs))
	}
	cs := slices.Clone(dir.Communities())
	for i := range cs {
		cs[i].Sponsors = nil
	}
	none := bot.NewDirectory(cs, testkit.Community(""), nil)
	if jobs := NewSponsorDeliverer(w.St, none, bot.Deps{}, DeliverOptions{}).Jobs(); len(jobs) != 0 {
		t.Errorf("got %d jobs without sponsors, want none", len(jobs))
	}
}

func TestSponsorCommand(t *testing.T) {
	w, dir := sponsorWorld(t)
	now := func() time.Time { return time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC) }
	c := NewCommand(w.St, dir, "https://acme.slack.com", bot.Deps{Now: now})
	resp, err := command.New(w.St, dir, c.Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	run := func(id, user, channel, text string) string {
		t.Helper()
		ev := bot.Event{ID: id, Kind: bot.KindCommand, User: user, Channel: channel,
			Command: bot.Command{Name: "/praxis", Text: text}}
		step, err := resp.Prepare(w.Ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		w.Do(func(tx *store.Tx) error { return step.Run(w.Ctx, tx) })
		row, err := w.St.OutboxByKey(w.Ctx, "reply:"+id)
		if err != nil {
			return ""
		}
		return payload(t, row).Text
	}
	if got := run("e1", "S2", "C1", "report Sponsor"); !strings.Contains(got, "Communities of practice — November 2026") {
		t.Errorf("got reply %q, want the report's title", got)
	}
	row, err := w.St.OutboxByKey(w.Ctx, "sponsor:ask:e1")
	if err != nil || row.ChannelID != "S2" || !strings.Contains(string(payload(t, row).Blocks), `"*data*`) {
		t.Fatalf("got %+v, %v; want data's report by DM to S2", row, err)
	}
	if got := run("e2", "A", "C1", "rapport sponsor"); !strings.Contains(got, "you sponsor none") {
		t.Errorf("got reply %q, want a refusal", got)
	}
	if _, err := w.St.OutboxByKey(w.Ctx, "sponsor:ask:e2"); err == nil {
		t.Error("a member who sponsors nothing got the report")
	}
}

func TestSponsorCatalogComplete(t *testing.T) {
	if p := sponsorCatalog.Problems(); len(p) > 0 {
		t.Fatal(p)
	}
}
