package blockkit

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// chart is a valid data_visualization block as the report builds it.
func chart(id, title string) string {
	return `{"type":"data_visualization","block_id":"` + id + `","title":"` + title + `","chart":{"type":"line",` +
		`"series":[{"name":"Active","data":[{"label":"W1","value":3},{"label":"W2","value":4.50}]}],` +
		`"axis_config":{"categories":["W1","W2"],"x_label":"Week","y_label":"Members"}}}`
}

// A message takes two charts: a third is dropped (the report sends it in a
// message of its own); two leave exactly as they came, numbers and all.
func TestFitBlocksCharts(t *testing.T) {
	two := json.RawMessage(`[` + chart("a", "Active members") + `,` + chart("b", "Questions") + `]`)
	out, notes, err := FitBlocks(two, InMessage)
	if err != nil || len(notes) != 0 || string(out) != string(two) {
		t.Fatalf("two charts: got %v, %v, %s; want them untouched", notes, err, out)
	}
	three := json.RawMessage(`[` + chart("a", "A") + `,` + chart("b", "B") + `,` + chart("c", "C") + `]`)
	out, notes, _ = FitBlocks(three, InMessage)
	if got := back(t, out); len(got) != 2 || len(notes) != 1 || got[1]["block_id"] != "b" {
		t.Fatalf("three charts: got %d blocks, notes %v; want the third dropped", len(got), notes)
	}
	if !strings.Contains(string(out), `"value":4.50`) {
		t.Errorf("got %s, want numbers kept as written", out)
	}
	if _, notes, _ := FitBlocks(three, InView); len(notes) != 0 {
		t.Errorf("in a view: got %v, want no per-message chart limit", notes)
	}
	long := json.RawMessage(`[` + chart("a", strings.Repeat("t", 51)) + `]`)
	out, _, _ = FitBlocks(long, InMessage)
	if got := back(t, out); len(got) != 1 || runes(got[0]["title"]) != 50 {
		t.Errorf("got %v, want the title cut to 50", got)
	}
	bad := strings.Replace(chart("a", "A"), `"categories":["W1","W2"]`, `"categories":["W1","W3"]`, 1)
	out, notes, _ = FitBlocks(json.RawMessage(`[{"type":"divider"},`+bad+`]`), InMessage)
	if got := back(t, out); len(got) != 1 || len(notes) != 1 || !strings.Contains(notes[0], "dropped") {
		t.Errorf("got %v, %v; want the chart Slack would refuse dropped", got, notes)
	}
}

// Blocks Praxis does not know, and fields it does not read, pass through:
// untouched when nothing else changes, kept (numbers and markup as
// written) when another block had to be fitted.
func TestFitBlocksKeepsTheUnknown(t *testing.T) {
	unknown := `{"type":"future_block","block_id":"f","payload":{"n":2.50,"big":12345678901234567890,"s":"<a & b>"}}`
	in := json.RawMessage(`[` + unknown + `,{"type":"rich_text","elements":[]}]`)
	if out, notes, err := FitBlocks(in, InMessage); err != nil || len(notes) != 0 || string(out) != string(in) {
		t.Fatalf("got %v, %v, %s; want it untouched", notes, err, out)
	}
	header := `{"type":"header","text":{"type":"plain_text","text":"` + strings.Repeat("h", 200) + `"}}`
	in = json.RawMessage(`[` + unknown + `,` + header + `]`)
	out, notes, err := FitBlocks(in, InMessage)
	if err != nil || len(notes) != 1 {
		t.Fatalf("got %v, %v", notes, err)
	}
	for _, want := range []string{`"n":2.50`, `"big":12345678901234567890`, `"s":"<a & b>"`, `"type":"future_block"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("got %s, want %s kept", out, want)
		}
	}
	if _, _, err := FitBlocks(json.RawMessage(`{"not":"a list"}`), InMessage); err == nil {
		t.Error("got no error for blocks that are not a list")
	}
}

// A view takes 100 blocks; its own fields are fitted too.
func TestFitView(t *testing.T) {
	view := func(n int, extra string) json.RawMessage {
		var b strings.Builder
		b.WriteString(`{"type":"home"` + extra + `,"blocks":[`)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"type":"section","text":{"type":"mrkdwn","text":"s"}}`)
		}
		b.WriteString("]}")
		return json.RawMessage(b.String())
	}
	at := view(100, `,"private_metadata":"`+strings.Repeat("m", 3000)+`","callback_id":"`+strings.Repeat("c", 255)+`"`)
	if out, notes, err := FitView(at); err != nil || len(notes) != 0 || string(out) != string(at) {
		t.Fatalf("at the limits: got %v, %v; want the view untouched", notes, err)
	}
	over := view(101, `,"private_metadata":"`+strings.Repeat("m", 3001)+
		`","title":{"type":"plain_text","text":"`+strings.Repeat("t", 25)+`"}`)
	out, notes, err := FitView(over)
	if err != nil || len(notes) != 3 {
		t.Fatalf("got %v, %v; want blocks, metadata and title fitted", notes, err)
	}
	var got struct {
		Blocks          []obj
		PrivateMetadata *string `json:"private_metadata"`
		Title           struct{ Text string }
	}
	err = json.Unmarshal(out, &got)
	if err != nil || len(got.Blocks) != 100 || got.PrivateMetadata != nil || runes(got.Title.Text) != 24 {
		t.Fatalf("got %d blocks, metadata %v, title %q (%v)", len(got.Blocks), got.PrivateMetadata, got.Title.Text, err)
	}
}

