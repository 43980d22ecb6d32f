package bot

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzQuote quotes arbitrary stored text: whatever it holds, a quote has no
// live mention, broadcast or channel link, no '&' that is not one of
// Slack's three entities, no '<' that does not open a whole link, stays on
// one line in valid UTF-8, fits its length, and says the same in its three
// forms.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{
		"run it on &lt;prod&gt; &amp; staging",
		"see <https://wiki.example.com/x|the wiki page>, cc <@U0QI1QSP8Y> in <#C04F1XTX04|platform-guild>",
		"<https://acme.slack.com/archives/C04F1XTX04/p17|<#C04F1XTX04>>",
		"<!here> <!subteam^S1|@sre> <!date^1392734382^{date}|Feb 18>",
		"<!chan<x>nel> <<@U1>> <https://x|<https://y|z>>",
		"<mailto:a@b.example|write> <https://x.example/a&amp;b>",
		"a\u202eb\u2066c\x00d\xff",
		"<https://x.example/|a|b> &amp;amp; &",
		"a<http://x| >b a<http://x| b>c <http://x|<>> d <http://x| <@U1>>",
	} {
		f.Add(s, 0)
		f.Add(s, 12)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 300
		for _, form := range []Form{Mrkdwn, Label, Plain} {
			out := Quote(s, form, max, names)
			checkQuote(t, s, form, out)
			if max > 0 && utf8.RuneCountInString(Quote(s, Plain, max, names)) > max {
				t.Fatalf("Quote(%q, Plain, %d) is longer", s, max)
			}
		}
		if max > 0 {
			return
		}
		plain, label := Quote(s, Plain, 0, names), Quote(s, Label, 0, names)
		if want := strings.ReplaceAll(Escape(plain), "|", "¦"); label != want {
			t.Fatalf("Quote(%q): Label %q is not Plain %q escaped", s, label, plain)
		}
		labels := linkMarkup.ReplaceAllString(Quote(s, Mrkdwn, 0, names), "$1")
		if flat := strings.ReplaceAll(labels, "|", "¦"); flat != label {
			t.Fatalf("Quote(%q): Mrkdwn says %q, Label %q", s, flat, label)
		}
	})
}

// linkMarkup is a link as Quote writes it: <url> or <url|label>.
var linkMarkup = regexp.MustCompile(`<(?:[^|>]*\|)?([^>]*)>`)

// checkQuote checks what every quote of s in form must be.
func checkQuote(t *testing.T, s string, form Form, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Quote(%q, %d) = %q: invalid UTF-8", s, form, out)
	}
	for _, r := range out {
		if r == '\n' || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			t.Fatalf("Quote(%q, %d) = %q: holds %U", s, form, out, r)
		}
	}
	if form == Plain {
		return
	}
	for _, live := range []string{"<@", "<!", "<#"} {
		if strings.Contains(out, live) {
			t.Fatalf("Quote(%q, %d) = %q: live %s", s, form, out, live)
		}
	}
	for i := strings.IndexByte(out, '&'); i >= 0; i = nextByte(out, '&', i) {
		rest := out[i:]
		if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
			t.Fatalf("Quote(%q, %d) = %q: bare & at %d", s, form, out, i)
		}
	}
	if form == Label {
		if strings.ContainsAny(out, "<>|") {
			t.Fatalf("Quote(%q, Label) = %q: markup in a label", s, out)
		}
		return
	}
	rest := out
	for {
		i := strings.IndexAny(rest, "<>")
		if i < 0 {
			break
		}
		j := strings.IndexAny(rest[i+1:], "<>")
		if rest[i] != '<' || j < 0 || rest[i+1+j] != '>' {
			t.Fatalf("Quote(%q, Mrkdwn) = %q: unbalanced <…>", s, out)
		}
		link := rest[i+1 : i+1+j]
		l := strings.ToLower(link)
		if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "mailto:") {
			t.Fatalf("Quote(%q, Mrkdwn) = %q: <%s> is not a link", s, out, link)
		}
		rest = rest[i+1+j+1:]
	}
}

func nextByte(s string, c byte, i int) int {
	if j := strings.IndexByte(s[i+1:], c); j >= 0 {
		return i + 1 + j
	}
	return -1
}
