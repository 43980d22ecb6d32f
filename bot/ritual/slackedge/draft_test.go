package slackedge

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/llm"
	"praxis/internal/testkit"
	"praxis/store"
)

// answering is a model's reply: content, or a 500 when content is "".
func answering(content string) testkit.Reply {
	return func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		if content == "" {
			http.Error(w, "overloaded", http.StatusInternalServerError)
			return
		}
		testkit.Complete(w, content, 200, 20)
	}
}

// With a model, the question of the week is drafted from the community's
// busiest threads of the last four weeks (their opening messages, nothing
// else), cleaned of any markup; without an answer, the list's is asked.
func TestDraftedQuestionOfTheWeek(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, nil)
	paris := testkit.Zone(t, "Europe/Paris")
	at := testkit.UTC("2026-11-02T09:00:00Z")
	// A busy thread in the community's channel, a quiet one, one elsewhere, one too old.
	// msg is a message of a thread, its ts and the thread's written in seconds.
	msg := func(ch, sec, threadSec, user, text string, posted time.Time) store.Message {
		return store.Message{
			ChannelID: ch,
			TS:        sec + ".000100",
			ThreadTS:  threadSec + ".000100",
			UserID:    user,
			Text:      text,
			PostedAt:  posted,
		}
	}
	old := at.AddDate(0, -2, 0)
	msgs := []store.Message{
		msg("C0DATA", "1761900000", "1761900000", "U1", "How do you test dbt models before merging?", at.Add(-48*time.Hour)),
		msg("C0DATA", "1761900100", "1761900000", "U2", "We run them on a sample", at.Add(-47*time.Hour)),
		msg("C0DATA", "1761900200", "1761900000", "U3", "Unit tests in dbt 1.8", at.Add(-46*time.Hour)),
		msg("C0DATA", "1761800000", "1761800000", "U4", "Anyone at the meetup?", at.Add(-72*time.Hour)),
		msg("C0DATA", "1761800100", "1761800000", "U5", "yes", at.Add(-71*time.Hour)),
		msg("C0OTHER", "1761700000", "1761700000", "U1", "Secret HR matter", at.Add(-72*time.Hour)),
		msg("C0OTHER", "1761700100", "1761700000", "U2", "ok", at.Add(-71*time.Hour)),
		msg("C0DATA", "1751700000", "1751700000", "U1", "Old news", old),
		msg("C0DATA", "1751700100", "1751700000", "U2", "indeed", old.Add(time.Minute)),
	}
	if err := st.Batch(ctx, func(tx *store.Tx) error {
		for _, m := range msgs {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	m := testkit.NewModel(t, answering(`{"question": "Which check catches <!channel> your data bugs before production"}`))
	model := llm.New(llm.Settings{BaseURL: m.URL + "/v1", Model: "test-model", DailyTokenBudget: 100000,
		Timeout: 5 * time.Second}, testkit.ModelKey, bot.Deps{}, llm.Options{})
	c := bot.Community{
		Name:     "Guilde data",
		Language: "en",
		Loc:      paris,
		Vocation: "Share data practices.",
		Channels: []bot.Channel{{ID: "C0DATA"}},
	}
	r := bot.Ritual{
		Kind:      bot.RitualQuestionOfTheWeek,
		Spec:      "0 10 * * MON",
		ChannelID: "C0DATA",
		Questions: []string{"What tool saved you time?"},
	}
	p := New(st, []bot.Community{c}, bot.Deps{Log: slog.New(slog.NewTextHandler(t.Output(), nil))},
		Options{Drafter: model})
	job := JobName(c.Name, 0, r.Kind)
	for range 2 { // a retry of the period asks the model nothing more
		if err := p.Post(ctx, job, c, r, period("2026-11-02T09:00:00Z", paris)); err != nil {
			t.Fatal(err)
		}
	}
	row, err := st.OutboxByKey(ctx, job+":2026-11-02T09:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, row.OutMessage); !strings.Contains(got, ">Which check catches your data bugs before production?\n") {
		t.Errorf("got %q, want the drafted question, cleaned", got)
	}
	reqs := m.Requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	var brief llm.QuestionBrief
	if err := json.Unmarshal([]byte(reqs[0].User()), &brief); err != nil {
		t.Fatal(err)
	}
	if len(brief.RecentThreads) != 2 || brief.RecentThreads[0] != "How do you test dbt models before merging?" ||
		brief.Avoid[0] != "What tool saved you time?" || strings.Contains(reqs[0].User(), "U1") ||
		strings.Contains(reqs[0].User(), "HR") {
		t.Errorf("got brief %s, want the two recent threads of C0DATA, busiest first, no author, nothing from elsewhere",
			reqs[0].User())
	}
	// The model fails: the list's question, as without a model. The
	// request asked for a question other than last week's.
	m.SetReply(answering(""))
	if err := p.Post(ctx, job, c, r, period("2026-11-09T09:00:00Z", paris)); err != nil {
		t.Fatal(err)
	}
	reqs = m.Requests()
	avoid := `"avoid":["Which check catches your data bugs before production?","What tool saved you time?"]`
	if len(reqs) < 2 || !strings.Contains(m.Last().User(), avoid) {
		t.Errorf("got requests %+v, want a second one avoiding last week's question", reqs)
	}
	row, _ = st.OutboxByKey(ctx, job+":2026-11-09T09:00:00Z")
	if got := text(t, row.OutMessage); !strings.Contains(got, ">What tool saved you time?") {
		t.Errorf("got %q, want the list's question when the model fails", got)
	}
}
