package llm

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"praxis/bot/config"
)

// wireRequest is what the fake server reads of a chat completion request,
// pointers telling a field left out from a zero.
type wireRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	Temperature         *float64 `json:"temperature"`
	MaxTokens           int      `json:"max_tokens"`
	MaxCompletionTokens int      `json:"max_completion_tokens"`
	ResponseFormat      *struct {
		Type string `json:"type"`
	} `json:"response_format"`
}

// message is the data block of the user turn, decoded strictly.
func (r wireRequest) message(t *testing.T) string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(r.Messages[1].Content))
	dec.DisallowUnknownFields()
	var data struct{ Message *string }
	if err := dec.Decode(&data); err != nil || data.Message == nil || dec.More() {
		t.Errorf("user turn %q is not {\"message\": \"…\"}: %v", r.Messages[1].Content, err)
		return ""
	}
	return *data.Message
}

// fake is an OpenAI-compatible server: POST /v1/chat/completions. By default
// it answers {"question": true} when the message holds a "?", with 50 + 5
// tokens of usage.
type fake struct {
	*httptest.Server
	hits  atomic.Int32
	mu    sync.Mutex
	reqs  []wireRequest
	reply func(w http.ResponseWriter, r *http.Request, req wireRequest)
}

func newFake(t *testing.T) *fake {
	f := &fake{reply: func(w http.ResponseWriter, _ *http.Request, req wireRequest) {
		respond(w, fmt.Sprintf(`{"question": %t}`, strings.Contains(req.message(t), "?")), 50, 5)
	}}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" {
			t.Errorf("got %s %s (auth %q), want POST /v1/chat/completions with the key", r.Method, r.URL.Path, r.Header.Get("Authorization"))
		}
		var req wireRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) != 2 {
			t.Errorf("request: %v, %d messages, want 2", err, len(req.Messages))
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.reqs = append(f.reqs, req)
		reply := f.reply
		f.mu.Unlock()
		reply(w, r, req)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fake) setReply(reply func(w http.ResponseWriter, r *http.Request, req wireRequest)) {
	f.mu.Lock()
	f.reply = reply
	f.mu.Unlock()
}

func (f *fake) last() wireRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reqs[len(f.reqs)-1]
}

// respond writes a chat completion in OpenAI's shape.
func respond(w http.ResponseWriter, content string, prompt, completion int) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1764201600, "model": "test-model",
		"choices": []any{map[string]any{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"finish_reason": "stop",
		}},
		"usage": map[string]int{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
	})
}

// testConfig points at f with a generous budget.
func testConfig(f *fake) config.LLM {
	return config.LLM{BaseURL: f.URL + "/v1", Model: "test-model", DailyTokenBudget: 1_000_000, Timeout: config.Duration(5 * time.Second)}
}
