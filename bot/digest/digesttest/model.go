package digesttest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/llm"
	"praxis/internal/testkit"
)

// Model is testkit's model, whose reply gets the thread a summary request
// carries (its user turn, decoded strictly).
type Model struct{ *testkit.Model }

// NewModel starts a model answering summary requests with reply.
func NewModel(t testing.TB, reply func(w http.ResponseWriter, thread []llm.Message)) Model {
	return Model{testkit.NewModel(t, func(w http.ResponseWriter, _ *http.Request, req testkit.ModelRequest) {
		dec := json.NewDecoder(strings.NewReader(req.User()))
		dec.DisallowUnknownFields()
		var data struct{ Messages []llm.Message }
		if err := dec.Decode(&data); err != nil || dec.More() {
			t.Errorf("user turn %q is not {\"messages\": […]}: %v", req.User(), err)
		}
		reply(w, data.Messages)
	})}
}

// Slow is a model answering every summary after delay: "Summary of " and
// the thread's first message.
func Slow(tb testing.TB, delay time.Duration) Model {
	return NewModel(tb, func(rw http.ResponseWriter, thread []llm.Message) {
		time.Sleep(delay)
		Answer(rw, "Summary of "+thread[0].Text)
	})
}

// Answer writes a chat completion whose content is {"summary": text}.
func Answer(w http.ResponseWriter, text string) {
	content, _ := json.Marshal(map[string]string{"summary": text})
	testkit.Complete(w, string(content), 100, 20)
}

// Client is a client of the model: each request bounded by timeout, at most
// maxConcurrent at once.
func (m Model) Client(timeout time.Duration, maxConcurrent int) *llm.Client {
	return llm.New(llm.Settings{BaseURL: m.URL + "/v1", Model: "test-model", DailyTokenBudget: 1_000_000,
		Timeout: timeout}, testkit.ModelKey, bot.Deps{}, llm.Options{MaxConcurrent: maxConcurrent})
}
