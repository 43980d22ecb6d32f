package nudge_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"praxis/bot/nudge"
	"praxis/bot/nudge/nudgetest"
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
	w := nudgetest.NewWorld(t)
	quotetest.Seed(ctx, t, w.St)
	at := w.Wed10.Add(-time.Hour)
	err := w.St.Batch(ctx, func(tx *store.Tx) error {
		if err := tx.PutMessage(ctx, store.Message{ChannelID: "C1", TS: testkit.TS(at),
			UserID: w.Asker, Text: quotetest.Text, PostedAt: at}); err != nil {
			return err
		}
		if err := tx.AddQuestion(ctx, store.Question{ChannelID: "C1", TS: testkit.TS(at),
			Asker: w.Asker, AskedAt: at}, nil); err != nil {
			return err
		}
		return tx.Pin(ctx, "C1", testkit.TS(at), w.Helper, at)
	})
	if err != nil {
		t.Fatal(err)
	}
	c := w.C
	c.Name, c.Vocation = quotetest.Community, "Ship & run <prod> safely"
	n := nudge.New(w.St, w.Dir(c), nudge.Options{URL: "https://acme.slack.com"})
	ds, err := n.Plan(ctx, w.Clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{nudge.Welcome, nudge.Reader} {
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
		c := nudge.Content{Kind: nudge.Thank, Lang: lang, Community: quotetest.Community, Channel: "C04F1XTX04",
			Link: "https://acme.slack.com/archives/C04F1XTX04/p1793381929218968"}
		text := c.Text()
		quotetest.Check(t, text)
		if !strings.Contains(text, "<#C04F1XTX04>") || !strings.Contains(text, "\n"+c.Link) ||
			!strings.Contains(text, quotetest.Escaped) {
			t.Errorf("%s: got %q, want the channel, the thread's link on its own line and the escaped name", lang, text)
		}
	}
}
