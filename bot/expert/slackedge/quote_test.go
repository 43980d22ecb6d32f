package slackedge

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/internal/golden"
	"praxis/internal/quotetest"
)

// Expert finding quotes what members wrote as they wrote it, and notifies
// nobody with it: the past thread of an answer ("Already answered"), the
// question an invitation posts in the channel, the question an escalation
// tells the facilitators about. The asker's words are decoded once before
// they are searched and shown as the topic.
func TestQuotedText(t *testing.T) {
	ctx := context.Background()
	w, e, tr, r := routeRig(t)
	quotetest.Seed(ctx, t, w.St)
	w.QA("C1", "alice", quotetest.Text, true, "bob", "Use the staging pipeline first, then prod.")
	a := NewAsker(e, w.St, testMapping, "https://acme.slack.com", 2)
	handle := handler(t, w, a)

	dm := bot.Event{
		ID:      "dm1",
		Kind:    bot.KindDirect,
		Channel: "D1",
		User:    "UFRANK",
		Text:    "who knows about deploys to &lt;prod&gt; &amp; staging?",
	}
	handle(dm, dm.Text)
	_, m := outText(t, w.St, "reply:dm1")
	quotetest.Check(t, m.Text)
	golden.Check(t, "quoted_answer.txt", m.Text)
	if topic, _, _ := strings.Cut(m.Text, "\n"); topic != "Who knows about *deploys staging*:" {
		t.Errorf("got %q, want the topic in the asker's words, decoded once", m.Text)
	}
	helm := bot.Event{
		ID:      "dm2",
		Kind:    bot.KindDirect,
		Channel: "D1",
		User:    "UFRANK",
		Text:    "who knows about helm charts &amp; on-call?",
	}
	handle(helm, helm.Text)
	if _, m := outText(t, w.St, "reply:dm2"); !strings.Contains(m.Text, "*helm charts on-call*") {
		t.Errorf("got %q, want the topic helm charts on-call", m.Text)
	}

	mention := bot.Event{ID: "m1", Kind: bot.KindMention, Channel: "C1", User: "UFRANK", TS: "1794000000.000100"}
	handle(mention, "who knows about kubernetes pods on &lt;prod&gt; &amp; staging? cc <@"+quotetest.Member+
		"> see <https://wiki.example.com/x|the wiki page> <!here>")
	handle(bot.Event{
		ID:      "act1",
		Kind:    bot.KindAction,
		Channel: "C1",
		User:    "UFRANK",
		Command: bot.Command{Name: ActionInvite, Value: "3"},
	}, "")
	_, m = outText(t, w.St, "expert-invite:3")
	quotetest.Check(t, m.Text)
	golden.Check(t, "quoted_invite.txt", m.Text)

	asked := time.Date(2026, 11, 9, 16, 0, 0, 0, time.UTC)
	ts := fmt.Sprintf("%d.000100", asked.Unix())
	apply(t, w.St, tr, msg("C1", "UFRANK", ts, "", quotetest.Text))
	if err := r.Tick(ctx, time.Date(2026, 11, 11, 10, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	_, m = outText(t, w.St, "escalate:C1:"+ts+":UHUGO")
	quotetest.Check(t, m.Text)
	golden.Check(t, "quoted_escalate.txt", m.Text)
}

// The reasons name the community, the skills and the query's words as the
// configuration, the members and the asker wrote them: escaped once.
func TestReasonsEscapeNames(t *testing.T) {
	a := &Asker{teamURL: "https://acme.slack.com"}
	res := expert.Result{Topic: "R&D <tools>", Community: quotetest.Community, Experts: []expert.Candidate{{User: "UBOB",
		Evidence: expert.Evidence{Answered: 2, Channel: "ops&<dev>", ActiveAnswer: true, Skills: []string{"Q&A <x>"},
			Matched: []string{"R&D", "<tools>"}}}}}
	m := a.render(res, "en", 1, time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC), bot.Names{})
	quotetest.Check(t, m.Text)
	for _, want := range []string{
		"*R&amp;D &lt;tools&gt;*",
		"answered 2 questions on *R&amp;D &lt;tools&gt;* in #ops&amp;&lt;dev&gt;",
		"declared skill: Q&amp;A &lt;x&gt;",
		"regularly in " + quotetest.Escaped,
	} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("got %q, want it to hold %q", m.Text, want)
		}
	}
}
