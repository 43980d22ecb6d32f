package report

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/outbox"
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
	w := newBuildWorld(t)
	quotetest.Seed(w.ctx, t, w.st)
	w.member("B", false, "C1")
	w.ask("C1", "B", quotetest.Text+"\nMore details below.", at(18, 10, 0))
	r := w.buildW47(t)[0]
	r.Community = quotetest.Community
	want := "Deploy to <prod> & staging? See the wiki page, cc @Alice Martin in #platform-guild, #platform-guild @here"
	if got := r.Questions.Open[0].Text; got != want {
		t.Errorf("open question: got %q, want %q", got, want)
	}
	var out strings.Builder
	out.WriteString("--- blocks, open questions\n" + openBlock(r, newPrinter(r)).Text.Text + "\n")
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
	for _, f := range []Format{Text, Markdown, HTML} {
		var b bytes.Buffer
		if err := Render(&b, []*Report{r}, f); err != nil {
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
