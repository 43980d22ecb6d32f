package slackio

import (
	"bytes"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/internal/logbuf"
	"praxis/internal/testkit"
)

// Bad requests are summarised once a minute, one line with the counts by
// reason, on the transport's clock; the metric still counts each.
func TestRejectedRequestsSummarisedPerMinute(t *testing.T) {
	st := testkit.Store(t, nil)
	logs := &logbuf.Buffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	m := metrics.New()
	var mu sync.Mutex
	now := time.Date(2026, time.November, 30, 8, 0, 5, 0, time.UTC)
	d := bot.Deps{Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }, Log: log, Metrics: m}
	h := NewHTTP(NewReceiver(st, testkit.Directory(nil), d, ReceiverOptions{}), secret, d)
	at := func(d time.Duration) {
		mu.Lock()
		now = time.Date(2026, time.November, 30, 8, 0, 0, 0, time.UTC).Add(d)
		mu.Unlock()
	}
	srv := httptest.NewServer(h.Handler())
	defer srv.Close()
	r := &httpRig{st: st, m: m, srv: srv}

	body := []byte(`{"type":"event_callback","event_id":"Ev1","event":{"type":"message"}}`)
	for range 30 {
		r.post(t, "/slack/events", body, time.Now(), true)
	}
	for range 12 {
		r.post(t, "/slack/events", body, time.Now().Add(-10*time.Minute), false)
	}
	r.post(t, "/slack/events", bytes.Repeat([]byte("x"), maxBody+1), time.Now(), false)
	at(59 * time.Second)
	h.rejects.tick()
	if got := logs.Lines("rejected requests"); len(got) != 0 {
		t.Fatalf("got %d summary lines within the minute, want none yet: %v", len(got), got)
	}
	for reason, want := range map[string]float64{"bad_signature": 30, "expired_timestamp": 12, "too_large": 1} {
		if got := testutil.ToFloat64(m.SignatureRejects.WithLabelValues(reason)); got != want {
			t.Errorf("got %v %s requests counted, want %v (each one)", got, reason, want)
		}
	}

	at(time.Minute + 2*time.Second)
	h.rejects.tick()
	r.post(t, "/slack/interactivity", body, time.Now(), true) // counted in the new minute
	h.rejects.tick()
	got := logs.Lines("rejected requests")
	if len(got) != 1 {
		t.Fatalf("got %d summary lines, want 1 for the first minute", len(got))
	}
	want := map[string]any{
		"minute":            "2026-11-30T08:00:00Z",
		"bad_signature":     30.0,
		"expired_timestamp": 12.0,
		"too_large":         1.0,
		"total":             43.0,
	}
	for k, v := range want {
		if got[0][k] != v {
			t.Errorf("got %s = %v, want %v (line %v)", k, got[0][k], v, got[0])
		}
	}
	at(2*time.Minute + 10*time.Second)
	h.rejects.tick()
	got = logs.Lines("rejected requests")
	if len(got) != 2 || got[1]["total"] != 1.0 || got[1]["minute"] != "2026-11-30T08:01:00Z" {
		t.Fatalf("got %v, want a second line for the one request of 08:01", got)
	}
	if n := len(logs.Lines("rejected unsigned request")); n != 0 {
		t.Fatalf("got %d lines for single requests, want none", n)
	}
}
