package nudge

import (
	"context"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/internal/golden"
	"praxis/internal/quotetest"
	"praxis/internal/testkit"
	"praxis/store"
)

// A nudge quotes the open question and the pinned messages as their
// authors wrote them, notifying nobody, and writes the community's
// configured name and vocation as text.
func TestQuotedText(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	quotetest.Seed(ctx, t, w.st)
	at := w.wed10.Add(-time.Hour)
	err := w.st.Batch(ctx, func(tx *store.Tx) error {
		if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(at),
			UserID: w.asker, Text: quotetest.Text, PostedAt: at}); err != nil {
			return err
		}
		if err := tx.AddQuestion(ctx, store.Question{ChannelID: "C1", TS: testkit.TS(at),
			Asker: w.asker, AskedAt: at}, nil); err != nil {
			return err
		}
		return tx.Pin(ctx, "C1", testkit.TS(at), w.helper, at)
	})
	if err != nil {
		t.Fatal(err)
	}
	c := w.c
	c.Name, c.Vocation = quotetest.Community, "Ship & run <prod> safely"
	n := New(w.st, w.dir(c), bot.Deps{}, Options{URL: "https://acme.slack.com"})
	ds, err := n.Plan(ctx, w.clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{Welcome, Reader} {
		for _, d := range ds {
			if d.Kind == kind && d.Sends() {
				text := d.Content.Text()
				quotetest.Check(t, text)
				golden.Check(t, "quoted_"+kind+".txt", text+"\n")
				break
			}
		}
	}
}

// A thank-you links the accepted answer's thread without nesting the
// channel's link in the thread's (<url|<#C…>>, which Slack does not
// render), and escapes the community's name.
func TestThankLinksTheThreadPlainly(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		c := Content{Kind: Thank, Lang: lang, Community: quotetest.Community, Channel: "C04F1XTX04",
			Link: "https://acme.slack.com/archives/C04F1XTX04/p1793381929218968"}
		text := c.Text()
		quotetest.Check(t, text)
		if !strings.Contains(text, "<#C04F1XTX04>") || !strings.Contains(text, "\n"+c.Link) ||
			!strings.Contains(text, quotetest.Escaped) {
			t.Errorf("%s: got %q, want the channel, the thread's link on its own line and the escaped name", lang, text)
		}
	}
}
