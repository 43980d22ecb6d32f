package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// Hostile shapes for the export reader: deep nesting, huge strings, files
// that are not arrays, wrong types, broken syntax.
var hostileSeeds = []string{
	`[]`, ` [ ] `, `[{}]`, `[1,"two",null,true,[3],{"a":{"b":[]}}]`,
	`{"not":"an array"}`, `"string"`, `null`, ``, `[`, `]`, `[,]`, `[1,]`, `[1 2]`, `[{]`, `[}]`, `[[[`,
	`[` + strings.Repeat(`[`, 20000) + strings.Repeat(`]`, 20000) + `]`,
	`[{"a":` + strings.Repeat(`{"a":`, 5000) + `1` + strings.Repeat(`}`, 5001) + `]`,
	`[{"text":"` + strings.Repeat("é\\u00e9\\ud83d\\ude00\\n", 400) + `","ts":"1.000001"}]`,
	`[{"text":"unterminated]`, `[{"text":"\u"}]`, `[{"text":"\ud83d"}]`, `["\\"]`, `["\"]`,
	`[{"ts":1704240000.0001,"user":["U1"],"text":{"a":1},"reactions":"many","files":{}}]`,
	`[{"ts":"1.000001","reactions":[{"name":"x","users":[` + strings.Repeat(`"U",`, 3000) + `"U"]}]}]`,
	"[{\"text\":\"bad \xff\xfe bytes\",\"ts\":\"1.000001\"}]",
	`[{"ts":"1.000001","pinned_to":[` + strings.Repeat(`"C01",`, 600) + `"C01"]}]`,
}

// FuzzArrayReader checks the reader against encoding/json: a valid array
// is read whole, element by element, each element the same JSON once its
// long strings are cut; nothing is ever held past the limits; and any
// input, however broken, ends in an error rather than a panic or a hang.
func FuzzArrayReader(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add([]byte(s), uint16(64), uint16(24))
	}
	f.Fuzz(func(t *testing.T, data []byte, maxElement, maxLiteral uint16) {
		element, literal := 16+int(maxElement), 6+int(maxLiteral)
		ar := newArrayReader(bytes.NewReader(data), element, literal)
		var got []json.RawMessage
		var readErr error
		for range len(data) + 2 { // every element takes a byte at least
			b, err := ar.next()
			if err == io.EOF {
				break
			}
			if errors.Is(err, errTooLarge) {
				got = append(got, nil)
				continue
			}
			if err != nil {
				readErr = err
				break
			}
			if len(b) > element {
				t.Fatalf("got an element of %d bytes, limit %d", len(b), element)
			}
			got = append(got, bytes.Clone(b))
		}
		var want []json.RawMessage
		if json.Unmarshal(data, &want) != nil || want == nil {
			return // not a JSON array (null decodes as none): any error will do
		}
		if readErr != nil || len(got) != len(want) {
			t.Fatalf("got %d elements, %v; want %d", len(got), readErr, len(want))
		}
		for i, w := range want {
			if got[i] == nil {
				spaces := 0
				for _, c := range []string{" ", "\t", "\n", "\r"} {
					spaces += bytes.Count(data, []byte(c))
				}
				if len(w)+spaces <= element {
					t.Fatalf("element %d of %d bytes skipped as too large", i, len(w))
				}
				continue
			}
			var g, wv any
			json.Unmarshal(w, &wv)
			if err := json.Unmarshal(got[i], &g); err != nil {
				t.Fatalf("element %d cut into invalid JSON %q: %v", i, got[i], err)
			}
			if ar.cuts == 0 && !reflect.DeepEqual(g, wv) {
				t.Fatalf("element %d: got %v, want %v", i, g, wv)
			}
		}
	})
}

// FuzzLiteralCut checks that a string literal cut to any length, however
// it is escaped, decodes to a prefix of the string: never half a
// character, an escape or a surrogate pair.
func FuzzLiteralCut(f *testing.F) {
	f.Add("hello", uint16(3), false)
	f.Add("é€😀<&>\n\"\\", uint16(7), true)
	f.Add("😀😀😀", uint16(13), true)
	f.Add(`x\ud800y`, uint16(8), false) // an escaped backslash, then what looks like a surrogate
	f.Fuzz(func(t *testing.T, s string, limit uint16, escapeAll bool) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		lit, _ := json.Marshal(s)
		if escapeAll {
			lit = escapeEverything(s)
		}
		ar := newArrayReader(bytes.NewReader(append(append([]byte("["), lit...), ']')), 1<<20, int(limit))
		b, err := ar.next()
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("cut %q into invalid JSON: %v", b, err)
		}
		if !strings.HasPrefix(s, got) || !utf8.ValidString(got) {
			t.Fatalf("got %q, not a prefix of %q", got, s)
		}
		if len(lit)-2 <= int(limit) && got != s {
			t.Fatalf("got %q cut, want %q whole", got, s)
		}
	})
}

// escapeEverything spells every character as \uXXXX (two for one outside
// the BMP), the longest way JSON allows.
func escapeEverything(s string) []byte {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		} else {
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
	return []byte(b.String())
}

// FuzzDayFile reads hostile day files as the import does, with small
// limits: no panic, and no part past its bounds.
func FuzzDayFile(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := defaultLimits
		lim.element, lim.literal, lim.partMessages, lim.reactionUsers, lim.dayMessages = 4096, 1024, 3, 5, 50
		e := &Export{files: map[string]entry{"c/2024-01-01.json": {open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(data)), nil
		}}}, lim: lim}
		parts := 0
		readDay(e, "c/2024-01-01.json", "C01", nil, func(p part) bool {
			parts++
			if p.err == nil && len(p.events) > lim.partMessages*(2+lim.reactionUsers) {
				t.Fatalf("got a part of %d events", len(p.events))
			}
			for _, ev := range p.events {
				if ev.TS == "" {
					t.Fatalf("got an event without ts: %+v", ev)
				}
			}
			return true
		})
		if parts == 0 {
			t.Fatal("got no part, want at least the last")
		}
	})
}
