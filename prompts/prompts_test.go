package prompts

import (
	"strings"
	"testing"
)

func TestThreadSummary(t *testing.T) {
	langs := map[string]string{"en": "in English", "fr": "in French", "de": "in English", "": "in English"}
	for lang, want := range langs {
		got := ThreadSummary(lang)
		if !strings.Contains(got, want) || !strings.Contains(got, `{"summary": "..."}`) || strings.Contains(got, "{{") {
			t.Errorf("ThreadSummary(%q) = %q, want it to ask for a summary %s", lang, got, want)
		}
	}
}

func TestQuestionOfTheWeek(t *testing.T) {
	for lang, want := range map[string]string{"en": "in English", "fr": "in French", "xx": "in English"} {
		got := QuestionOfTheWeek(lang)
		shaped := strings.Contains(got, `{"question": "..."}`) && strings.Contains(got, "quoted data")
		if !strings.Contains(got, want) || !shaped || strings.Contains(got, "{{") {
			t.Errorf("QuestionOfTheWeek(%q) = %q, want a question %s, the data quoted", lang, got, want)
		}
	}
}

func TestVocation(t *testing.T) {
	for lang, want := range map[string]string{"en": "in English", "fr": "in French", "xx": "in English"} {
		got := Vocation(lang)
		shaped := strings.Contains(got, `{"vocation": "..."}`) && strings.Contains(got, "quoted data")
		if !strings.Contains(got, want) || !shaped || strings.Contains(got, "{{") {
			t.Errorf("Vocation(%q) = %q, want a vocation %s, the data quoted", lang, got, want)
		}
	}
}
