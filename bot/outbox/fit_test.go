package outbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot/outbox"
	"praxis/store"
)

// compact is JSON in one canonical form (keys sorted, numbers and text as
// written, <>& unescaped), for comparing payloads by what they say.
func compact(t *testing.T, raw []byte) string {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Blocks leave the poster as they were stored, whatever slack-go models:
// a data_visualization chart, a block type it does not know, fields it
// drops, numbers as written — in a message and in a Home view.
func TestPosterSendsBlocksAsStored(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100})
	blocks := `[{"type":"section","block_id":"s",` +
		`"text":{"type":"mrkdwn","text":"Fish &amp; chips <https://x.example|link>","verbatim":true},"expand":true},` +
		`{"type":"data_visualization","block_id":"c","title":"Active members","chart":{"type":"line",` +
		`"series":[{"name":"Active","data":[{"label":"W1","value":3},{"label":"W2","value":4.50}]}],` +
		`"axis_config":{"categories":["W1","W2"],"x_label":"Week"}}},` +
		`{"type":"future_block","block_id":"f","anything":{"n":[1,2.0]}}]`
	view := `{"type":"home","blocks":` + blocks + `,"private_metadata":"m","callback_id":"home"}`
	ctx := context.Background()
	for _, m := range []store.OutMessage{
		outbox.New("msg", outbox.PostMessage, "C1", outbox.Message{Text: "fallback", Blocks: json.RawMessage(blocks)}),
		outbox.New("home", outbox.PublishView, "U1", outbox.Message{User: "U1", View: json.RawMessage(view)}),
	} {
		if _, err := r.st.Enqueue(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	r.runUntil(t, 2, 10*time.Second)
	posted := r.emu.Posted()
	if len(posted) != 2 {
		t.Fatalf("got %+v, want a message and a view", posted)
	}
	if got, want := compact(t, posted[0].Blocks), compact(t, []byte(blocks)); got != want {
		t.Errorf("message blocks:\n got %s\nwant %s", got, want)
	}
	if got, want := compact(t, posted[1].Payload), compact(t, []byte(view)); got != want {
		t.Errorf("view:\n got %s\nwant %s", got, want)
	}
	if got := testutil.ToFloat64(r.m.OutboxDegraded); got != 0 {
		t.Errorf("got %v degraded, want 0", got)
	}
}

// A payload over Slack's limits is cut to fit instead of being refused, and
// the log says so with the key, never with the text.
func TestPosterDegradesWhatWouldBeRefused(t *testing.T) {
	r := newRig(t, outbox.Options{})
	logs := r.logTo(outbox.Options{Rate: 100})
	secret := strings.Repeat("private words ", 300) // 4,200 characters
	section := `{"type":"section","text":{"type":"mrkdwn","text":"` + secret + `"}}`
	blocks := "[" + strings.Repeat(section+",", 54) + section + "]"
	if _, err := r.st.Enqueue(context.Background(), outbox.New("big", outbox.PostMessage, "C1",
		outbox.Message{Text: strings.Repeat("x", 40001), Blocks: json.RawMessage(blocks)})); err != nil {
		t.Fatal(err)
	}
	r.runUntil(t, 1, 10*time.Second)
	if row, _ := r.st.OutboxByKey(context.Background(), "big"); row.Status != store.OutSent {
		t.Fatalf("got %+v, want it sent", row)
	}
	p := r.emu.Posted()[0]
	var got []struct{ Text struct{ Text string } }
	_ = json.Unmarshal(p.Blocks, &got)
	if len(got) != 50 || len([]rune(got[0].Text.Text)) != 3000 || len([]rune(p.Text)) != 40000 {
		t.Errorf("got %d blocks, the first of %d characters, text of %d; want 50, 3000 and 40000",
			len(got), len([]rune(got[0].Text.Text)), len([]rune(p.Text)))
	}
	log := logs.String()
	if !strings.Contains(log, "payload degraded to fit Slack's limits") || !strings.Contains(log, "key=big") ||
		!strings.Contains(log, "level=WARN") {
		t.Errorf("got log %q, want a WARN with the key", log)
	}
	if strings.Contains(log, "private words") {
		t.Error("the message's text is in the log")
	}
	if got := testutil.ToFloat64(r.m.OutboxDegraded); got != 1 {
		t.Errorf("got %v degraded, want 1", got)
	}
}
