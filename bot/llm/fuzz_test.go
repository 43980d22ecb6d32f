package llm

import (
	"strings"
	"testing"
)

// FuzzParseAnswer puts arbitrary model output to the answer parser: it never
// panics, ignores surrounding spaces, and accepts only what spells its
// verdict: a yes needs true, yes or oui in the answer, a no needs false or
// no, and markup is never an answer.
func FuzzParseAnswer(f *testing.F) {
	for _, s := range []string{
		`{"question": true}`, `{"question":false}`, "yes", "Non.", "oui", "<b>true</b>",
		"```json\n{\"question\": true}\n```", `{"question": true, "x": 1}`, `{"question":true}{}`, "\xff",
		`{"\u0071uestion": true}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseAnswer(s)
		if err != nil {
			if v {
				t.Fatalf("parseAnswer(%q) = true with error %v", s, err)
			}
			return
		}
		lower := strings.ToLower(s)
		if v && !strings.Contains(lower, "true") && !strings.Contains(lower, "yes") && !strings.Contains(lower, "oui") {
			t.Fatalf("parseAnswer(%q) = true", s)
		}
		if !v && !strings.Contains(lower, "false") && !strings.Contains(lower, "no") {
			t.Fatalf("parseAnswer(%q) = false", s)
		}
		if strings.ContainsAny(s, "<>*`_~") {
			t.Fatalf("parseAnswer(%q) accepted markup", s)
		}
		if v2, err2 := parseAnswer(" \n" + s + "\t"); v2 != v || err2 != nil {
			t.Fatalf("parseAnswer(%q) = %v, but %v, %v with spaces around", s, v, v2, err2)
		}
	})
}
