// Package command answers what members ask Praxis: the /praxis slash
// command, @mentions, direct messages, buttons and shortcuts. One table of
// routes, declared by the capabilities, says which handler answers what
// and feeds /praxis help. Answers go through the outbox in the same
// transaction that marks the request processed, so each request is
// answered exactly once.
package command

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/store"
)

// Responder is the dispatch handler of members' requests: it matches each
// to its route, resolves the member's language once, and calls the route's
// handler with the Request.
type Responder struct {
	st    *store.Store
	dir   *bot.Directory
	table *table
}

// New returns the Responder of routes, for dir's communities, followed by
// its own: status and help. It refuses routes that claim the same verb or
// action, or a verb with no help line.
func New(st *store.Store, dir *bot.Directory, routes ...Route) (*Responder, error) {
	r := &Responder{st: st, dir: dir}
	t, err := newTable(append(routes, r.routes()...))
	if err != nil {
		return nil, fmt.Errorf("command routes: %w", err)
	}
	r.table = t
	return r, nil
}

// Routes returns the table's routes, in order: those New was given, then
// the Responder's own. The caller must not change them.
func (r *Responder) Routes() []Route {
	out := make([]Route, len(r.table.routes))
	for i, route := range r.table.routes {
		out[i] = *route
	}
	return out
}

// routes are the Responder's own.
func (r *Responder) routes() []Route {
	return []Route{
		{Verbs: map[string][]string{"en": {"status"}, "fr": {"statut"}}, Help: "help_status", Public: true,
			Handle: r.status},
		{Verbs: map[string][]string{"en": {"help"}, "fr": {"aide"}}, Help: "help_help", Public: true,
			Handle: r.help},
	}
}

// Prepare answers a request: its route's answer, or today's for an unknown
// verb. Events that are no request, from nobody, or an interaction no route
// claims are not its business.
func (r *Responder) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	if ev.User == "" {
		return nil, nil
	}
	route, req, ok := r.match(ev)
	if !ok {
		return nil, nil
	}
	req.Lang = r.dir.Lang(ctx, ev.User, ev.Channel)
	if route != nil {
		req.public = route.Public
		step, err := route.Handle(ctx, req)
		if step != nil || err != nil || ev.Kind == bot.KindAction {
			return step, err
		}
	}
	req.public = true
	text := T(req.Lang, "unknown", bot.Escape(req.Verb)) + "\n\n" + r.helpText(req.Lang)
	return dispatch.Enqueue(req.Reply(outbox.Message{Text: text})), nil
}

// match finds an event's route: an action by its id; a text request by its
// first word (none: help), else by plain words. A text request with no
// route is an unknown verb: ok, with a nil route.
func (r *Responder) match(ev bot.Event) (*Route, Request, bool) {
	req := Request{Event: ev, Member: ev.User}
	var text string
	switch ev.Kind {
	case bot.KindAction:
		route, ok := r.table.action(ev.Command.Name)
		return route, req, ok
	case bot.KindCommand:
		text = strings.TrimSpace(ev.Command.Text)
	case bot.KindMention, bot.KindDirect:
		text = stripMention(ev.Text)
	default:
		return nil, req, false
	}
	verb, rest := cutVerb(text)
	req.Verb = strings.ToLower(verb)
	route, ok := r.table.verb(req.Verb)
	switch {
	case ok:
		req.Text = rest
	case verb == "":
		route, _ = r.table.verb("help")
	default:
		route, req.Text, _ = r.table.words(text)
	}
	return route, req, true
}

// cutVerb splits a request's text at its first space: the verb, and the
// rest trimmed.
func cutVerb(text string) (verb, rest string) {
	i := strings.IndexFunc(text, unicode.IsSpace)
	if i < 0 {
		return text, ""
	}
	return text[:i], strings.TrimSpace(text[i:])
}

// stripMention removes the leading <@U…> of an @mention.
func stripMention(text string) string {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "<@") {
		if i := strings.Index(text, ">"); i > 0 {
			text = text[i+1:]
		}
	}
	return strings.TrimSpace(text)
}

// status tells what Praxis has recorded of the channel's community.
func (r *Responder) status(ctx context.Context, req Request) (dispatch.Step, error) {
	text := T(req.Lang, "status_unmapped")
	if c, ok := r.dir.Of(req.Event.Channel); ok {
		st, err := r.st.CommunityStats(ctx, c.Name)
		if err != nil {
			return nil, fmt.Errorf("status of %s: %w", c.Name, err)
		}
		counts := []string{
			catalog.N(req.Lang, "st_members", st.Members), catalog.N(req.Lang, "st_messages", st.Messages),
			catalog.N(req.Lang, "st_replies", st.Replies), catalog.N(req.Lang, "st_reactions", st.Reactions),
			catalog.N(req.Lang, "st_resources", st.Resources),
		}
		text = T(req.Lang, "status", bot.Escape(c.Name), strings.Join(counts, ", "))
	}
	return dispatch.Enqueue(req.Reply(outbox.Message{Text: text})), nil
}

// help answers /praxis help.
func (r *Responder) help(_ context.Context, req Request) (dispatch.Step, error) {
	return dispatch.Enqueue(req.Reply(outbox.Message{Text: r.helpText(req.Lang)})), nil
}

// helpText is /praxis help in lang: the lines of the routes, in their
// order, each line once.
func (r *Responder) helpText(lang string) string {
	lines := []string{T(lang, "help_intro")}
	seen := map[string]bool{}
	for _, route := range r.table.routes {
		if route.Help == "" || seen[route.Help] {
			continue
		}
		seen[route.Help] = true
		lines = append(lines, T(lang, route.Help))
	}
	return strings.Join(append(lines, T(lang, "help_outro")), "\n")
}
