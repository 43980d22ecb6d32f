package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"strconv"
	"strings"
	"testing"
	"time"

	"praxis/bot"
)

// A model server, or a proxy in front of it, that echoes the request in
// its error (headers and body: the key, the member's words) leaves none of
// it in the error Praxis returns or in its debug log: only the status.
func TestModelErrorsKeepOnlyTheStatus(t *testing.T) {
	const key = "sk-live-0123456789abcdefghij"
	const words = "Quillonbert shares the rollout plan?"
	for _, c := range []struct {
		name   string
		status int
		body   func(echo string) string
	}{
		{"JSON error", http.StatusInternalServerError, func(e string) string {
			b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": e, "type": "server_error"}})
			return string(b)
		}},
		{"text error, asked again without JSON mode", http.StatusBadRequest, func(e string) string { return e }},
		{"proxy page", http.StatusBadGateway, func(e string) string {
			return "<html><body><pre>" + e + "</pre></body></html>"
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				echo, _ := httputil.DumpRequest(r, true)
				w.WriteHeader(c.status)
				w.Write([]byte(c.body(string(echo))))
			}))
			defer srv.Close()
			var logs bytes.Buffer
			cfg := Settings{
				BaseURL:          srv.URL + "/v1",
				Model:            "test-model",
				DailyTokenBudget: 1_000_000,
				Timeout:          5 * time.Second,
			}
			m := New(cfg, key, bot.Deps{Log: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))},
				Options{})
			_, err := m.IsQuestion(context.Background(), words)
			var se *StatusError
			if !errors.As(err, &se) || se.Status != c.status || !strings.Contains(err.Error(), strconv.Itoa(c.status)) {
				t.Fatalf("got %v, want the status %d", err, c.status)
			}
			for where, text := range map[string]string{"error": err.Error(), "log": logs.String()} {
				for _, secret := range []string{key[3:], "Quillonbert", "Bearer", "rollout"} {
					if strings.Contains(text, secret) {
						t.Errorf("the %s holds %q:\n%s", where, secret, text)
					}
				}
			}
			if !strings.Contains(logs.String(), `"msg":"llm call"`) {
				t.Errorf("the call is not logged:\n%s", logs.String())
			}
		})
	}
}
