package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/internal/golden"
	"praxis/internal/quotetest"
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
	ev := bot.Event{Kind: bot.KindCommand, Command: bot.Command{Text: "report " + quotetest.Escaped}}
	if name, ok := request(ev); !ok || name != quotetest.Community {
		t.Fatalf("got %q, %v; want %q", name, ok, quotetest.Community)
	}
}
