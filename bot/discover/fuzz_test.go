package discover

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzDiscover reads hostile messages, names and purposes through a
// Reader into Find, Print and WriteConfig: no panic, and the configuration
// written is YAML whose communities hold the channels and people given,
// whatever the text (a name or purpose cannot end a comment or a string
// and write keys of its own).
func FuzzDiscover(f *testing.F) {
	for _, s := range []string{"How do we restore backups?", "x\n  - name: evil\n#", "\"]}: &a *a", "\x00\u202e?",
		"Quelqu'un connaît la doc ? <@U1> <https://x|y>", strings.Repeat("?", 500), "型クラスの質問ですか？"} {
		f.Add(s, "U1", "general")
	}
	f.Fuzz(func(t *testing.T, text, user, name string) {
		var hs []*History
		for c, ch := range []string{"C1", "C2"} {
			r := NewReader(Channel{ID: ch, Name: name, Purpose: text})
			for i := range 12 {
				r.Add(msg(user, c+i*10, -1, text))
				r.Add(msg("U2", c+i*10+1, c+i*10, text+" answer"))
				r.Add(msg("U3", c+i*10+2, c+i*10, text))
			}
			hs = append(hs, r.Done())
		}
		res := Find(hs, map[string]string{user: text, "U2": name})
		var out strings.Builder
		if err := Print(&out, res, Format{Lang: "fr", Markdown: true, Source: name}); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		if err := WriteConfig(&out, res, "en"); err != nil {
			t.Fatal(err)
		}
		var cfg struct {
			Communities []struct {
				Channels     []string `yaml:"channels"`
				Facilitators []string `yaml:"facilitators"`
			} `yaml:"communities"`
		}
		if err := yaml.Unmarshal([]byte(out.String()), &cfg); err != nil {
			t.Fatalf("not YAML: %v\n%s", err, out.String())
		}
		channels := 0
		for _, c := range cfg.Communities {
			channels += len(c.Channels)
			for _, p := range c.Facilitators {
				if p != user && p != "U2" && p != "U3" {
					t.Fatalf("facilitator %q was never given\n%s", p, out.String())
				}
			}
		}
		if want := len(res.Communities); len(cfg.Communities) != want || channels != 2 && want > 0 {
			t.Fatalf("got %d communities and %d channels, want %d and 2\n%s", len(cfg.Communities), channels,
				want, out.String())
		}
	})
}
