package i18n

import (
	"testing"
	"time"
)

var counted = Catalog{
	"en": {"questions": "%d questions", "questions_one": "%d question",
		"answered": "answered %d questions on *%s*", "answered_one": "answered a question on *%[2]s*",
		"thanked": "thanked %d times", "thanked_one": "thanked once"},
	"fr": {"questions": "%d questions", "questions_one": "%d question",
		"answered": "a répondu à %d questions sur *%s*", "answered_one": "a répondu à une question sur *%[2]s*",
		"thanked": "remercié %d fois", "thanked_one": "remercié une fois"},
}

// French counts 0 and 1 in the singular, English only 1: "0 question" in
// French, "0 questions" in English.
func TestPluralForms(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0 questions"}, {"en", 1, "1 question"}, {"en", 2, "2 questions"},
		{"fr", 0, "0 question"}, {"fr", 1, "1 question"}, {"fr", 2, "2 questions"}, {"fr-CA", 0, "0 question"},
	} {
		if got := counted.N(c.lang, "questions", c.n); got != c.want {
			t.Errorf("%s, %d: got %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

// A singular that does not show the count takes the other arguments by
// index; one with no placeholder is returned as written.
func TestPluralArguments(t *testing.T) {
	for _, c := range []struct {
		lang, key string
		n         int
		args      []any
		want      string
	}{
		{"en", "answered", 1, []any{"vault"}, "answered a question on *vault*"},
		{"en", "answered", 3, []any{"vault"}, "answered 3 questions on *vault*"},
		{"fr", "answered", 1, []any{"vault"}, "a répondu à une question sur *vault*"},
		{"en", "thanked", 1, nil, "thanked once"},
		{"fr", "thanked", 4, nil, "remercié 4 fois"},
	} {
		if got := counted.N(c.lang, c.key, c.n, c.args...); got != c.want {
			t.Errorf("%s %s %d: got %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
	if p := counted.Problems(); len(p) > 0 {
		t.Fatalf("the test catalog: %v", p)
	}
}

func TestCalendarNames(t *testing.T) {
	if got := Weekday("fr-FR", time.Thursday) + " " + ShortWeekday("en", time.Sunday); got != "jeudi Sun" {
		t.Errorf("got %q", got)
	}
	if got := Month("en", time.January) + " " + ShortMonth("fr", time.February); got != "January févr." {
		t.Errorf("got %q", got)
	}
}
