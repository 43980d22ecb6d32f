package slackio

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// Slack checks the commands URL's certificate with an unsigned POST of
// ssl_check=1: it gets 200 and stores nothing. Anything else unsigned on
// that URL, or ssl_check elsewhere, is still refused.
func TestHTTPSSLCheck(t *testing.T) {
	r := newHTTPRig(t)
	unsigned := func(path, body string) int {
		t.Helper()
		resp, err := r.srv.Client().Post(r.srv.URL+path, "application/x-www-form-urlencoded", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	check := url.Values{"ssl_check": {"1"}, "token": {"legacy-verification-token"}}.Encode()
	for _, tc := range []struct {
		name, path, body string
		want             int
	}{
		{"ssl_check on the commands URL", "/slack/commands", check, 200},
		{"a command dressed as an ssl_check", "/slack/commands",
			check + "&command=%2Fpraxis&text=status&user_id=U1&channel_id=C1", 401},
		{"an unsigned command", "/slack/commands", "command=%2Fpraxis&text=status", 401},
		{"ssl_check on the events URL", "/slack/events", check, 401},
		{"ssl_check after 4 KiB of padding", "/slack/commands", strings.Repeat("x=1&", 1100) + check, 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := unsigned(tc.path, tc.body); got != tc.want {
				t.Fatalf("got HTTP %d, want %d", got, tc.want)
			}
		})
	}
	if got := testutil.ToFloat64(r.m.SignatureRejects.WithLabelValues("bad_signature")); got != 4 {
		t.Errorf("got %v rejected signatures, want 4 (the ssl_check is not one)", got)
	}
	// A signed command still reaches the inbox whole: the check read its body
	// and handed it on.
	form := url.Values{"command": {"/praxis"}, "text": {strings.Repeat("long text ", 600)}, "user_id": {"U1"},
		"channel_id": {"C1"}, "trigger_id": {"T7"}}
	if got := r.post(t, "/slack/commands", []byte(form.Encode()), time.Now(), false); got != http.StatusOK {
		t.Fatalf("got HTTP %d for a signed command, want 200", got)
	}
	rows, err := r.st.PendingInbox(context.Background(), 0, 10)
	if err != nil || len(rows) != 1 || rows[0].EventID != "cmd:T7" ||
		!bytes.Contains(rows[0].Payload, []byte("long text long text")) {
		t.Fatalf("got %d rows, %v; want only the signed command, whole", len(rows), err)
	}
}
