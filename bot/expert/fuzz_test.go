package expert

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRank puts arbitrary text to the engine: it never panics, suggests
// nobody twice, never the asker, and every reason is valid UTF-8. (The
// plain-words reader has its own: slackedge FuzzAskPattern.)
func FuzzRank(f *testing.F) {
	w := newWorld(f)
	w.QA("C1", "alice", "How do I release a stuck terraform state lock?", true, "bob", "terraform force-unlock")
	w.QA("C2", "carol", "Comment déployer sans coupure ?", false, "dave", "déploiement canari")
	e := engine(w)
	for _, s := range []string{
		"terraform", "", "???", "\xff\xfe", "who knows about \"NEAR(a b)\" OR *",
		strings.Repeat("déploiement ", 4000), "<@UBOB> <#C1|x> :emoji:",
	} {
		f.Add(s, "C1")
	}
	f.Fuzz(func(t *testing.T, text, channel string) {
		res, err := e.Rank(context.Background(), Query{
			Text:      text,
			Channel:   channel,
			Asker:     "UALICE",
			Limit:     5,
			Available: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, c := range res.Experts {
			if c.User == "UALICE" || seen[c.User] || c.Score < 0 || c.Score > 1 {
				t.Fatalf("bad candidate %+v in %+v", c, res.Experts)
			}
			seen[c.User] = true
			for _, r := range c.Reasons("fr", res.Community, w.Now) {
				if !utf8.ValidString(r) {
					t.Fatalf("invalid UTF-8 reason %q", r)
				}
			}
		}
	})
}
