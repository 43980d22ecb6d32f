package slackio

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
	"praxis/store"
)

// dirty is a signed-looking event whose text holds invalid bytes and lone
// surrogate escapes, as a broken client can make Slack relay them.
func dirty(id string) []byte {
	return []byte(`{"type":"event_callback","event_id":"` + id + `","event_time":1700000000,` +
		`"event":{"type":"message","channel":"C1","user":"U1",` +
		`"text":"bad ` + "\xff\xfe" + ` bytes, a lone \ud800 high, a lone \uDC00 low, a pair \ud83d\ude00, ` +
		`caf` + "\xc3\xa9" + `","ts":"1700000000.000100"}}`)
}

func TestValidPayload(t *testing.T) {
	raw := dirty("Ev1")
	got := validPayload(raw)
	if !utf8.Valid(got) {
		t.Fatalf("got invalid UTF-8: %q", got)
	}
	for _, lone := range []string{`\ud800`, `\uDC00`} {
		if bytes.Contains(got, []byte(lone)) {
			t.Errorf("got %q, want the lone surrogate %s replaced", got, lone)
		}
	}
	for _, kept := range []string{`\ud83d\ude00`, "café"} {
		if !bytes.Contains(got, []byte(kept)) {
			t.Errorf("got %q, want %s kept", got, kept)
		}
	}
	sameJSON(t, raw, got)
	escaped := []byte(`{"text":"an escaped backslash: \\ud800"}`)
	if p := validPayload(escaped); !bytes.Equal(p, escaped) {
		t.Errorf("got %q, want an escaped backslash before ud800 left alone", p)
	}
	clean := []byte(`{"type":"event_callback","event":{"text":"déjà \u00e9"}}`)
	if p := validPayload(clean); &p[0] != &clean[0] {
		t.Error("a clean payload was copied, want it returned as it is")
	}
}

// sameJSON: the cleaned bytes decode to exactly what the raw ones did.
func sameJSON(t *testing.T, raw, cleaned []byte) {
	t.Helper()
	var a, b any
	errA, errB := json.Unmarshal(raw, &a), json.Unmarshal(cleaned, &b)
	if (errA == nil) != (errB == nil) || !reflect.DeepEqual(a, b) {
		t.Fatalf("cleaning changed the JSON:\nraw     %q (%v)\ncleaned %q (%v)", raw, errA, cleaned, errB)
	}
}

// FuzzValidPayload: whatever the bytes, the stored payload is valid UTF-8,
// decodes to the same JSON value as the raw one, and is cleaned once for
// all (a redelivery cleans to the same bytes, cleaning again changes
// nothing).
func FuzzValidPayload(f *testing.F) {
	f.Add(dirty("Ev1"))
	f.Add([]byte(`"\ud800\udc00\udc00\ud800x\u12"`))
	f.Add([]byte("\\"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		got := validPayload(raw)
		if !utf8.Valid(got) {
			t.Fatalf("got invalid UTF-8 %q", got)
		}
		sameJSON(t, raw, got)
		if again := validPayload(got); !bytes.Equal(again, got) {
			t.Fatalf("cleaning twice: %q, then %q", got, again)
		}
	})
}

// storedPayload returns the one event stored in the inbox.
func storedPayload(t *testing.T, st *store.Store) []byte {
	t.Helper()
	rows, err := st.PendingInbox(context.Background(), 0, 10)
	if err != nil || len(rows) != 1 {
		t.Fatalf("got %d inbox rows, %v; want one", len(rows), err)
	}
	return rows[0].Payload
}

// Over HTTP, the signature is checked on the bytes Slack signed, then the
// payload is cleaned before it is stored; a redelivery of the same bytes is
// deduplicated.
func TestHTTPStoresValidUTF8(t *testing.T) {
	r := newHTTPRig(t)
	raw := dirty("EvU")
	if code := r.postSigned(t, "/slack/events", raw, validPayload(raw), time.Now()); code != http.StatusUnauthorized {
		t.Fatalf("got %d for a signature over the cleaned bytes, want 401: the raw bytes are what Slack signs", code)
	}
	for range 2 {
		if code := r.post(t, "/slack/events", raw, time.Now(), false); code != http.StatusOK {
			t.Fatalf("got %d, want 200", code)
		}
	}
	got := storedPayload(t, r.st)
	if !utf8.Valid(got) || bytes.Contains(got, []byte(`\ud800`)) {
		t.Fatalf("got stored payload %q, want valid UTF-8 and no lone surrogate", got)
	}
	sameJSON(t, raw, got)
	if n := testutil.ToFloat64(r.m.EventsDuplicate); n != 1 {
		t.Fatalf("got %v duplicates, want the redelivery deduplicated", n)
	}
}

// postSigned posts body with the signature of signed.
func (r *httpRig) postSigned(tb testing.TB, path string, body, signed []byte, at time.Time) int {
	tb.Helper()
	stamp, sig := sign(at, signed)
	return r.send(tb, path, body, stamp, sig)
}

// Over Socket Mode (no signature), the same cleaning happens before the
// event is stored and acknowledged; a redelivered envelope is deduplicated.
func TestSocketStoresValidUTF8(t *testing.T) {
	emu := slackemu.New(slackemu.Options{AckTimeout: 10 * time.Second, PingInterval: 2 * time.Second})
	defer emu.Close()
	emu.AddChannel(slackemu.Channel{ID: "C1", Name: "c1", Members: []string{"UPRAXIS"}})
	st := testkit.Store(t, nil)
	log := slog.New(slog.DiscardHandler)
	m := metrics.New()
	d := bot.Deps{Log: log, Metrics: m}
	recv := NewReceiver(st, testkit.Directory(map[string]string{"C1": "Security"}), d, ReceiverOptions{})
	api := emu.Client()
	sock := NewSocket(api, recv, d, SocketOptions{Handlers: 4, Ping: 10 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	done := make(chan struct{}, 2)
	for _, run := range []func(context.Context) error{recv.Run, sock.Run} {
		go func() { run(ctx); done <- struct{}{} }()
	}
	defer func() { cancel(); <-done; <-done }()
	if err := emu.WaitConnected(ctx, 1); err != nil {
		t.Fatal(err)
	}
	raw := dirty("EvS")
	for range 2 {
		if err := emu.DeliverRaw(raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := emu.WaitAcked(ctx); err != nil {
		t.Fatal(err)
	}
	got := storedPayload(t, st)
	if !utf8.Valid(got) || bytes.Contains(got, []byte(`\uDC00`)) {
		t.Fatalf("got stored payload %q, want valid UTF-8 and no lone surrogate", got)
	}
	sameJSON(t, raw, got)
	if n := testutil.ToFloat64(m.EventsStored); n != 1 {
		t.Fatalf("got %v events stored, want one (the redelivery deduplicated)", n)
	}
}
