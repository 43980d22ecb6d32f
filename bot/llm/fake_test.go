package llm

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"praxis/internal/testkit"
)

// message is the data block of the user turn, decoded strictly.
func message(t *testing.T, r testkit.ModelRequest) string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(r.User()))
	dec.DisallowUnknownFields()
	var data struct{ Message *string }
	if err := dec.Decode(&data); err != nil || data.Message == nil || dec.More() {
		t.Errorf("user turn %q is not {\"message\": \"…\"}: %v", r.User(), err)
		return ""
	}
	return *data.Message
}

// newFake is a model (testkit.Model) answering {"question": true} when the
// message holds a "?", with 50 + 5 tokens of usage.
func newFake(t *testing.T) *testkit.Model {
	return testkit.NewModel(t, func(w http.ResponseWriter, _ *http.Request, req testkit.ModelRequest) {
		testkit.Complete(w, fmt.Sprintf(`{"question": %t}`, strings.Contains(message(t, req), "?")), 50, 5)
	})
}

// testConfig points at f with a generous budget.
func testConfig(f *testkit.Model) Settings {
	return Settings{
		BaseURL:          f.URL + "/v1",
		Model:            "test-model",
		DailyTokenBudget: 1_000_000,
		Timeout:          5 * time.Second,
	}
}
