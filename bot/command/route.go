package command

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"praxis/bot/dispatch"
	"praxis/bot/i18n"
)

// Route is one thing a member can ask Praxis: the words that ask it, the
// buttons and shortcuts that do, the line of /praxis help that tells it, and
// the handler that answers. Capabilities declare theirs (a Routes method);
// the Responder dispatches to them and writes the help from them, so a verb
// is answered and listed by being registered, in one place.
type Route struct {
	// Verbs are the first words of a request that ask for it, by language
	// ("en": {"status"}, "fr": {"statut"}). Any language's verb works for
	// every member; the first of each language is the one help shows.
	Verbs map[string][]string
	// Words, when set, reach the route in plain words, with no verb ("who
	// knows about…?"); the pattern's first group is the request's Text.
	Words *regexp.Regexp
	// Actions are prefixes of the interaction ids the route answers: block
	// action ids and shortcut callback ids.
	Actions []string
	// Help is the key, in this package's catalog, of the help line that
	// tells the route; required with Verbs.
	Help string
	// Public: the answer to an @mention is posted in its thread for all
	// (status, help, a report's note); otherwise only the asker sees it.
	Public bool
	// Handle answers the route's requests. A text request it returns no
	// step for gets the unknown-command answer (what follows the verb made
	// no sense); an action, nothing.
	Handle Handler
}

// Handler answers a request: it reads and computes outside the
// transaction, and returns the step that writes the answer.
type Handler func(ctx context.Context, r Request) (dispatch.Step, error)

// table is the routes, checked and indexed: by verb (lower-case), and the
// action prefixes in order.
type table struct {
	routes  []*Route
	verbs   map[string]*Route
	actions []action
}

// action is one action prefix of a route.
type action struct {
	prefix string
	route  *Route
}

// newTable indexes routes. It refuses a verb or an action prefix claimed
// twice (an action id one prefix of which starts another would go to
// whichever came first), a route with neither verbs, words nor actions,
// and a verb with no help line in every language.
func newTable(routes []Route) (*table, error) {
	t := &table{verbs: map[string]*Route{}}
	for i := range routes {
		r := &routes[i]
		if r.Handle == nil || len(r.Verbs) == 0 && r.Words == nil && len(r.Actions) == 0 {
			return nil, fmt.Errorf("route %d (%s): needs a handler and a verb, words or an action", i, r.name())
		}
		if err := r.checkHelp(); err != nil {
			return nil, err
		}
		if err := t.addVerbs(r); err != nil {
			return nil, err
		}
		if err := t.addActions(r); err != nil {
			return nil, err
		}
		t.routes = append(t.routes, r)
	}
	return t, nil
}

// name names a route in errors: its first English verb, else its first
// action prefix, else its help line.
func (r *Route) name() string {
	switch {
	case len(r.Verbs["en"]) > 0:
		return r.Verbs["en"][0]
	case len(r.Actions) > 0:
		return r.Actions[0]
	}
	return r.Help
}

// checkHelp checks that r's help line is in every language's catalog, and
// that a route with verbs has one, and a verb in every language to show.
func (r *Route) checkHelp() error {
	for _, lang := range i18n.Languages {
		if _, ok := catalog[lang][r.Help]; r.Help != "" && !ok {
			return fmt.Errorf("route %q: no help line %q in %s", r.name(), r.Help, lang)
		}
		if len(r.Verbs) > 0 && r.Help == "" {
			return fmt.Errorf("route %q: no help line", r.name())
		}
		if len(r.Verbs) > 0 && len(r.Verbs[lang]) == 0 {
			return fmt.Errorf("route %q: no verb in %s", r.name(), lang)
		}
	}
	return nil
}

// addVerbs indexes r's verbs; a route's verb may repeat across its own
// languages ("pause", "expert").
func (t *table) addVerbs(r *Route) error {
	for _, vs := range r.Verbs {
		for _, v := range vs {
			v = strings.ToLower(v)
			if v == "" || strings.ContainsFunc(v, unicode.IsSpace) {
				return fmt.Errorf("route %q: verb %q is not one word", r.name(), v)
			}
			if other, dup := t.verbs[v]; dup && other != r {
				return fmt.Errorf("verb %q claimed by two routes (%q and %q)", v, other.name(), r.name())
			}
			t.verbs[v] = r
		}
	}
	return nil
}

// addActions indexes r's action prefixes, none of which may start another.
func (t *table) addActions(r *Route) error {
	for _, p := range r.Actions {
		if p == "" {
			return fmt.Errorf("route %q: empty action prefix", r.name())
		}
		for _, a := range t.actions {
			if strings.HasPrefix(p, a.prefix) || strings.HasPrefix(a.prefix, p) {
				return fmt.Errorf("action prefixes %q and %q overlap", a.prefix, p)
			}
		}
		t.actions = append(t.actions, action{prefix: p, route: r})
	}
	return nil
}

// verb is the route a verb (lower-case) asks for.
func (t *table) verb(v string) (*Route, bool) {
	r, ok := t.verbs[v]
	return r, ok
}

// words is the first route whose plain words text is, with the question.
func (t *table) words(text string) (*Route, string, bool) {
	for _, r := range t.routes {
		if r.Words == nil {
			continue
		}
		if m := r.Words.FindStringSubmatch(text); m != nil && len(m) > 1 {
			return r, strings.TrimSpace(m[1]), true
		}
	}
	return nil, "", false
}

// action is the route of an interaction id.
func (t *table) action(id string) (*Route, bool) {
	for _, a := range t.actions {
		if strings.HasPrefix(id, a.prefix) {
			return a.route, true
		}
	}
	return nil, false
}
