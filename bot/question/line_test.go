package question

import "testing"

// The line shown for a question is the one that asks, not its greeting:
// messages from real histories (elmlang's #general, a French one).
func TestLineIsTheOneThatAsks(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Hi\nI have been on and off with elm for different versions.\n\nI now require to write an App for " +
			"my startup :slightly_smiling_face:\nCan someone tell me if there are any new breaking changes ?",
			"Can someone tell me if there are any new breaking changes ?"},
		{"Bonjour à tous 👋\nquelqu'un sait comment détecter les doublons dans la table clients ?",
			"quelqu'un sait comment détecter les doublons dans la table clients ?"},
		{"Hello all!\nI use this, it works but it is probably not the most efficient way.\n" +
			"```\nfilters : List (a -> Bool) -> List a -> List a\nwhy does this compile?\n```",
			"I use this, it works but it is probably not the most efficient way."},
		{"Hi", "Hi"},
		{"```\nmake: *** [all] Error 2\n```", "```"},
		{"\n\n  \nWhat should setup.py do?", "What should setup.py do?"},
		{"", ""},
	} {
		if got := Line(tc.text); got != tc.want {
			t.Errorf("Line(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