func TestFitText(t *testing.T) {
	if s, cut := FitText(strings.Repeat("a", MaxText)); cut || len(s) != MaxText {
		t.Errorf("at the limit: cut %v", cut)
	}
	if s, cut := FitText(strings.Repeat("a", MaxText+1)); !cut || runes(s) != MaxText || !strings.HasSuffix(s, Marker) {
		t.Errorf("over the limit: cut %v, %d characters", cut, runes(s))
	}
}

// A cut never leaves half a link, mention or entity for Slack to show raw.
func TestTruncateKeepsMarkupWhole(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"see <https://wiki.example.com/page|the wiki page> now", 20, "see " + Marker},
		{"cc <@U0QI1QSP8Y> and more words", 12, "cc " + Marker},
		{"fish &amp; chips", 9, "fish " + Marker},
		{"fish &amp; chips", 12, "fish &amp; " + Marker},
		{"ééééé", 3, "éé" + Marker},
	} {
		if got, _ := Truncate(tc.in, tc.max); got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

// CutBytes keeps to n bytes, the marker included, and never splits a rune.
func TestCutBytes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 5, "short"},
		{"shorter", 6, "sho" + Marker},
		{"ééééé", 8, "éé" + Marker}, // 5 bytes of room: two runes, not half a third
		{"ééééé", 9, "ééé" + Marker},
	} {
		if got := CutBytes(tc.in, tc.n); got != tc.want || len(got) > tc.n || !utf8.ValidString(got) {
			t.Errorf("CutBytes(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// FuzzFitBlocks: whatever the blocks, fitting never panics, its output is
// JSON that needs no further fitting, and never holds more blocks than a
// message takes.
func FuzzFitBlocks(f *testing.F) {
	f.Add([]byte(`[` + chart("a", "A") + `,` + chart("b", "B") + `,` + chart("c", "C") + `]`))
	f.Add([]byte(`[{"type":"section","text":{"type":"mrkdwn","text":"x"},"fields":[{"type":"mrkdwn","text":"y"}],` +
		`"accessory":{"type":"static_select","options":[{"text":{"type":"plain_text","text":"o"},"value":"v"}]}}]`))
	f.Add([]byte(`[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"b"},"value":"v",` +
		`"confirm":{"title":{"type":"plain_text","text":"t"}}}]},{"type":"context","elements":[{"type":"image",` +
		`"image_url":"u","alt_text":"a"}]}]`))
	f.Add([]byte(`[1,"x",null,{"type":"input","element":{"type":"overflow","options":[]}}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, _, err := FitBlocks(in, InMessage)
		if err != nil {
			return
		}
		var list []json.RawMessage
		if json.Unmarshal(out, &list) != nil || len(list) > maxMessageBlocks {
			t.Fatalf("got %s, want a list of at most %d blocks", out, maxMessageBlocks)
		}
		if again, notes, err := FitBlocks(out, InMessage); err != nil || len(notes) != 0 || string(again) != string(out) {
			t.Fatalf("fitting %s again changed it: %v %v", out, notes, err)
		}
	})
}
