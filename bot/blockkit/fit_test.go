package blockkit

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

type obj = map[string]any

func txt(typ, s string) obj { return obj{"type": typ, "text": s} }

func section(s string) obj { return obj{"type": "section", "text": txt("mrkdwn", s)} }

func button(text, id, value string) obj {
	return obj{"type": "button", "text": txt("plain_text", text), "action_id": id, "value": value}
}

func option(text, value string) obj { return obj{"text": txt("plain_text", text), "value": value} }

func options(n int) []any {
	var out []any
	for i := range n {
		out = append(out, option(fmt.Sprint("o", i), fmt.Sprint("v", i)))
	}
	return out
}

// actions is an actions block of elements.
func actions(elements ...any) obj { return obj{"type": "actions", "elements": elements} }

// sections is n sections saying "s".
func sections(n int) []any { return repeat(n, func(int) any { return section("s") }) }

// choice is an element of a type picking among n options (a select, an
// overflow menu, checkboxes).
func choice(typ, id string, n int) obj {
	return obj{"type": typ, "action_id": id, "options": options(n)}
}

func repeat(n int, f func(i int) any) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func raw(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// back decodes fitted blocks for the checks.
func back(t *testing.T, b json.RawMessage) []obj {
	t.Helper()
	var out []obj
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("fitted blocks do not decode: %v\n%s", err, b)
	}
	return out
}

func runes(v any) int { s, _ := v.(string); return utf8.RuneCountInString(s) }

func get(o obj, path ...any) any {
	var cur any = o
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := cur.(obj)
			cur = m[k]
		case int:
			l, _ := cur.([]any)
			if k >= len(l) {
				return nil
			}
			cur = l[k]
		}
	}
	return cur
}

