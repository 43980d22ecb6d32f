package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// names is a workspace of two people and two channels.
var names = Names{
	Member: func(id string) string {
		return map[string]string{"U0QI1QSP8Y": "Alice Martin", "U2": "Bob & <Co>"}[id]
	},
	Channel: func(id string) string { return map[string]string{"C04F1XTX04": "platform-guild"}[id] },
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct {
		name, in            string
		mrkdwn, label, text string
	}{
		{"entities are decoded once",
			"run it on &lt;prod&gt; &amp; staging, not &amp;lt;dev&amp;gt;",
			"run it on &lt;prod&gt; &amp; staging, not &amp;lt;dev&amp;gt;",
			"run it on &lt;prod&gt; &amp; staging, not &amp;lt;dev&amp;gt;",
			"run it on <prod> & staging, not &lt;dev&gt;"},
		{"a stray ampersand is text", "Q&A & R&amp;D",
			"Q&amp;A &amp; R&amp;D", "Q&amp;A &amp; R&amp;D", "Q&A & R&D"},
		{"a labelled link stays a link", "see <https://wiki.example.com/x|the wiki page> first",
			"see <https://wiki.example.com/x|the wiki page> first", "see the wiki page first", "see the wiki page first"},
		{"a bare link stays a link", "see <https://wiki.example.com/x?a=1&amp;b=2>",
			"see <https://wiki.example.com/x?a=1&amp;b=2>", "see https://wiki.example.com/x?a=1&amp;b=2",
			"see https://wiki.example.com/x?a=1&b=2"},
		{"a label's entities are decoded once", "<https://x.example/|R&amp;D &lt;team&gt;>",
			"<https://x.example/|R&amp;D &lt;team&gt;>", "R&amp;D &lt;team&gt;", "R&D <team>"},
		{"markup nested in a label is flattened", "<https://acme.slack.com/archives/C04F1XTX04/p17|<#C04F1XTX04>>",
			"<https://acme.slack.com/archives/C04F1XTX04/p17|#platform-guild>", "#platform-guild", "#platform-guild"},
		{"people by name", "cc <@U0QI1QSP8Y> and <@U9|carol>, <@U7>",
			"cc @Alice Martin and @carol, @U7", "cc @Alice Martin and @carol, @U7", "cc @Alice Martin and @carol, @U7"},
		{"a name is text", "thanks <@U2>",
			"thanks @Bob &amp; &lt;Co&gt;", "thanks @Bob &amp; &lt;Co&gt;", "thanks @Bob & <Co>"},
		{"channels by name", "in <#C04F1XTX04> and <#C1|ops-team>, <#C9>, <#C8|>",
			"in #platform-guild and #ops-team, #C9, #C8", "in #platform-guild and #ops-team, #C9, #C8",
			"in #platform-guild and #ops-team, #C9, #C8"},
		{"broadcasts notify nobody", "<!here> <!channel> <!everyone|everyone> <!subteam^S1|@sre> <!subteam^S2>",
			"@here @channel @everyone @sre @S2", "@here @channel @everyone @sre @S2", "@here @channel @everyone @sre @S2"},
		{"a date shows its fallback", "due <!date^1392734382^{date_num}|Feb 18, 2014>",
			"due Feb 18, 2014", "due Feb 18, 2014", "due Feb 18, 2014"},
		{"other schemes are not links", "<javascript:alert(1)|click> <slack://open|app>",
			"click app", "click app", "click app"},
		{"a label's pipe", "<https://x.example/|a|b>", "<https://x.example/|a¦b>", "a¦b", "a|b"},
		{"an unmatched bracket is text", "a <b and c> d <https://x.example/",
			"a b and c d &lt;https://x.example/", "a b and c d &lt;https://x.example/", "a b and c d <https://x.example/"},
		{"markup rebuilt from pieces stays text", "<!chan<x>nel> <!chan&lt;x&gt;nel>",
			"chanxnel chan&lt;x&gt;nel", "chanxnel chan&lt;x&gt;nel", "chanxnel chan<x>nel"},
		{"one line, no controls or bidi", "  two\nlines\t\x00and\u202emore\u2066 \r\n",
			"two lines andmore", "two lines andmore", "two lines andmore"},
		{"invalid UTF-8", "caf\xe9", "caf\uFFFD", "caf\uFFFD", "caf\uFFFD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []struct {
				form Form
				want string
			}{{Mrkdwn, tc.mrkdwn}, {Label, tc.label}, {Plain, tc.text}} {
				if got := Quote(tc.in, f.form, 0, names); got != f.want {
					t.Errorf("Quote(%q, %d): got %q, want %q", tc.in, f.form, got, f.want)
				}
			}
		})
	}
}

