package ritual

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
	msgs := []store.Message{
		{ChannelID: "C0DATA", TS: "1761900000.000100", ThreadTS: "1761900000.000100", UserID: "U1", Text: "How do you test dbt models before merging?", PostedAt: at.Add(-48 * time.Hour)},
		{ChannelID: "C0DATA", TS: "1761900100.000100", ThreadTS: "1761900000.000100", UserID: "U2", Text: "We run them on a sample", PostedAt: at.Add(-47 * time.Hour)},
		{ChannelID: "C0DATA", TS: "1761900200.000100", ThreadTS: "1761900000.000100", UserID: "U3", Text: "Unit tests in dbt 1.8", PostedAt: at.Add(-46 * time.Hour)},
		{ChannelID: "C0DATA", TS: "1761800000.000100", ThreadTS: "1761800000.000100", UserID: "U4", Text: "Anyone at the meetup?", PostedAt: at.Add(-72 * time.Hour)},
		{ChannelID: "C0DATA", TS: "1761800100.000100", ThreadTS: "1761800000.000100", UserID: "U5", Text: "yes", PostedAt: at.Add(-71 * time.Hour)},
		{ChannelID: "C0OTHER", TS: "1761700000.000100", ThreadTS: "1761700000.000100", UserID: "U1", Text: "Secret HR matter", PostedAt: at.Add(-72 * time.Hour)},
		{ChannelID: "C0OTHER", TS: "1761700100.000100", ThreadTS: "1761700000.000100", UserID: "U2", Text: "ok", PostedAt: at.Add(-71 * time.Hour)},
		{ChannelID: "C0DATA", TS: "1751700000.000100", ThreadTS: "1751700000.000100", UserID: "U1", Text: "Old news", PostedAt: at.AddDate(0, -2, 0)},
		{ChannelID: "C0DATA", TS: "1751700100.000100", ThreadTS: "1751700000.000100", UserID: "U2", Text: "indeed", PostedAt: at.AddDate(0, -2, 0).Add(time.Minute)},
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
		Timeout: 5 * time.Second}, testkit.ModelKey, llm.Options{})
	c := bot.Community{Name: "Guilde data", Language: "en", Loc: paris, Vocation: "Share data practices.",
		Channels: []bot.Channel{{ID: "C0DATA"}}}
	r := bot.Ritual{Kind: bot.RitualQuestionOfTheWeek, Spec: "0 10 * * MON", ChannelID: "C0DATA",
		Questions: []string{"What tool saved you time?"}}
	p := New(st, []bot.Community{c}, Options{Log: slog.New(slog.NewTextHandler(t.Output(), nil)), Drafter: model})
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