// Each limit, at the limit (the payload leaves as it came, byte for byte)
// and one over (degraded, with a note, and within the limit).
func TestFitBlocksLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) } // multi-byte: limits count characters
	// confirmed is a button asking to confirm, its texts of these lengths.
	confirmed := func(title, text, buttons int) obj {
		b := button("b", "a", "v")
		b["confirm"] = obj{
			"title":   txt("plain_text", long(title)),
			"text":    txt("plain_text", long(text)),
			"confirm": txt("plain_text", long(buttons)),
			"deny":    txt("plain_text", long(buttons)),
		}
		return b
	}
	for _, tc := range []struct {
		name     string
		at, over []any
		check    func(t *testing.T, got []obj)
	}{
		{"blocks per message", sections(50), sections(51),
			func(t *testing.T, got []obj) {
				if len(got) != 50 || get(got[49], "type") != "context" || get(got[49], "elements", 0, "text") != Marker {
					t.Errorf("got %d blocks ending %v, want 50 ending with a marker", len(got), got[len(got)-1])
				}
			}},
		{"dividers go first", nil, append(sections(49), obj{"type": "divider"}, obj{"type": "divider"}),
			func(t *testing.T, got []obj) {
				if len(got) != 50 || get(got[48], "type") != "section" || get(got[49], "type") != "divider" {
					t.Errorf("got %d blocks, want the 49 sections and one divider", len(got))
				}
			}},
		{"section text", []any{section(long(3000))}, []any{section(long(3001))},
			func(t *testing.T, got []obj) {
				s := get(got[0], "text", "text").(string)
				if runes(s) != 3000 || !strings.HasSuffix(s, Marker) {
					t.Errorf("got %d characters, want 3000 ending with the marker", runes(s))
				}
			}},
		{"section fields",
			[]any{obj{"type": "section", "fields": repeat(10, func(int) any { return txt("mrkdwn", long(2000)) })}},
			[]any{obj{"type": "section", "fields": repeat(11, func(int) any { return txt("mrkdwn", long(2001)) })}},
			func(t *testing.T, got []obj) {
				f := get(got[0], "fields").([]any)
				if len(f) != 10 || runes(get(got[0], "fields", 9, "text")) != 2000 {
					t.Errorf("got %d fields, the last of %d characters; want 10 of 2000",
						len(f), runes(get(got[0], "fields", 9, "text")))
				}
			}},
		{"header",
			[]any{obj{"type": "header", "text": txt("plain_text", long(150))}},
			[]any{obj{"type": "header", "text": txt("plain_text", long(151))}},
			func(t *testing.T, got []obj) {
				if n := runes(get(got[0], "text", "text")); n != 150 {
					t.Errorf("got a header of %d characters, want 150", n)
				}
			}},
		{"context elements",
			[]any{obj{"type": "context", "elements": repeat(10, func(int) any { return txt("mrkdwn", "c") })}},
			[]any{obj{"type": "context", "elements": repeat(11, func(int) any { return txt("mrkdwn", "c") })}},
			func(t *testing.T, got []obj) {
				if n := len(get(got[0], "elements").([]any)); n != 10 {
					t.Errorf("got %d context elements, want 10", n)
				}
			}},
		{"actions elements",
			[]any{actions(repeat(25, func(i int) any { return button("b", fmt.Sprint("a", i), "v") })...)},
			[]any{actions(repeat(26, func(i int) any { return button("b", fmt.Sprint("a", i), "v") })...)},
			func(t *testing.T, got []obj) {
				if n := len(get(got[0], "elements").([]any)); n != 25 {
					t.Errorf("got %d elements, want 25", n)
				}
			}},
		{"button text", []any{actions(button(long(75), "a", "v"))}, []any{actions(button(long(76), "a", "v"))},
			func(t *testing.T, got []obj) {
				if n := runes(get(got[0], "elements", 0, "text", "text")); n != 75 {
					t.Errorf("got button text of %d characters, want 75", n)
				}
			}},
		{"button value",
			[]any{section("keep"), actions(button("b", "a", strings.Repeat("v", 2000)))},
			[]any{section("keep"), actions(button("b", "a", strings.Repeat("v", 2001)))},
			func(t *testing.T, got []obj) {
				if len(got) != 1 || get(got[0], "type") != "section" {
					t.Errorf("got %v, want the button (and its empty actions block) dropped, the section kept", got)
				}
			}},
		{"action_id",
			[]any{actions(button("b", strings.Repeat("a", 255), "v"), button("c", "ok", "v"))},
			[]any{actions(button("b", strings.Repeat("a", 256), "v"), button("c", "ok", "v"))},
			func(t *testing.T, got []obj) {
				if l := get(got[0], "elements").([]any); len(l) != 1 || get(got[0], "elements", 0, "action_id") != "ok" {
					t.Errorf("got %v, want only the button with a valid action_id", l)
				}
			}},
		{"block_id",
			[]any{obj{"type": "divider", "block_id": strings.Repeat("b", 255)}},
			[]any{obj{"type": "divider", "block_id": strings.Repeat("b", 256)}},
			func(t *testing.T, got []obj) {
				if _, ok := got[0]["block_id"]; ok {
					t.Error("got the long block_id kept, want it removed (Slack makes one up)")
				}
			}},
		{"duplicate block_id", []any{obj{"type": "divider", "block_id": "a"}, obj{"type": "divider", "block_id": "b"}},
			[]any{obj{"type": "divider", "block_id": "a"}, obj{"type": "divider", "block_id": "a"}},
			func(t *testing.T, got []obj) {
				if got[0]["block_id"] != "a" || got[1]["block_id"] != nil {
					t.Errorf("got %v, want the second block_id removed", got)
				}
			}},
		{"select options",
			[]any{obj{"type": "section", "text": txt("mrkdwn", "s"), "accessory": choice("static_select", "x", 100)}},
			[]any{obj{"type": "section", "text": txt("mrkdwn", "s"), "accessory": choice("static_select", "x", 101)}},
			func(t *testing.T, got []obj) {
				if n := len(get(got[0], "accessory", "options").([]any)); n != 100 {
					t.Errorf("got %d options, want 100", n)
				}
			}},
		{"option text and value",
			[]any{actions(obj{"type": "static_select", "action_id": "x",
				"options": []any{option(long(75), strings.Repeat("v", 150))}})},
			[]any{actions(obj{"type": "static_select", "action_id": "x",
				"options": []any{option(long(76), "ok"), option("t", strings.Repeat("v", 151))}})},
			func(t *testing.T, got []obj) {
				l := get(got[0], "elements", 0, "options").([]any)
				if len(l) != 1 || runes(get(got[0], "elements", 0, "options", 0, "text", "text")) != 75 {
					t.Errorf("got %v, want the first option cut to 75 and the second dropped", l)
				}
			}},
		{"overflow options",
			[]any{actions(choice("overflow", "o", 5))}, []any{actions(choice("overflow", "o", 6))},
			func(t *testing.T, got []obj) {
				if n := len(get(got[0], "elements", 0, "options").([]any)); n != 5 {
					t.Errorf("got %d overflow options, want 5", n)
				}
			}},
		{"checkboxes",
			[]any{actions(choice("checkboxes", "c", 10))}, []any{actions(choice("checkboxes", "c", 11))},
			func(t *testing.T, got []obj) {
				if n := len(get(got[0], "elements", 0, "options").([]any)); n != 10 {
					t.Errorf("got %d checkboxes, want 10", n)
				}
			}},
		{"confirm dialog", []any{actions(confirmed(100, 300, 30))}, []any{actions(confirmed(101, 301, 31))},
			func(t *testing.T, got []obj) {
				c := get(got[0], "elements", 0, "confirm").(obj)
				if runes(get(c, "title", "text")) != 100 || runes(get(c, "text", "text")) != 300 ||
					runes(get(c, "deny", "text")) != 30 {
					t.Errorf("got confirm %v, want each text cut to its limit", c)
				}
			}},
		{"image alt_text", []any{obj{"type": "image", "image_url": "https://x/y.png", "alt_text": long(2000)}},
			[]any{obj{"type": "image", "image_url": "https://x/y.png", "alt_text": long(2001)}},
			func(t *testing.T, got []obj) {
				if n := runes(got[0]["alt_text"]); n != 2000 {
					t.Errorf("got alt_text of %d characters, want 2000", n)
				}
			}},
		{"image_url",
			[]any{section("s"), obj{"type": "image", "image_url": "https://x/" + strings.Repeat("y", 2990), "alt_text": "a"}},
			[]any{section("s"), obj{"type": "image", "image_url": "https://x/" + strings.Repeat("y", 2991), "alt_text": "a"}},
			func(t *testing.T, got []obj) {
				if len(got) != 1 {
					t.Errorf("got %d blocks, want the image with a too long URL dropped", len(got))
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.at != nil {
				in := raw(t, tc.at)
				out, notes, err := FitBlocks(in, InMessage)
				if err != nil || len(notes) != 0 || string(out) != string(in) {
					t.Fatalf("at the limit: got notes %v, err %v, changed %v; want it untouched",
						notes, err, string(out) != string(in))
				}
			}
			out, notes, err := FitBlocks(raw(t, tc.over), InMessage)
			if err != nil || len(notes) == 0 {
				t.Fatalf("over the limit: got notes %v, err %v; want a degradation noted", notes, err)
			}
			tc.check(t, back(t, out))
			if again, more, _ := FitBlocks(out, InMessage); len(more) != 0 || string(again) != string(out) {
				t.Errorf("fitted again: %v, want nothing left to fit", more)
			}
		})
	}
}
