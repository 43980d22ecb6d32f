package question

import (
	"slices"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	for _, table := range []struct {
		lang  string
		cases []detectCase
	}{{"en", englishMessages}, {"fr", frenchMessages}} {
		questions := 0
		for _, c := range table.cases {
			if c.ok {
				questions++
			}
		}
		if len(table.cases) < 40 || questions < 20 || len(table.cases)-questions < 20 {
			t.Errorf("%s: %d messages, %d questions: want at least 40, 20 of each kind", table.lang, len(table.cases), questions)
		}
		for _, c := range table.cases {
			t.Run(table.lang+"/"+c.text, func(t *testing.T) {
				ok, why := Detect(c.text)
				if ok != c.ok || why != c.why {
					t.Errorf("got %v %q, want %v %q", ok, why, c.ok, c.why)
				}
			})
		}
	}
}

// TestDetectNormalization: case, accents, apostrophes, French spacing and
// broken bytes do not change the verdict.
func TestDetectNormalization(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
		why  string
	}{
		{"Comment faire ?", true, "question_mark"},
		{"Comment faire\u00a0?", true, "question_mark"},
		{"Comment faire\u202f?", true, "question_mark"},
		{"Comment faire？", true, "question_mark"},
		{"COMMENT FAIRE POUR RELANCER LE JOB", true, "interrogative"},
		{"OÙ EST LA DOC DU SSO", true, "interrogative"},
		{"Ou est la doc du SSO", true, "interrogative"},
		{"Quelqu’un sait pourquoi la CI est rouge", true, "interrogative"},
		{"Quelqu'un sait pourquoi la CI est rouge", true, "interrogative"},
		{"Quelqu\u02bcun sait pourquoi la CI est rouge", true, "interrogative"},
		{"quelqu’un a déjà migré vers Postgres 17", true, "interrogative"},
		{"QUELQU'UN A DEJA MIGRE VERS POSTGRES 17", true, "interrogative"},
		{"Est ce que la démo est enregistrée", true, "interrogative"},
		{"Que\u0301l outil utilisez-vous pour les secrets", true, "interrogative"}, // decomposed é
		{"Ça va ?", false, "social"},
		{"ÇA VA ?", false, "social"},
		{"ca va?", false, "social"},
		{"How do I fix this\xff\xfe?", true, "question_mark"},
		{"\xff\xfe\xfd", false, "no_text"},
		{"?!", false, "too_short"},
		{"   \n\t ", false, "empty"},
		{"*How* do I _enable_ ~audit~ logs?", true, "question_mark"},
		{"Is this right: `if x?.y` ?", true, "question_mark"},
		{"See the FAQ at www.example.com/faq?id=3 for details", false, "statement"},
		{"Anyone? <https://example.com/a?b=c|link>", false, "too_short"},
		{"&gt;&gt;&gt; How do I reset my password?\nThat was the question of the week.", false, "no_text"},
		{"&gt; How do I reset my password?\nThat was the question of the week.", false, "statement"},
		{"```unterminated code block with a question?", false, "no_text"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ok, why := Detect(tt.text)
			if ok != tt.ok || why != tt.why {
				t.Errorf("got %v %q, want %v %q", ok, why, tt.ok, tt.why)
			}
		})
	}
}

