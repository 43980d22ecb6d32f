package testkit

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// errTB is the test's TB, except that Errorf only records its message.
type errTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (e *errTB) Errorf(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.errs = append(e.errs, fmt.Sprintf(format, args...))
}

func ask(t *testing.T, m *Model, key, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, m.URL+"/v1/chat/completions", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// The model keeps each request, counts the most in flight at once, answers
// in OpenAI's shape, and fails the test on a request without the key or the
// two turns.
func TestModel(t *testing.T) {
	release := make(chan struct{})
	arrived := make(chan struct{}, 2)
	e := &errTB{TB: t}
	m := NewModel(e, func(w http.ResponseWriter, _ *http.Request, req ModelRequest) {
		arrived <- struct{}{}
		<-release
		Complete(w, "echo: "+req.User(), 10, 2)
	})
	turns := `{"model": "test-model", "messages": [` +
		`{"role": "system", "content": "be brief"}, {"role": "user", "content": "%s"}]}`
	var wg sync.WaitGroup
	for _, q := range []string{"one", "two"} {
		wg.Go(func() {
			resp := ask(t, m, ModelKey, fmt.Sprintf(turns, q))
			var out struct {
				Choices []struct{ Message struct{ Content string } }
				Usage   struct {
					TotalTokens int `json:"total_tokens"`
				}
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Choices) != 1 ||
				out.Choices[0].Message.Content != "echo: "+q || out.Usage.TotalTokens != 12 {
				t.Errorf("got %+v, %v; want the echo of %q and 12 tokens", out, err, q)
			}
		})
	}
	<-arrived
	<-arrived
	close(release)
	wg.Wait()
	if m.Hits.Load() != 2 || m.Peak.Load() != 2 || len(m.Requests()) != 2 || m.Last().System() != "be brief" {
		t.Errorf("got %d hits, %d at once, %+v; want 2 requests kept, both in flight together",
			m.Hits.Load(), m.Peak.Load(), m.Requests())
	}
	if len(e.errs) != 0 {
		t.Fatalf("got %q, want no failure", e.errs)
	}
	if resp := ask(t, m, "sk-wrong", `{"messages": []}`); resp.StatusCode != http.StatusBadRequest || len(e.errs) != 2 {
		t.Errorf("got %d and %q, want a 400 and the wrong key and the missing turns reported", resp.StatusCode, e.errs)
	}
}
