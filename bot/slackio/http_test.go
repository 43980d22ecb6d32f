package slackio

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/internal/testkit"
	"praxis/store"
)

const secret = "test-signing-secret"

type httpRig struct {
	st  *store.Store
	m   *metrics.Metrics
	srv *httptest.Server
}

func newHTTPRig(tb testing.TB) *httpRig {
	tb.Helper()
	st := testkit.Store(tb, nil)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := metrics.New()
	d := bot.Deps{Log: log, Metrics: m}
	recv := NewReceiver(st, testkit.Directory(map[string]string{"C1": "Security"}), d, ReceiverOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { recv.Run(ctx); close(done) }()
	srv := httptest.NewServer(NewHTTP(recv, secret, d).Handler())
	tb.Cleanup(func() {
		srv.Close()
		cancel()
		<-done
	})
	return &httpRig{st: st, m: m, srv: srv}
}

func sign(ts time.Time, body []byte) (string, string) {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:", stamp)
	mac.Write(body)
	return stamp, "v0=" + hex.EncodeToString(mac.Sum(nil))
}

func (r *httpRig) post(tb testing.TB, path string, body []byte, at time.Time, tamper bool) int {
	tb.Helper()
	stamp, sig := sign(at, body)
	if tamper { // change the last digit (writing "00" left one signature in 256 as it was)
		last := "0"
		if sig[len(sig)-1] == '0' {
			last = "1"
		}
		sig = sig[:len(sig)-1] + last
	}
	return r.send(tb, path, body, stamp, sig)
}

// send posts body with a timestamp and a signature, and returns the status.
func (r *httpRig) send(tb testing.TB, path string, body []byte, stamp, sig string) int {
	tb.Helper()
	req, _ := http.NewRequest("POST", r.srv.URL+path, bytes.NewReader(body))
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", sig)
	resp, err := r.srv.Client().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func message(id, channel, ts string) []byte {
	return []byte(fmt.Sprintf(`{"type":"event_callback","event_id":%q,"event_time":1700000000,`+
		`"event":{"type":"message","channel":%q,"user":"U1","text":"hello","ts":%q}}`, id, channel, ts))
}

func TestHTTPSignatures(t *testing.T) {
	r := newHTTPRig(t)
	now := time.Now() // wallclock: slack-go checks a signature's age against time.Now
	for _, tc := range []struct {
		name   string
		body   []byte
		at     time.Time
		tamper bool
		want   int
	}{
		{"bad signature", message("E1", "C1", "1.1"), now, true, 401},
		{"replayed, 6 minutes old", message("E2", "C1", "1.2"), now.Add(-6 * time.Minute), false, 401},
		{"from the future", message("E3", "C1", "1.3"), now.Add(6 * time.Minute), false, 401},
		{"good", message("E4", "C1", "1.4"), now, false, 200},
		{"redelivered", message("E4", "C1", "1.4"), now, false, 200},
		{"unmapped channel", message("E5", "C9", "1.5"), now, false, 200},
		{"malformed", []byte(`{"type":`), now, false, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.post(t, "/slack/events", tc.body, tc.at, tc.tamper); got != tc.want {
				t.Fatalf("got HTTP %d, want %d", got, tc.want)
			}
		})
	}
	ctx := context.Background()
	rows, err := r.st.PendingInbox(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].EventID != "E4" {
		t.Fatalf("got %d stored events, want only E4 once", len(rows))
	}
	if got := testutil.ToFloat64(r.m.EventsDuplicate); got != 1 {
		t.Errorf("got %v duplicates counted, want 1", got)
	}
	if got := testutil.ToFloat64(r.m.EventsUnmapped); got != 1 {
		t.Errorf("got %v unmapped counted, want 1", got)
	}
}

func TestHTTPURLVerificationAndCommands(t *testing.T) {
	r := newHTTPRig(t)
	req := []byte(`{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",` +
		`"token":"x"}`)
	stamp, sig := sign(time.Now(), req)
	hreq, _ := http.NewRequest("POST", r.srv.URL+"/slack/events", bytes.NewReader(req))
	hreq.Header.Set("X-Slack-Request-Timestamp", stamp)
	hreq.Header.Set("X-Slack-Signature", sig)
	resp, err := r.srv.Client().Do(hreq)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")) {
		t.Fatalf("got %d %s, want the challenge echoed", resp.StatusCode, body)
	}
	form := url.Values{
		"command":    {"/praxis"},
		"text":       {"status"},
		"user_id":    {"U1"},
		"channel_id": {"C1"},
		"trigger_id": {"T42"},
		"token":      {"legacy"},
	}
	if got := r.post(t, "/slack/commands", []byte(form.Encode()), time.Now(), false); got != 200 {
		t.Fatalf("got HTTP %d for a slash command, want 200", got)
	}
	if got := r.post(t, "/slack/commands", []byte(form.Encode()), time.Now(), true); got != 401 {
		t.Fatalf("got HTTP %d for an unsigned slash command, want 401", got)
	}
	action := url.Values{"payload": {`{"type":"block_actions","user":{"id":"U1"},"trigger_id":"T43",` +
		`"actions":[{"action_id":"not_helpful","value":"x"}]}`}}
	if got := r.post(t, "/slack/interactivity", []byte(action.Encode()), time.Now(), false); got != 200 {
		t.Fatalf("got HTTP %d for an interaction, want 200", got)
	}
	rows, _ := r.st.PendingInbox(context.Background(), 0, 10)
	if len(rows) != 2 || rows[0].EventID != "cmd:T42" || bytes.Contains(rows[0].Payload, []byte("legacy")) {
		t.Fatalf("got %+v, want the command (without its token) and the action stored", rows)
	}
}

func TestHTTPRejectsHugeBody(t *testing.T) {
	r := newHTTPRig(t)
	huge := bytes.Repeat([]byte("x"), maxBody+1)
	if got := r.post(t, "/slack/events", huge, time.Now(), false); got != http.StatusRequestEntityTooLarge {
		t.Fatalf("got HTTP %d, want 413", got)
	}
}
