package deliver

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/outbox"
	"praxis/bot/report"
	"praxis/bot/report/render"
	"praxis/bot/report/render/rendertest"
	"praxis/bot/report/reporttest"
	"praxis/bot/schedule"
	"praxis/store"
)

// deliverWorld is the seeded world with facilitators: F1 and F2 animate
// "sec", F2 also "data".
func deliverWorld(t *testing.T) *reporttest.World {
	t.Helper()
	w := reporttest.NewWorld(t)
	w.Seed()
	w.Change("sec", func(c *bot.Community) { c.Facilitators = []string{"F1", "F2"} })
	w.Change("data", func(c *bot.Community) { c.Facilitators = []string{"F2"} })
	return w
}

func payload(t *testing.T, row store.OutRow) outbox.Message {
	t.Helper()
	var m outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// The weekly job sends the last whole week's report to each facilitator
// once, with its charts as PNG uploads; a period run again sends nothing.
func TestWeeklyReportOncePerFacilitator(t *testing.T) {
	w := deliverWorld(t)
	woke := 0 // commits the poster would be woken by
	w.St.OnCommit(func(c store.Changes) {
		if c.Outbox {
			woke++
		}
	})
	d := NewDeliverer(w.St, w.Comms.Communities(), bot.Deps{}, DeliverOptions{TeamURL: "https://acme.slack.com"})
	jobs := d.Jobs()
	if len(jobs) != 2 || jobs[0].Name != "report:sec" || jobs[0].Spec != "0 8 * * 1" || jobs[0].Loc.String() != "UTC" {
		t.Fatalf("got jobs %+v, want one per community, Mondays at 8 in its zone", jobs)
	}
	monday := reporttest.At(23, 8, 0) // reports W47 (16–22 November)
	per := schedule.Period{Key: monday.Format(time.RFC3339), At: monday}
	for range 2 {
		if err := jobs[0].Fn(w.Ctx, per); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"F1", "F2"} {
		row, err := w.St.OutboxByKey(w.Ctx, "report:sec:2026-W47:"+f)
		if err != nil || row.ChannelID != f || row.Method != outbox.PostMessage {
			t.Fatalf("%s: got %+v, %v; want the report by DM", f, row, err)
		}
		m := payload(t, row)
		blocks := string(m.Blocks)
		report := strings.Contains(blocks, "How do I") || strings.Contains(blocks, "\"header\"")
		if !strings.Contains(m.Text, "2026-W47") || !report {
			t.Errorf("%s: got %q / %s", f, m.Text, m.Blocks)
		}
		if strings.Contains(blocks, "data_visualization") {
			t.Errorf("%s: native chart blocks with charts: png", f)
		}
		chart, err := w.St.OutboxByKey(w.Ctx, "report:sec:2026-W47:"+f+":"+string(render.ChartActive))
		if err != nil || chart.Method != outbox.UploadFile {
			t.Fatalf("%s: got %+v, %v; want the active-members chart uploaded", f, chart, err)
		}
		c := payload(t, chart)
		if c.File == nil || !strings.HasPrefix(string(c.File.Data), "\x89PNG") || c.Text != "Active members per week" {
			t.Errorf("%s: got chart %+v", f, c.File)
		}
	}
	counts, _ := w.St.OutboxCounts(w.Ctx)
	if counts[store.OutPending] > 8 || counts[store.OutPending] < 4 || woke != 1 {
		t.Fatalf("got %v pending and %d wake-ups, want 2 reports and their charts once", counts, woke)
	}
}

// Text format: the text report in a code block; native charts: Slack's
// chart blocks in the message and no upload.
func TestReportFormats(t *testing.T) {
	w := deliverWorld(t)
	p, _ := report.ParsePeriod("2026-W47", time.UTC)
	r, err := report.Build(w.Ctx, w.St, w.Community("data"), p, report.Options{Now: reporttest.At(24, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	rc := w.Community("data").Report
	rc.Format = "text"
	msgs, err := Messages(r, rc, "F2", "k")
	if err != nil || len(msgs) < 1 {
		t.Fatal(err)
	}
	m := payload(t, store.OutRow{OutMessage: msgs[0]})
	if !strings.HasPrefix(m.Text, "```\n") || len(m.Blocks) != 0 || !strings.Contains(m.Text, "2026-W47") {
		t.Errorf("text format: got %q", m.Text)
	}
	rc.Format, rc.Charts = "blocks", ChartsNative
	msgs, _ = Messages(r, rc, "F2", "k")
	checkNativeCharts(t, msgs, "k", len(render.ChartBlocks(r)))
	// A report with its three trends: the third chart follows the report.
	msgs, _ = Messages(rendertest.Sample("en"), rc, "F2", "k3")
	checkNativeCharts(t, msgs, "k3", 3)
	if len(msgs) != 2 || msgs[1].Key != "k3:charts:1" {
		t.Errorf("got %d messages, want the report and one more for its third chart", len(msgs))
	}
	rc.Charts = ChartsNone
	if msgs, _ = Messages(r, rc, "F2", "k"); len(msgs) != 1 {
		t.Errorf("no charts: got %d messages", len(msgs))
	}
}

// checkNativeCharts: with native charts, the report and its charts come in
// messages of at most two charts each (Slack refused three in one with
// invalid_blocks), the report first, all charts delivered, nothing uploaded.
func checkNativeCharts(t *testing.T, msgs []store.OutMessage, key string, charts int) {
	t.Helper()
	if len(msgs) == 0 || msgs[0].Key != key ||
		!strings.Contains(string(payload(t, store.OutRow{OutMessage: msgs[0]}).Blocks), `"header"`) {
		t.Fatalf("got %+v, want the report first", msgs)
	}
	got := 0
	for i, msg := range msgs {
		m := payload(t, store.OutRow{OutMessage: msg})
		n := strings.Count(string(m.Blocks), `"type":"data_visualization"`)
		if n > 2 || msg.Method != outbox.PostMessage || msg.ChannelID != "F2" || (i > 0 && (n == 0 || m.Text == "")) {
			t.Errorf("message %d (%s): %d charts by %s to %s, text %q", i, msg.Key, n, msg.Method, msg.ChannelID, m.Text)
		}
		got += n
	}
	if got != charts {
		t.Errorf("got %d charts in %d messages, want all %d", got, len(msgs), charts)
	}
}

// /praxis report: a facilitator gets their community's report of the week
// so far by DM; anyone else is told who the facilitators are.
func TestReportCommand(t *testing.T) {
	w := deliverWorld(t)
	friday := func() time.Time { return reporttest.At(20, 12, 0) } // Friday of W47
	c := NewCommand(w.St, w.Comms, "https://acme.slack.com", bot.Deps{Now: friday})
	resp, err := command.New(w.St, w.Comms, c.Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	run := func(id, user, channel, text string) {
		t.Helper()
		ev := bot.Event{ID: id, Kind: bot.KindCommand, User: user, Channel: channel,
			Command: bot.Command{Name: "/praxis", Text: text}}
		step, err := resp.Prepare(w.Ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		w.Do(func(tx *store.Tx) error { return step.Run(w.Ctx, tx) })
	}
	reply := func(id string) string {
		row, err := w.St.OutboxByKey(w.Ctx, "reply:"+id)
		if err != nil {
			return ""
		}
		return payload(t, row).Text
	}
	run("e0", "F1", "C1", "status") // not a report: the status
	if _, err := w.St.OutboxByKey(w.Ctx, "report:ask:e0:0"); err == nil || !strings.Contains(reply("e0"), "members seen") {
		t.Fatalf("got reply %q (%v); want the status, no report", reply("e0"), err)
	}
	run("e1", "F1", "C1", "report sec")
	row, err := w.St.OutboxByKey(w.Ctx, "report:ask:e1:0")
	if err != nil || row.ChannelID != "F1" || !strings.Contains(payload(t, row).Text, "2026-W47") {
		t.Fatalf("got %+v, %v; want sec's W47 report by DM to F1", row, err)
	}
	if got := reply("e1"); !strings.Contains(got, "Sent: the report of sec") {
		t.Errorf("got reply %q", got)
	}
	run("e2", "A", "C1", "report sec") // a member, not a facilitator
	_, err = w.St.OutboxByKey(w.Ctx, "report:ask:e2:0")
	if err == nil || !strings.Contains(reply("e2"), "for its facilitators: <@F1> and <@F2>") {
		t.Errorf("got reply %q (%v); want a refusal naming the facilitators", reply("e2"), err)
	}
	run("e3", "F2", "D9", "rapport") // both of F2's
	for _, k := range []string{"report:ask:e3:0", "report:ask:e3:1"} {
		if _, err := w.St.OutboxByKey(w.Ctx, k); err != nil {
			t.Errorf("%s: %v; want both of F2's reports", k, err)
		}
	}
	if reply("e3") != "" {
		t.Errorf("got reply %q in a DM, want the reports alone", reply("e3"))
	}
	run("e4", "F1", "C1", "report nope")
	if got := reply("e4"); !strings.Contains(got, "No community called “nope”. Communities: sec, data.") {
		t.Errorf("got reply %q", got)
	}
	run("e5", "A", "C1", "report")
	if got := reply("e5"); !strings.Contains(got, "You facilitate no community") {
		t.Errorf("got reply %q", got)
	}
}

func TestCommandCatalogComplete(t *testing.T) {
	if p := commandCatalog.Problems(); len(p) > 0 {
		t.Fatal(p)
	}
}

// A question nobody answered for more than 90 days is no longer counted or
// listed as open: a facilitator can act on the recent ones.
func TestOpenQuestionsAreRecent(t *testing.T) {
	w := reporttest.NewWorld(t)
	w.Member("B", false, "C1")
	old := w.Ask("C1", "B", "Who still uses the legacy VPN?", reporttest.At(20, 10, 0).AddDate(0, 0, -120))
	recent := w.Ask("C1", "B", "Who owns the WAF rules?", reporttest.At(18, 10, 0))
	p, _ := report.ParsePeriod("2026-W47", time.UTC)
	r, err := report.Build(w.Ctx, w.St, w.Community("sec"), p, report.Options{Now: reporttest.At(24, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Questions.Open) != 1 || r.Questions.Open[0].TS != recent {
		t.Fatalf("got open %+v; want the recent question only, not %s", r.Questions.Open, old)
	}
	for _, f := range r.Headline {
		if f.Key == report.FigOpenQuestions && f.Value != 1 {
			t.Errorf("got %v open questions in the headline, want 1", f.Value)
		}
	}
}

// The week so far is compared with as much of the previous week: on
// Wednesday, last week's Monday counts and its Friday not yet.
func TestWeekSoFarAgainstTheSameSpan(t *testing.T) {
	w := reporttest.NewWorld(t)
	w.Member("B", false, "C1")
	w.Post("C1", "B", "", "monday last week", reporttest.At(9, 10, 0))
	w.Post("C1", "B", "", "friday last week", reporttest.At(13, 10, 0))
	w.Post("C1", "B", "", "monday this week", reporttest.At(16, 10, 0))
	p, _ := report.ParsePeriod("2026-W47", time.UTC)
	for _, c := range []struct {
		now        time.Time
		prev, this float64
	}{{reporttest.At(18, 12, 0), 1, 1}, {reporttest.At(24, 9, 0), 2, 1}} { // Wednesday of W47; then W47 over
		r, err := report.Build(w.Ctx, w.St, w.Community("sec"), p, report.Options{Now: c.now})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Headline {
			if f.Key == report.FigMessages && (f.Value != c.this || f.Previous != c.prev) {
				t.Errorf("at %v: got %v messages against %v, want %v against %v", c.now, f.Value, f.Previous, c.this, c.prev)
			}
		}
	}
}

// In a channel without threads, a newcomer's first message is answered by
// the message someone else posts right after it; in a threaded channel only
// a thread reply counts.
func TestNewcomerReplyInAFlatChannel(t *testing.T) {
	w := reporttest.NewWorld(t)
	for _, u := range []string{"N", "M", "A", "B"} {
		w.Member(u, false, "C1", "C2")
	}
	// C2 is flat: a handful of top-level messages, no thread.
	for i := range 5 {
		w.Post("C2", "A", "", "news", reporttest.At(10, 9+i, 0))
	}
	w.Join("C2", "N", true, reporttest.At(17, 8, 0))
	w.Post("C2", "N", "", "hello, new here, any starter doc?", reporttest.At(17, 9, 0))
	w.Post("C2", "A", "", "welcome! the wiki's onboarding page", reporttest.At(17, 9, 10))
	// C1 is threaded; there a top-level message after is not a reply.
	for i := range 5 {
		p := w.Post("C1", "A", "", "question", reporttest.At(10, 9+i, 0))
		w.Post("C1", "B", p, "answer", reporttest.At(10, 9+i, 5))
	}
	w.Join("C1", "M", true, reporttest.At(17, 8, 0))
	w.Post("C1", "M", "", "hello, anyone using the new scanner?", reporttest.At(17, 9, 0))
	w.Post("C1", "B", "", "unrelated announcement", reporttest.At(17, 9, 5))
	p, _ := report.ParsePeriod("2026-W47", time.UTC)
	r, err := report.Build(w.Ctx, w.St, w.Community("sec"), p, report.Options{Now: reporttest.At(24, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, n := range r.Newcomers {
		got[n.Person.ID] = n.GotReply
	}
	if len(got) != 2 || !got["N"] || got["M"] {
		t.Fatalf("got replies %v, want N answered in the flat channel and M not in the threaded one", got)
	}
}

// A facilitator who is not in a private channel of their community reads
// its open questions' age and link, not their words.
func TestPrivateQuestionsForReaders(t *testing.T) {
	w := deliverWorld(t)
	if _, err := w.St.SyncCommunities(w.Ctx, []store.Community{
		{
			Name:     "sec",
			Language: "en",
			Timezone: "UTC",
			Channels: map[string]string{"C1": "security", "C2": "crypto"},
			Private:  map[string]bool{"C2": true},
		},
		{Name: "data", Language: "fr", Timezone: "UTC", Channels: map[string]string{"C3": "data"}},
	}); err != nil {
		t.Fatal(err)
	}
	w.Member("F2", false, "C2") // F2 is in the private channel, F1 is not
	w.Ask("C2", "B", "Is the HSM migration slipping again?", reporttest.At(20, 10, 0))
	d := NewDeliverer(w.St, w.Comms.Communities(), bot.Deps{}, DeliverOptions{})
	monday := reporttest.At(23, 8, 0)
	if err := d.Send(w.Ctx, w.Community("sec"), schedule.Period{Key: "k", At: monday}); err != nil {
		t.Fatal(err)
	}
	for f, sees := range map[string]bool{"F1": false, "F2": true} {
		row, err := w.St.OutboxByKey(w.Ctx, "report:sec:2026-W47:"+f)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(row.Payload, "HSM migration"); got != sees {
			t.Errorf("%s reads the private question: %v, want %v", f, got, sees)
		}
		if !sees && !strings.Contains(row.Payload, "asked in a private channel you are not in") {
			t.Errorf("%s: got %s, want the question shown as private", f, row.Payload)
		}
	}
}