func TestQuoteCut(t *testing.T) {
	const wiki = "<https://wiki.example.com/x|the wiki page>"
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"short enough", 12, "short enough"},
		{"cut at a word boundary", 14, "cut at a word…"},
		{"Unbreakablewordthatgoeson", 10, "Unbreakab…"},
		{"&lt;prod&gt; &amp;&amp;&amp; more", 7, "&lt;prod&gt;…"}, // counted decoded, never inside an entity
		{"é" + strings.Repeat("€", 20), 5, "é€€€…"},
		{"read " + wiki + " now", 22, "read <https://wiki.example.com/x|the wiki page> now"},
		{"read " + wiki + " now", 20, "read <https://wiki.example.com/x|the wiki page>…"},
		{"read " + wiki + " now", 15, "read…"}, // the link does not fit: left out
		{"readme" + wiki + " now", 10, "readme…"},
		{wiki + " then more", 10, "<https://wiki.example.com/x|the wiki…>"}, // first: its label is cut
		{"<https://wiki.example.com/x> then", 12, "<https://wiki.example.com/x|https://wik…>"},
		{"ping <@U0QI1QSP8Y> now please", 20, "ping @Alice Martin…"},
	} {
		if got := Quote(tc.in, Mrkdwn, tc.max, names); got != tc.want {
			t.Errorf("Quote(%q, %d): got %q, want %q", tc.in, tc.max, got, tc.want)
		}
		if n := utf8.RuneCountInString(Quote(tc.in, Plain, tc.max, names)); n > tc.max {
			t.Errorf("Quote(%q, Plain, %d) is %d characters", tc.in, tc.max, n)
		}
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"a < b & c > d", 0, "a < b & c > d"},
		{"a &lt; b\nc", 0, "a &lt; b c"},
		{"how do we rotate TLS certificates?", 20, "how do we rotate…"},
	} {
		if got := Cut(tc.in, tc.max); got != tc.want {
			t.Errorf("Cut(%q, %d): got %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

// Hostile messages of Slack's maximum size are quoted in one pass: deep
// nesting, brackets never closed, thousands of mentions.
func TestQuoteHostile(t *testing.T) {
	for name, s := range hostile() {
		for _, f := range []Form{Mrkdwn, Label, Plain} {
			out := Quote(s, f, 0, names)
			checkQuote(t, s, f, out)
			if cut := Quote(s, f, 160, names); utf8.RuneCountInString(Quote(s, Plain, 160, names)) > 160 {
				t.Errorf("%s: cut quote too long: %q", name, cut)
			}
		}
	}
}

// hostile returns 40,000-character messages built to cost.
func hostile() map[string]string {
	const n = 40000
	return map[string]string{
		"nested":     strings.Repeat("<", n/2) + strings.Repeat(">", n/2),
		"unclosed":   strings.Repeat("<a", n/2),
		"half open":  strings.Repeat("<<y>", n/4),
		"mentions":   strings.Repeat("<@U0QI1QSP8Y> ", n/14),
		"entities":   strings.Repeat("&amp;lt;", n/8),
		"links":      strings.Repeat("<https://x.example/a|<#C04F1XTX04> &amp;>", n/40),
		"long label": "<https://x.example/|" + strings.Repeat("label ", n/6) + ">",
	}
}
