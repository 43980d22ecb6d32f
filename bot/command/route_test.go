package command

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"praxis/bot/dispatch"
)

func nothing(context.Context, Request) (dispatch.Step, error) { return nil, nil }

// verbs is a route of these verbs in both languages, told by a help line
// that exists.
func verbs(en, fr string) Route {
	return Route{Verbs: map[string][]string{"en": {en}, "fr": {fr}}, Help: "help_status", Handle: nothing}
}

func actions(prefixes ...string) Route { return Route{Actions: prefixes, Handle: nothing} }

// The table refuses what would make a request's route depend on the order
// of registration, and a verb that /praxis help could not show.
func TestTableRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		routes []Route
		want   string // in the error; "" for none
	}{
		{"distinct routes", []Route{verbs("a", "b"), verbs("c", "d"), actions("x_"), actions("y_one", "y_two")}, ""},
		{"one verb in both languages of a route", []Route{verbs("pause", "pause")}, ""},
		{"a verb twice", []Route{verbs("a", "b"), verbs("c", "a")}, `verb "a" claimed by two routes`},
		{"a verb twice, in another case", []Route{verbs("Status", "b"), verbs("c", "status")}, `verb "status" claimed`},
		{"an action prefix twice", []Route{actions("x_go"), actions("y", "x_go")}, `"x_go" and "x_go" overlap`},
		{"an action prefix inside another", []Route{actions("x_go"), actions("x_")}, `"x_go" and "x_" overlap`},
		{"an action prefix around another", []Route{actions("x_"), actions("x_go:1")}, `"x_" and "x_go:1" overlap`},
		{"an empty action prefix", []Route{actions("")}, "empty action prefix"},
		{"a verb of two words", []Route{verbs("a b", "c")}, "not one word"},
		{"a verb without help", []Route{{Verbs: map[string][]string{"en": {"a"}, "fr": {"b"}}, Handle: nothing}},
			"no help line"},
		{"a help line missing from the catalog", []Route{{Verbs: map[string][]string{"en": {"a"}, "fr": {"b"}},
			Help: "help_nothing", Handle: nothing}}, `no help line "help_nothing" in en`},
		{"a verb in English only", []Route{{Verbs: map[string][]string{"en": {"a"}}, Help: "help_status",
			Handle: nothing}}, "no verb in fr"},
		{"no way to reach it", []Route{{Help: "help_status", Handle: nothing}}, "needs a handler"},
		{"no handler", []Route{{Actions: []string{"x_"}}}, "needs a handler"},
		{"words alone", []Route{{Words: regexp.MustCompile(`^who (.*)`), Handle: nothing}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newTable(tc.routes)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("got %v, want the routes accepted", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// The Responder's own routes come after the capabilities': a capability
// cannot take "status" or "help" from it.
func TestNewRefusesABuiltInVerb(t *testing.T) {
	if _, err := New(nil, nil, verbs("aide", "x")); err == nil || !strings.Contains(err.Error(), `"aide"`) {
		t.Fatalf("got %v, want the verb aide refused", err)
	}
}
