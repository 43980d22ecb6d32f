package digest

import (
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/digest/digesttest"
	"praxis/internal/golden"
	"praxis/internal/quotetest"
	"praxis/store"
)

// The rendered digest, in English and French, as text (its Block Kit is
// the Slack edge's: bot/digest/slackedge TestBlocks).
func TestRender(t *testing.T) {
	w := digesttest.NewWorld(t, weekTo)
	w.Seed()
	opts := Options{Directory: w.Directory(digesttest.Community(8)), TeamURL: "https://acme.slack.com"}
	b := NewReader(w.St, bot.Deps{}, opts)
	for _, member := range []string{"U1", "U4"} { // en-US, fr-FR
		d, err := b.Build(w.Ctx, member, weekFrom, weekTo)
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, "digest_"+d.Lang+".txt", d.Text())
	}
}

// A quoted message shows as its author wrote it: entities decoded once,
// links kept, people and channels by name; and it notifies nobody. The
// thread, its accepted answer and the links it shares are quoted.
func TestQuotedText(t *testing.T) {
	w := digesttest.NewWorld(t, weekTo)
	w.Seed()
	quotetest.Seed(w.Ctx, t, w.St)
	day := utc("2024-05-03T10:00:00Z")
	th := w.Post("C1", "U2", "", quotetest.Text, day)
	w.Post("C1", "U3", th, "Yes. "+quotetest.Text, day.Add(time.Hour))
	w.Do(func(tx *store.Tx) error {
		err := tx.AddReaction(w.Ctx, store.Reaction{ChannelID: "C1", MessageTS: ts(day.Add(time.Hour)), UserID: "U2",
			Name: "white_check_mark", ItemUser: "U3", At: day.Add(2 * time.Hour)})
		for i, l := range bot.Links(quotetest.Text) {
			if err == nil {
				err = tx.AddResource(w.Ctx, store.Resource{Kind: "link", URL: l.URL, Title: l.Title, UserID: "U2",
					ChannelID: "C1", MessageTS: th, SharedAt: day.Add(time.Duration(i) * time.Minute)})
			}
		}
		if err == nil {
			err = tx.AddResource(w.Ctx, store.Resource{Kind: "file", URL: "https://files.slack.com/files-pri/T1-F1/qa.pdf",
				Title: "Q&A <notes>.pdf", UserID: "U2", ChannelID: "C1", MessageTS: th, SharedAt: day.Add(time.Hour)})
		}
		return err
	})
	opts := Options{Directory: w.Directory(digesttest.Community(8)), TeamURL: "https://acme.slack.com"}
	b := NewReader(w.St, bot.Deps{}, opts)
	d, err := b.Build(w.Ctx, "U1", weekFrom, weekTo)
	if err != nil {
		t.Fatal(err)
	}
	quotetest.Check(t, d.Text())
	golden.Check(t, "quoted_en.txt", d.Text())
	for _, want := range []string{
		"Deploy to &lt;prod&gt; &amp; staging?",
		"<https://wiki.example.com/x|the wiki page>",
		"@" + quotetest.MemberName,
		"#" + quotetest.ChannelName + ", <https://acme.slack.com/archives/",
		"|#platform-guild>",
		"@here",
		"<https://files.slack.com/files-pri/T1-F1/qa.pdf|Q&amp;A &lt;notes&gt;.pdf>",
	} {
		if !strings.Contains(d.Text(), want) {
			t.Errorf("digest lacks %q:\n%s", want, d.Text())
		}
	}
}

// Counts take each language's plural rule: French says "0 réponse, 1
// personne", English "0 replies, 1 person".
func TestRenderPlurals(t *testing.T) {
	thread := Item{Kind: KindThread, Key: "thread:C1:1.1", ChannelID: "C1", Channel: "security", Link: "https://x/1",
		Summary: "Rotate the keys?", Replies: 0, People: 1}
	for lang, want := range map[string]string{"en": "0 replies, 1 person", "fr": "0 réponse, 1 personne"} {
		d := Digest{Member: "U1", Lang: lang, Threads: []Item{thread}}
		if got := d.Text(); !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
}