func TestIsThanks(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Thanks!", true},
		{"thank you so much, that worked", true},
		{"thx <@U024BE7LH>", true},
		{"ty", true},
		{"Cheers mate", true},
		{"Much appreciated :pray:", true},
		{"That worked, solved!", true},
		{"got it working, thanks a lot", true},
		{"Thank you <@U1>, that did the trick :tada:", true},
		{":pray:", true},
		{"🙏", true},
		{"🙏🏽", true},
		{":raised_hands::skin-tone-3:", true},
		{"Merci !", true},
		{"merci beaucoup <@U1>", true},
		{"Top merci, ça marche", true},
		{"C'est bon, résolu", true},
		{"Résolu, merci pour ton aide", true},
		{"ça marche nickel", true},
		{"Merci de ton retour !", true},
		{"Merci d’avoir regardé", true},
		{"MERCI 🙏", true},
		{"Thanks in advance!", false},
		{"thank you in advance :pray:", false},
		{"<@U1> thanks in advance :pray:", false},
		{"Merci d'avance", false},
		{"Merci d’avance à tous", false},
		{"Merci par avance pour vos retours", false},
		{"No thanks", false},
		{"Non merci", false},
		{"Thanks, but it still fails with the same error", false},
		{"Merci mais ça ne marche toujours pas", false},
		{"ça ne marche pas", false},
		{"Thanks! Does it also work on Windows?", false},
		{"Merci de regarder quand tu peux", false},
		{"Merci de me dire si c'est ok", false},
		{"I tried that", false},
		{"type checking passes now", false},
		{"&gt; thanks\nstill broken here", false},
		{"`thanks`", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := IsThanks(tt.text); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsAcceptReaction(t *testing.T) {
	for _, name := range []string{"white_check_mark", "heavy_check_mark", "ballot_box_with_check", "check",
		":white_check_mark:", "white_check_mark::skin-tone-2", "heavy_check_mark::skin-tone-6",
		"✅", "✔️", "WHITE_CHECK_MARK"} {
		if !IsAcceptReaction(name) {
			t.Errorf("IsAcceptReaction(%q) = false, want true", name)
		}
	}
	for _, name := range []string{"", "+1", "thumbsup", "x", "heavy_multiplication_x", "eyes", "checkered_flag",
		"check_mark_button_x", "skin-tone-2"} {
		if IsAcceptReaction(name) {
			t.Errorf("IsAcceptReaction(%q) = true, want false", name)
		}
	}
}

func TestMentions(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"no mention here, just an @email.com", nil},
		{"<@U024BE7LH> can you look?", []string{"U024BE7LH"}},
		{"<@U1|alice> and <@W2> then <@U1> again", []string{"U1", "W2"}},
		{"cc <@U1>, <@U2|bob>, <#C1|general>, <!here>, <https://x.com|x>", []string{"U1", "U2"}},
		{"broken <@ and <@U3 and <@u4> and <@U5>", []string{"U5"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := Mentions(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A thanks credits the helpers it names, else the last who answered; a
// name who did not answer is no helper.
func TestCredited(t *testing.T) {
	helped := func(u string) bool { return u == "U1" || u == "U2" }
	tests := []struct {
		text, last string
		want       []string
	}{
		{"thanks!", "U2", []string{"U2"}},
		{"thanks <@U1>!", "U2", []string{"U1"}},
		{"merci <@U1> et <@U2>", "U2", []string{"U1", "U2"}},
		{"thanks <@U9>, who pointed me here", "U2", []string{"U2"}},
		{"thanks!", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := Credited(tt.text, helped, tt.last); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzDetect(f *testing.F) {
	for _, c := range englishMessages {
		f.Add(c.text)
	}
	for _, c := range frenchMessages {
		f.Add(c.text)
	}
	seeds := []string{"", "?", "<", "<@", ":", "::", "`", "```", "\"", "&gt;", "\xff", "-", "'", "a-", "y a-t-il"}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ok, why := Detect(text)
		if why == "" {
			t.Fatalf("Detect(%q) gave no reason", text)
		}
		if again, whyAgain := Detect(text); again != ok || whyAgain != why {
			t.Fatalf("Detect(%q) not deterministic", text)
		}
		IsThanks(text)
		IsAcceptReaction(text)
		for _, id := range Mentions(text) {
			if !strings.Contains(text, "<@"+id) {
				t.Fatalf("Mentions(%q) gave %q, which is not mentioned", text, id)
			}
		}
	})
}

// TestDetectKnownLimits pins down the misreadings the package comment
// admits, so that a change to them is deliberate.
func TestDetectKnownLimits(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
		why  string
	}{
		{"Kafka or Pulsar for this", false, "statement"},                            // a question without "?" or opening
		{"Tu sais, c'est dur en ce moment", true, "interrogative"},                  // opens like one
		{"Who even writes tests anymore?", true, "question_mark"},                   // sarcasm
		{"Is this a bug? <https://github.com/x/y/issues/1>", true, "question_mark"}, // no sharing word: not a title
		{"Ou alors on attend la prochaine release", false, "statement"},             // "ou" is not "où" before no verb
		{"My question was \"how do I deploy on Fridays?\"", false, "statement"},     // quoted
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ok, why := Detect(tt.text)
			if ok != tt.ok || why != tt.why {
				t.Errorf("got %v %q, want %v %q", ok, why, tt.ok, tt.why)
			}
		})
	}
}
