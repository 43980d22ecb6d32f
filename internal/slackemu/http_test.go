package slackemu

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"
)

// appServer is a bot's HTTP endpoint that verifies signatures with slack-go
// and answers with statuses from a script.
type appServer struct {
	t        *testing.T
	mu       sync.Mutex
	statuses []int // answers to give, in order; 200 once exhausted
	stall    int   // first requests to stall past the timeout
	got      []delivered
	srv      *httptest.Server
}

type delivered struct {
	path, retryNum, retryReason, eventID string
	form                                 url.Values
}

func newAppServer(t *testing.T, statuses ...int) *appServer {
	a := &appServer{t: t, statuses: statuses}
	a.srv = httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *appServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	sv, err := slack.NewSecretsVerifier(r.Header, "emulator-secret")
	if err == nil {
		_, _ = sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil {
		a.t.Errorf("signature of %s: %v", r.URL.Path, err)
	}
	d := delivered{
		path:        r.URL.Path,
		retryNum:    r.Header.Get("X-Slack-Retry-Num"),
		retryReason: r.Header.Get("X-Slack-Retry-Reason"),
	}
	var cb struct {
		EventID string `json:"event_id"`
	}
	if json.Unmarshal(body, &cb) == nil {
		d.eventID = cb.EventID
	} else {
		d.form, _ = url.ParseQuery(string(body))
	}
	a.mu.Lock()
	a.got = append(a.got, d)
	status, stall := http.StatusOK, a.stall > 0
	if stall {
		a.stall--
	} else if len(a.statuses) > 0 {
		status, a.statuses = a.statuses[0], a.statuses[1:]
	}
	a.mu.Unlock()
	if stall {
		<-r.Context().Done() // the emulator gives up first
		return
	}
	if r.URL.Path == "/slack/commands" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"text":"On it"}`))
		return
	}
	w.WriteHeader(status)
}

func (a *appServer) deliveries() []delivered {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]delivered(nil), a.got...)
}

func TestHTTPDeliveryRetries(t *testing.T) {
	app := newAppServer(t, http.StatusInternalServerError, http.StatusServiceUnavailable)
	s := newEmu(t, Options{EventsURL: app.srv.URL + "/slack/events"})
	s.UserMessage("CGEN", "UALICE", "over HTTP")
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	got := app.deliveries()
	var retries []string
	for _, d := range got {
		retries = append(retries, d.retryNum+"/"+d.retryReason)
		if d.eventID != got[0].eventID || d.path != "/slack/events" {
			t.Errorf("delivery %+v, want event %s at /slack/events", d, got[0].eventID)
		}
	}
	if want := []string{"/", "1/http_error", "2/http_error"}; !cmp.Equal(retries, want) {
		t.Errorf("retry headers = %v, want %v", retries, want)
	}
	if s.Deliveries() != 3 || s.Abandoned() != 0 {
		t.Errorf("Deliveries %d Abandoned %d, want 3 and 0", s.Deliveries(), s.Abandoned())
	}
}

func TestHTTPDeliveryTimeoutAndGiveUp(t *testing.T) {
	app := newAppServer(t, 500, 500, 500, 500)
	app.stall = 1
	s := newEmu(t, Options{EventsURL: app.srv.URL + "/slack/events", AckTimeout: 500 * time.Millisecond})
	s.UserMessage("CGEN", "UALICE", "doomed")
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	got := app.deliveries()
	if len(got) != 4 || got[1].retryReason != "http_timeout" || got[2].retryReason != "http_error" ||
		got[3].retryNum != "3" {
		t.Errorf("deliveries = %+v, want a timeout then errors, up to retry 3", got)
	}
	if s.Abandoned() != 1 || s.Pending() != 0 {
		t.Errorf("Abandoned %d Pending %d, want 1 and 0", s.Abandoned(), s.Pending())
	}
}

func TestHTTPSlashCommand(t *testing.T) {
	app := newAppServer(t)
	s := newEmu(t, Options{EventsURL: app.srv.URL + "/slack/events?team=1"})
	if err := s.SlashCommand("UBOB", "CGEN", "help"); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	got := app.deliveries()
	if len(got) != 1 || got[0].path != "/slack/commands" {
		t.Fatalf("deliveries = %+v, want one POST to /slack/commands", got)
	}
	f := got[0].form
	if f.Get("command") != "/praxis" || f.Get("text") != "help" || f.Get("user_id") != "UBOB" ||
		f.Get("trigger_id") == "" {
		t.Errorf("command form = %v", f)
	}
	posted := s.Posted()
	if len(posted) != 1 || posted[0].Method != "ack" || posted[0].Text != "On it" || posted[0].User != "UBOB" {
		t.Errorf("Posted = %+v, want the response body as an ephemeral ack", posted)
	}
}

func TestSign(t *testing.T) {
	body := []byte(`{"type":"event_callback"}`)
	verify := func(header http.Header, secret string) error {
		sv, err := slack.NewSecretsVerifier(header, secret)
		if err != nil {
			return err
		}
		_, _ = sv.Write(body)
		return sv.Ensure()
	}
	headers := func(secret string, at time.Time) http.Header {
		ts, sig := Sign(secret, at, body)
		return http.Header{"X-Slack-Request-Timestamp": {ts}, "X-Slack-Signature": {sig}}
	}
	if err := verify(headers("emulator-secret", time.Now()), "emulator-secret"); err != nil {
		t.Errorf("good signature: %v", err)
	}
	if err := verify(headers("other-secret", time.Now()), "emulator-secret"); err == nil {
		t.Error("signature with the wrong secret verified")
	}
	stale := headers("emulator-secret", time.Now().Add(-10*time.Minute))
	if err := verify(stale, "emulator-secret"); !errors.Is(err, slack.ErrExpiredTimestamp) {
		t.Errorf("replayed signature: err = %v, want ErrExpiredTimestamp", err)
	}
	ts, sig := Sign("s", time.Unix(1531420618, 0), []byte("x"))
	if ts != "1531420618" || len(sig) != 67 || sig[:3] != "v0=" {
		t.Errorf("Sign = %q %q", ts, sig)
	}
}

func TestHTTPInteractiveAndSubscriptions(t *testing.T) {
	app := newAppServer(t)
	s := newEmu(t, Options{EventsURL: app.srv.URL + "/slack/events", Subscriptions: []string{"app_mention"}})
	s.UserMessage("CGEN", "UALICE", "no mention") // filtered out: not subscribed to message
	s.UserMessage("CGEN", "UALICE", "hi <@UPRAXIS>")
	if err := s.DeliverInteractive([]byte(`{"type":"view_submission","user":{"id":"UALICE"}}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	got := app.deliveries()
	if len(got) != 2 || got[0].path != "/slack/events" || got[1].path != "/slack/interactivity" {
		t.Fatalf("deliveries = %+v, want the app_mention then the interaction", got)
	}
	if p := got[1].form.Get("payload"); p != `{"type":"view_submission","user":{"id":"UALICE"}}` {
		t.Errorf("interactive payload = %q", p)
	}
}
