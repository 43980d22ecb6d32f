package slackedge

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"praxis/bot/command"
	"praxis/bot/home"
	"praxis/bot/report"
	"praxis/internal/golden"
	"praxis/internal/quotetest"
	"praxis/store"
)

// A facilitator's Home lists the open questions as their askers wrote
// them; the names the configuration and the buttons carry are escaped.
func TestQuotedText(t *testing.T) {
	w := newWorld(t)
	quotetest.Seed(w.ctx, t, w.st)
	asked := w.now.Add(-20 * time.Hour)
	w.do(func(tx *store.Tx) error {
		m := store.Message{ChannelID: "C01", TS: ts(asked), UserID: "U03", Text: quotetest.Text, PostedAt: asked}
		if err := tx.PutMessage(w.ctx, m); err != nil {
			return err
		}
		return tx.AddQuestion(w.ctx, store.Question{ChannelID: "C01", TS: ts(asked), Asker: "U03", AskedAt: asked}, nil)
	})
	m, _ := w.home(w.open("U01"))
	var view struct{ Blocks []wire }
	if err := json.Unmarshal(m.View, &view); err != nil {
		t.Fatal(err)
	}
	var open string
	for _, b := range view.Blocks {
		if b.Text != nil && strings.Contains(b.Text.Text, "Deploy") {
			open = b.Text.Text
		}
	}
	quotetest.Check(t, open)
	golden.Check(t, "quoted_open.txt", open+"\n")

	s := &home.State{
		Member:   "U01",
		Lang:     "en",
		AutoLang: "en",
		Names:    map[string]string{},
		Facilitated: []home.Facilitated{{
			Community: quotetest.Community,
			Report:    &report.Report{Community: quotetest.Community, Period: report.Period{Label: "2026-W47"}},
		}},
	}
	for _, b := range blocksOf(t, s) {
		if b.Text != nil && strings.Contains(b.Text.Text, "Privacy") && !strings.Contains(b.Text.Text, quotetest.Escaped) {
			t.Errorf("got %q, want the community's name escaped", b.Text.Text)
		}
	}
	text := w.dm(w.act("U03", command.ActionReport+":0", "<!channel> & co"))
	if !strings.Contains(text, "&lt;!channel&gt; &amp; co") {
		t.Errorf("got %q, want the button's value escaped", text)
	}
}
