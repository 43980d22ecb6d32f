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
func ThreadSummary(lang string) string {
	name, ok := languages[lang]
	if !ok {
		name = languages["en"]
	}
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, "thread_summary.tmpl", struct{ Language string }{name}); err != nil {
		panic(fmt.Sprintf("prompts: thread_summary.tmpl: %v", err)) // embedded and tested: cannot happen
	}
	return strings.TrimSpace(b.String())
}
