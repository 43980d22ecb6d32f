// Package prompts holds the LLM prompt templates, embedded in the binary.
// A template is the instructions only: channel text never enters it, it is
// sent apart, as quoted JSON data (see bot/llm).
package prompts

import (
	"embed"
	"fmt"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

var templates = template.Must(template.New("").Option("missingkey=error").ParseFS(files, "*.tmpl"))

// languages names the languages a member may read, for the model.
var languages = map[string]string{"en": "English", "fr": "French"}

// ThreadSummary is the system prompt asking for a thread's summary in lang
// (en or fr; anything else is English).
func ThreadSummary(lang string) string { return inLanguage("thread_summary.tmpl", lang) }

// QuestionOfTheWeek is the system prompt asking for a community's question
// of the week in lang (en or fr; anything else is English).
func QuestionOfTheWeek(lang string) string { return inLanguage("question_of_the_week.tmpl", lang) }

// Vocation is the system prompt asking for a community's vocation in lang
// (en or fr; anything else is English), for `praxis discover`.
func Vocation(lang string) string { return inLanguage("vocation.tmpl", lang) }

// inLanguage renders a template whose only parameter is the language.
func inLanguage(file, lang string) string {
	name, ok := languages[lang]
	if !ok {
		name = languages["en"]
	}
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, file, struct{ Language string }{name}); err != nil {
		panic(fmt.Sprintf("prompts: %s: %v", file, err)) // embedded and tested: cannot happen
	}
	return strings.TrimSpace(b.String())
}
