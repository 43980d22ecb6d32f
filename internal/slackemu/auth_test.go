package slackemu

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// rawCall makes a Web API call with net/http and decodes the answer.
func rawCall(t *testing.T, req *http.Request) (int, map[string]any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%s: body %q is not JSON", req.URL.Path, body)
	}
	return resp.StatusCode, out
}

func TestAuthAndEncodings(t *testing.T) {
	s := newEmu(t, Options{})
	get := func(path, token string) *http.Request {
		req, _ := http.NewRequest(http.MethodGet, s.APIURL()+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return req
	}
	jsonPost := func(path, body string) *http.Request {
		req, _ := http.NewRequest(http.MethodPost, s.APIURL()+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer xoxb-emulator")
		return req
	}
	tests := []struct {
		name      string
		req       *http.Request
		wantError string
	}{
		{"no token", get("auth.test", ""), "not_authed"},
		{"wrong token", get("auth.test", "xoxb-nope"), "invalid_auth"},
		{"app token on a bot method", get("auth.test", "xapp-emulator"), "not_allowed_token_type"},
		{"bot token on apps.connections.open", get("apps.connections.open", "xoxb-emulator"), "not_allowed_token_type"},
		{"unknown method", get("nope.nothing", "xoxb-emulator"), "unknown_method"},
		{"GET query", get("users.info?user=UBOB", "xoxb-emulator"), ""},
		{"token in the query", get("users.info?user=UBOB&token=xoxb-emulator", ""), ""},
		{"JSON body", jsonPost("chat.postMessage", `{"channel":"CGEN","text":"json","reply_broadcast":false}`), ""},
		{"bad JSON", jsonPost("chat.postMessage", `{"channel"`), "invalid_json"},
		{"no text", jsonPost("chat.postMessage", `{"channel":"CGEN"}`), "no_text"},
		{"bad blocks", jsonPost("chat.postMessage", `{"channel":"CGEN","blocks":"nope"}`), "invalid_blocks"},
		{"unknown channel", jsonPost("chat.postMessage", `{"channel":"CNONE","text":"x"}`), "channel_not_found"},
		{"channel by name", jsonPost("chat.postMessage", `{"channel":"#general","text":"x"}`), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out := rawCall(t, tt.req)
			if status != http.StatusOK {
				t.Errorf("status = %d, want 200", status)
			}
			gotErr, _ := out["error"].(string)
			if out["ok"] != (tt.wantError == "") || gotErr != tt.wantError {
				t.Errorf("answer = %v, want error %q", out, tt.wantError)
			}
		})
	}
	if got := s.Calls("nope.nothing"); got != 1 {
		t.Errorf("Calls(nope.nothing) = %d, want 1", got)
	}
}
