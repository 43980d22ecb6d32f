package question

import (
	"strings"
	"testing"
)

// bigMessage is about 40 kB of the table's messages, code, links, quotes and
// emoji run together, as a long incident write-up or a pasted log would be.
func bigMessage() string {
	var b strings.Builder
	for i := 0; b.Len() < 40<<10; i++ {
		c := englishMessages[i%len(englishMessages)]
		if i%2 == 1 {
			c = frenchMessages[i%len(frenchMessages)]
		}
		b.WriteString(c.text)
		b.WriteString("\n")
		if i%7 == 0 {
			b.WriteString("```\n2025-06-02T10:00:00Z ERROR request failed: GET /v1/users?id=42 -> 502\n```\n")
		}
	}
	return b.String()
}

// adversarial inputs stress each pass: unclosed entities, emoji-like colons,
// quotes, backticks, hyphens and apostrophes, question marks.
var adversarial = map[string]string{
	"lt":         strings.Repeat("<@U1 ", 8<<10),
	"colons":     strings.Repeat(":a", 20<<10),
	"quotes":     strings.Repeat("\"ab", 14<<10),
	"backticks":  strings.Repeat("`a", 20<<10),
	"hyphens":    strings.Repeat("a-", 20<<10),
	"apostrophe": strings.Repeat("qu'", 14<<10),
	"questions":  strings.Repeat("how do I? ", 4<<10),
	"one word":   strings.Repeat("a", 40<<10),
	"titles":     strings.Repeat("Great read: is X dead? <https://x.com/p>\n", 1<<10),
	"social":     strings.Repeat("how are you? ", 3<<10),
}

func BenchmarkDetect(b *testing.B) {
	cases := map[string]string{
		"40kB prose": bigMessage(),
		"short":      "Hi all, quick question: what's the recommended way to store secrets in CI",
	}
	for name, s := range adversarial {
		cases["40kB "+name] = s
	}
	for name, s := range cases {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Detect(s)
			}
		})
	}
}

func BenchmarkIsThanks(b *testing.B) {
	for b.Loop() {
		IsThanks("Top merci <@U024BE7LH>, ça marche ! :pray:")
	}
}
