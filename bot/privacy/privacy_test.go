package privacy

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A member's summary counts their own data only, and tells the retention
// in whole days, rounded up: never less than their words are kept.
func TestSummary(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		retention time.Duration
		days      int
	}{{0, 0}, {24 * time.Hour, 1}, {25 * time.Hour, 2}, {8760 * time.Hour, 365}} {
		w := newWorld(t, c.retention)
		w.history(t)
		s, err := w.priv.Summary(ctx, "U01")
		if err != nil {
			t.Fatal(err)
		}
		if s.RetentionDays != c.days || !s.Profile || s.Messages != 1 || s.MessagesWithText != 1 || s.Reactions != 1 {
			t.Errorf("retention %s: got %+v, want %d days and alice's message and reaction", c.retention, s, c.days)
		}
	}
}

// A member's export is their data only, as one indented JSON document.
func TestExport(t *testing.T) {
	w := newWorld(t, 0)
	w.history(t)
	b, err := w.priv.Export(context.Background(), "U01")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Member string                      `json:"member"`
		Data   map[string][]map[string]any `json:"data"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	messages := d.Data["messages"]
	if d.Member != "U01" || len(messages) != 1 || messages[0]["text"] != "how do we rotate the zebrakms keys?" ||
		len(d.Data["reactions"]) != 1 || d.Data["profile"][0]["real_name"] != "Alice Martin" {
		t.Errorf("got %s", b)
	}
	if strings.Contains(string(b), "quokka") {
		t.Errorf("alice's export holds bob's words: %s", b)
	}
	if !strings.HasPrefix(string(b), "{\n  \"") || !strings.HasSuffix(string(b), "}\n") {
		t.Errorf("got %q…, want an indented document ending in a newline", b[:min(len(b), 20)])
	}
}
