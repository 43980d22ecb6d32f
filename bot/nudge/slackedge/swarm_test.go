package slackedge

import (
	"context"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/nudge"
	"praxis/bot/nudge/nudgetest"
	"praxis/internal/testkit"
	"praxis/store"
)

// asked counts the nudges recorded about a question, sent or held out.
func asked(t *testing.T, w *nudgetest.World, subject string) int {
	t.Helper()
	ns, err := w.St.Nudges(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range ns {
		if x.Subject == subject {
			n++
		}
	}
	return n
}

// An open question is put to per_question members, the best placed first,
// whatever the readers and regulars who could take it, over every run; and
// to nobody once it has an answer.
func TestAQuestionNeverSwarms(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	now := w.Clk.Now()
	second := "UB1" // a quiet regular ranked second, sorted before the first
	readers := []string{"UR91", "UR92", "UR93", "UR94", "UR95"}
	if _, err := w.St.ImportChannelMembers(ctx, map[string][]string{"C1": readers}); err != nil {
		t.Fatal(err)
	}
	testkit.Do(t, w.St, func(tx *store.Tx) error {
		for i := 0; i < 6; i++ {
			at := now.AddDate(0, 0, -10-2*i)
			m := store.Message{ChannelID: "C1", TS: testkit.TS(at.Add(time.Minute)), UserID: second, Text: "tip", PostedAt: at}
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
	opts := w.Opts
	opts.Experts = func(context.Context, string, string, string) ([]string, error) {
		return []string{w.Regular, second}, nil
	}
	plan := func(perQuestion int, at time.Time) []nudge.Decision {
		c := w.C
		c.Nudges.PerQuestion = perQuestion
		ds, err := NewSender(nudge.New(w.St, w.Dir(c), opts), w.St, bot.Deps{}).Send(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	q1 := "C1/" + w.Q1
	ds := plan(1, now)
	if got := asked(t, w, q1); got != 1 {
		t.Fatalf("got %d members asked about the question, want 1", got)
	}
	if _, sent := outboxRow(t, w, nudge.Key(nudge.Reengage, w.Regular, q1)); !sent {
		t.Errorf("the best placed (%s) not asked; decisions: %v", w.Regular, blocks(ds))
	}
	for _, d := range ds {
		if d.Subject == q1 && d.Member != w.Regular && d.Block != nudge.AskedEnough {
			t.Errorf("%s: got %q, want kept back: asked enough", d.Key, d.Block)
		}
	}
	// Two a question: the next hour asks one more, and no run asks a third.
	for h := 1; h <= 3; h++ {
		plan(2, now.Add(time.Duration(h)*time.Hour))
	}
	if got := asked(t, w, q1); got != 2 {
		t.Fatalf("got %d members asked about the question after four runs, want 2", got)
	}
	// Answered, it is put to nobody else, however many could be asked.
	testkit.Do(t, w.St, func(tx *store.Tx) error {
		return tx.AnswerQuestion(ctx, "C1", w.Q1, w.Helper, now.Add(4*time.Hour))
	})
	for _, d := range plan(10, now.Add(5*time.Hour)) {
		if d.Subject == q1 {
			t.Errorf("%s: planned after the question was answered", d.Key)
		}
	}
	if got := asked(t, w, q1); got != 2 {
		t.Errorf("got %d members asked about the answered question, want 2", got)
	}
}

// blocks lists decisions as key: block, for failure messages.
func blocks(ds []nudge.Decision) map[string]string {
	out := map[string]string{}
	for _, d := range ds {
		out[d.Key] = d.Block
	}
	return out
}

// Inviting experts into a question's thread asks them as much as a nudge
// does: someone invited is never nudged about the same question, and the
// invitations count against per_question.
func TestAnInvitationCountsAsAsking(t *testing.T) {
	ctx := context.Background()
	w := nudgetest.NewWorld(t)
	now := w.Clk.Now()
	q1 := "C1/" + w.Q1
	ping := func(member string) {
		testkit.Do(t, w.St, func(tx *store.Tx) error {
			return tx.AddPing(ctx, store.Ping{MemberID: member, ChannelID: "C1", QuestionTS: w.Q1,
				Kind: "routed", At: now.Add(-time.Hour)})
		})
	}
	plan := func(perQuestion int) []nudge.Decision {
		c := w.C
		c.Nudges.PerQuestion = perQuestion
		ds, err := nudge.New(w.St, w.Dir(c), w.Opts).Plan(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	ping(w.Regular) // the best placed, invited into the thread an hour ago
	offered := false
	for _, d := range plan(5) {
		if d.Subject == q1 && d.Member == w.Regular {
			t.Errorf("%s: planned for someone already invited into the question's thread", d.Key)
		}
		offered = offered || d.Subject == q1 && d.Block == nudge.Allowed
	}
	if !offered {
		t.Fatal("the question was offered to no one else, want the reader asked")
	}
	ping(w.Helper)
	for _, d := range plan(2) {
		if d.Subject == q1 && d.Block != nudge.AskedEnough {
			t.Errorf("%s: got %q, want kept back: two members were invited already", d.Key, d.Block)
		}
	}
}
