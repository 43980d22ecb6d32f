package deliver

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/outbox"
	"praxis/bot/report"
	"praxis/bot/report/render"
	"praxis/bot/report/reporttest"
	"praxis/internal/golden"
	"praxis/internal/quotetest"
	"praxis/internal/testkit"
	"praxis/store"
)

// The report's open questions show as their askers wrote them, in every
// format: Slack text escaped once (links flattened into the permalink's
// label, people and channels by name, nobody notified), and plain text
// escaped by each format its own way; the community's configured name is
// escaped in the message's text.
func TestQuotedText(t *testing.T) {
	w := reporttest.NewWorld(t)
	quotetest.Seed(w.Ctx, t, w.St)
	w.Member("B", false, "C1")
	w.Ask("C1", "B", quotetest.Text+"\nMore details below.", reporttest.At(18, 10, 0))
	p, err := report.ParsePeriod("2026-W47", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(w.Ctx, w.St, w.Community("sec"), p,
		report.Options{TeamURL: "https://acme.slack.com", Now: reporttest.At(24, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	r.Community = quotetest.Community
	want := "Deploy to <prod> & staging? See the wiki page, cc @Alice Martin in #platform-guild, #platform-guild @here"
	if got := r.Questions.Open[0].Text; got != want {
		t.Errorf("open question: got %q, want %q", got, want)
	}
	var out strings.Builder
	for _, b := range render.BlocksWithoutCharts(r) {
		if s, ok := b.(*slack.SectionBlock); ok && s.BlockID == "report_open" {
			out.WriteString("--- blocks, open questions\n" + s.Text.Text + "\n")
		}
	}
	ms, err := Messages(r, bot.Report{Format: "blocks", Charts: ChartsNone}, "UF", "k")
	if err != nil {
		t.Fatal(err)
	}
	var m outbox.Message
	if err := json.Unmarshal([]byte(ms[0].Payload), &m); err != nil {
		t.Fatal(err)
	}
	quotetest.Check(t, out.String()+m.Text)
	out.WriteString("--- message text\n" + m.Text)
	for _, f := range []render.Format{render.Text, render.Markdown, render.HTML} {
		var b bytes.Buffer
		if err := render.Render(&b, []*report.Report{r}, f); err != nil {
			t.Fatal(err)
		}
		out.WriteString("--- " + string(f) + "\n")
		for line := range strings.SplitSeq(b.String(), "\n") {
			if strings.Contains(line, "Deploy") || strings.Contains(line, "Privacy") {
				out.WriteString(strings.TrimSpace(line) + "\n")
			}
		}
	}
	golden.Check(t, "quoted.txt", out.String())
}

// A community named in /praxis report is read as typed: Slack's entities
// decoded once, so that a name holding & < > is found.
func TestRequestDecodesTheName(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, nil)
	dir := testkit.Directory(map[string]string{"C1": quotetest.Community})
	resp, err := command.New(st, dir, NewCommand(st, dir, "", bot.Deps{}).Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	ev := bot.Event{ID: "e", Kind: bot.KindCommand, User: "U1", Channel: "C1",
		Command: bot.Command{Name: "/praxis", Text: "report " + quotetest.Escaped}}
	step, err := resp.Prepare(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Do(t, st, func(tx *store.Tx) error { return step.Run(ctx, tx) })
	row, err := st.OutboxByKey(ctx, "reply:e")
	if err != nil {
		t.Fatal(err)
	}
	want := commandCatalog.T("en", "no_facil", quotetest.Escaped) // found: it has no facilitator
	if got := payload(t, row).Text; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
