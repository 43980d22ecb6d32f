package digest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/internal/golden"
	"praxis/internal/quotetest"
	"praxis/store"
)

// The rendered digest, in English and French, as text and Block Kit.
func TestRender(t *testing.T) {
	w := newWorld(t, weekTo)
	w.seed()
	b := New(w.st, bot.Deps{}, Options{Directory: w.directory(community(8)), TeamURL: "https://acme.slack.com"})
	for _, member := range []string{"U1", "U4"} { // en-US, fr-FR
		d, err := b.Build(w.ctx, member, weekFrom, weekTo)
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, "digest_"+d.Lang+".txt", d.Text())
		raw, _ := json.MarshalIndent(d.Blocks("daily"), "", "  ")
		golden.Check(t, "digest_"+d.Lang+".json", string(raw)+"\n")
	}
}

// A quoted message shows as its author wrote it: entities decoded once,
// links kept, people and channels by name; and it notifies nobody. The
// thread, its accepted answer and the links it shares are quoted.
func TestQuotedText(t *testing.T) {
	w := newWorld(t, weekTo)
	w.seed()
	quotetest.Seed(w.ctx, t, w.st)
	day := utc("2024-05-03T10:00:00Z")
	th := w.post("C1", "U2", "", quotetest.Text, day)
	w.post("C1", "U3", th, "Yes. "+quotetest.Text, day.Add(time.Hour))
	w.do(func(tx *store.Tx) error {
		err := tx.AddReaction(w.ctx, store.Reaction{ChannelID: "C1", MessageTS: ts(day.Add(time.Hour)), UserID: "U2",
			Name: "white_check_mark", ItemUser: "U3", At: day.Add(2 * time.Hour)})
		for i, l := range bot.Links(quotetest.Text) {
			if err == nil {
				err = tx.AddResource(w.ctx, store.Resource{Kind: "link", URL: l.URL, Title: l.Title, UserID: "U2",
					ChannelID: "C1", MessageTS: th, SharedAt: day.Add(time.Duration(i) * time.Minute)})
			}
		}
		if err == nil {
			err = tx.AddResource(w.ctx, store.Resource{Kind: "file", URL: "https://files.slack.com/files-pri/T1-F1/qa.pdf",
				Title: "Q&A <notes>.pdf", UserID: "U2", ChannelID: "C1", MessageTS: th, SharedAt: day.Add(time.Hour)})
		}
		return err
	})
	b := New(w.st, bot.Deps{}, Options{Directory: w.directory(community(8)), TeamURL: "https://acme.slack.com"})
	d, err := b.Build(w.ctx, "U1", weekFrom, weekTo)
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

// /praxis digest off|on|daily|weekly sets the member's own frequency, and
// says so where it was typed, to the member alone, as every setting does;
// what follows the verb that is no frequency gets the unknown-command
// answer, and changes nothing.
func TestCommand(t *testing.T) {
	w := newWorld(t, weekTo)
	dir := w.directory()
	send := w.requests(dir, New(w.st, bot.Deps{}, Options{Directory: dir}))
	frequency := func() string {
		p, _ := w.st.DigestPrefs(w.ctx)
		return p["U1"].Frequency
	}
	for i, tc := range []struct{ text, want string }{
		{"digest daily", "daily"}, {"résumé hebdo", "weekly"}, {"digest off", "off"}, {"digest on", ""},
		{"DIGEST   Daily ", "daily"},
	} {
		id := "c" + string(rune('0'+i))
		send(bot.Event{ID: id, Kind: bot.KindCommand, User: "U1", Channel: "C1",
			Command: bot.Command{Name: "/praxis", Text: tc.text}})
		row, err := w.st.OutboxByKey(w.ctx, "reply:"+id)
		if got := frequency(); got != tc.want || err != nil || row.Method != outbox.PostEphemeral ||
			row.ChannelID != "C1" {
			t.Errorf("%q: got frequency %q, reply %+v (%v); want %q, answered in C1 to U1 alone", tc.text, got, row,
				err, tc.want)
		}
	}
	for i, text := range []string{"digest", "digest sometimes", "digest daily weekly"} {
		id := "x" + string(rune('0'+i))
		send(bot.Event{ID: id, Kind: bot.KindDirect, User: "U1", Channel: "D1", Text: text})
		row, err := w.st.OutboxByKey(w.ctx, "reply:"+id)
		if got := frequency(); got != "daily" || err != nil || !strings.Contains(row.Payload, "know the command") {
			t.Errorf("%q: got frequency %q, reply %+v (%v); want daily kept, the unknown-command answer", text, got,
				row, err)
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
