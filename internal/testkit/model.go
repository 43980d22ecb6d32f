package testkit

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// ModelKey is the API key the tests give the model's client; Model expects
// it on every request.
const ModelKey = "sk-test"

// Model is an OpenAI-compatible server for the tests of the packages that
// ask a language model, reached through the real client (go-openai) with
// URL+"/v1" as its base URL and ModelKey as its key. It checks each request
// (a POST to /v1/chat/completions with the key, a system and a user turn:
// anything else fails the test and gets a 400), keeps it, counts the
// requests and the most in flight at once, and answers with its reply.
type Model struct {
	*httptest.Server
	Hits     atomic.Int32 // requests received
	Peak     atomic.Int32 // the most requests in flight at once
	inFlight atomic.Int32
	mu       sync.Mutex
	reqs     []ModelRequest
	reply    Reply
}

// Reply answers a request; r's context ends when the client gives up.
type Reply func(w http.ResponseWriter, r *http.Request, req ModelRequest)

// ModelRequest is what Model reads of a chat completion request, pointers
// telling a field left out from a zero.
type ModelRequest struct {
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

// System is the request's system turn: the instruction.
func (r ModelRequest) System() string { return r.Messages[0].Content }

// User is the request's user turn: the data.
func (r ModelRequest) User() string { return r.Messages[1].Content }

// NewModel starts a model answering with reply, stopped when the test ends.
func NewModel(tb testing.TB, reply Reply) *Model {
	m := &Model{reply: reply}
	m.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.Hits.Add(1)
		n := m.inFlight.Add(1)
		defer m.inFlight.Add(-1)
		for p := m.Peak.Load(); n > p && !m.Peak.CompareAndSwap(p, n); p = m.Peak.Load() {
		}
		auth := r.Header.Get("Authorization")
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" || auth != "Bearer "+ModelKey {
			tb.Errorf("got %s %s (auth %q), want POST /v1/chat/completions with the key", r.Method, r.URL.Path, auth)
		}
		var req ModelRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) != 2 {
			tb.Errorf("request: %v, %d messages, want a system and a user turn", err, len(req.Messages))
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		m.mu.Lock()
		m.reqs = append(m.reqs, req)
		reply := m.reply
		m.mu.Unlock()
		reply(w, r, req)
	}))
	tb.Cleanup(m.Close)
	return m
}

// SetReply changes how the model answers from the next request on.
func (m *Model) SetReply(reply Reply) {
	m.mu.Lock()
	m.reply = reply
	m.mu.Unlock()
}

// Requests returns the requests received so far, in order.
func (m *Model) Requests() []ModelRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]ModelRequest(nil), m.reqs...)
}

// Last returns the last request received.
func (m *Model) Last() ModelRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.reqs[len(m.reqs)-1]
}

// Complete writes a chat completion in OpenAI's shape: content as the
// assistant's answer, with the tokens it used.
func Complete(w http.ResponseWriter, content string, prompt, completion int) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1764201600, "model": "test-model",
		"choices": []any{map[string]any{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"finish_reason": "stop",
		}},
		"usage": map[string]int{"prompt_tokens": prompt, "completion_tokens": completion,
			"total_tokens": prompt + completion},
	})
}
