package store

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCapText(t *testing.T) {
	long := strings.Repeat("a", MaxTextChars-5)
	tests := []struct {
		name, text, wantTail string
		capped               bool
	}{
		{"short", "hello", "hello", false},
		{"exactly the limit in ASCII", strings.Repeat("a", MaxTextChars), "aaaa", false},
		{"exactly the limit in 3-byte characters", strings.Repeat("€", MaxTextChars), "€€€€", false},
		{"one character over", strings.Repeat("a", MaxTextChars+1), "aaa…", true},
		{"multi-byte characters are not split", strings.Repeat("é", MaxTextChars+10), "éé…", true},
		{"a mention is not cut through", long + "zz <@U0123ABCD> tail", "zz …", true},
		{"a link is not cut through", long + "<https://wiki.example.com/a/very/long/page|the wiki page> tail",
			"aaaa…", true},
		{"an entity is not cut through", long + "z&amp;lt;prod&amp;gt; tail", "z…", true},
		{"a whole entity is kept", strings.Repeat("a", MaxTextChars-5) + "&lt; tail", "a&lt;…", true},
		{"invalid UTF-8 is cut between bytes", strings.Repeat("\xff", MaxTextChars+3), "\xff\xff…", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, capped := CapText(tt.text)
			if capped != tt.capped || !strings.HasSuffix(got, tt.wantTail) {
				t.Fatalf("got …%q, %v; want …%q, %v", got[max(0, len(got)-20):], capped, tt.wantTail, tt.capped)
			}
			if n := utf8.RuneCountInString(got); n > MaxTextChars {
				t.Fatalf("got %d characters, want at most %d", n, MaxTextChars)
			}
			if !capped && got != tt.text {
				t.Fatal("got a text changed though not capped")
			}
		})
	}
}

func FuzzCapText(f *testing.F) {
	f.Add("hello <@U01> &amp; <https://x|y>", 3)
	f.Add("é€😀", 1)
	f.Fuzz(func(t *testing.T, unit string, repeat int) {
		if unit == "" || repeat <= 0 {
			return
		}
		text := strings.Repeat(unit, min(1+MaxTextChars/len(unit)+repeat%64, 1<<20/len(unit)))
		got, capped := CapText(text)
		if n := utf8.RuneCountInString(got); n > MaxTextChars {
			t.Fatalf("got %d characters", n)
		}
		if capped != (utf8.RuneCountInString(text) > MaxTextChars) {
			t.Fatalf("got capped %v for %d characters", capped, utf8.RuneCountInString(text))
		}
		if capped && !strings.HasPrefix(text, strings.TrimSuffix(got, capMarker)) {
			t.Fatal("got a capped text that is not a prefix of the text")
		}
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Fatal("got a character cut in half")
		}
	})
}

// A database written before the cap may hold longer texts: the readers of
// whole channels get them capped.
func TestScanChannelCapsOldTexts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	giant := strings.Repeat("ab ", 300000)
	if _, err := s.w.ExecContext(ctx, `INSERT INTO messages
		(channel_id, ts, thread_ts, user_id, text, subtype, is_bot, edited_ts, deleted, posted_at, erased)
		VALUES ('C1', '1.000001', '', 'U1', ?, '', 0, '', 0, 1000, 0)`, giant); err != nil {
		t.Fatal(err)
	}
	var got []ChannelMessage
	if err := s.ScanChannel(ctx, "C1", func(m ChannelMessage) error { got = append(got, m); return nil }); err != nil {
		t.Fatal(err)
	}
	thread, err := s.Thread(ctx, "C1", "1.000001")
	if err != nil {
		t.Fatal(err)
	}
	for _, ms := range [][]ChannelMessage{got, thread} {
		if len(ms) != 1 || utf8.RuneCountInString(ms[0].Text) != MaxTextChars || !strings.HasPrefix(giant, ms[0].Text) {
			t.Fatalf("got %d messages (%d bytes of text), want one capped at %d characters",
				len(ms), len(ms[0].Text), MaxTextChars)
		}
	}
}
