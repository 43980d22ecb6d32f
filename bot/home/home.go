// Package home is Praxis's App Home: the page a member sees on Praxis's
// Home tab. Every member finds there their communities, their week
// (contributions, reactions, accepted answers, thanks), their expertise as
// Praxis sees it (topics with the threads behind each) and their settings
// (digest frequency and hour, nudges, being suggested as an expert, muted
// channels, language); a facilitator also finds each of their communities'
// figures of the week so far and open questions, with buttons to run the
// report now and to preview the next digest or nudges.
//
// The Home is published through the outbox (views.publish) when the member
// opens the tab and after each of their changes. Only the member's own data
// is read: the acting user is the event's, never a value of the payload,
// and a facilitator's button works only for the community's facilitators.
package home

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/digest"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/nudge"
	"praxis/bot/outbox"
	"praxis/store"
)

// Options are the Home's optional parts.
type Options struct {
	Experts *expert.Engine  // the expertise section, and refreshing it after an opt-out; nil: none
	Digests *digest.Planner // "preview my next digest"; nil: the button says it cannot
	Nudger  *nudge.Nudger   // "preview nudges"; nil: no such button
	TeamURL string          // the workspace's URL, for permalinks ("": Slack's generic one)
}

// Home is the dispatch handler of the Home tab (app_home_opened), and the
// route of the Home's actions.
type Home struct {
	st      *store.Store
	comms   *bot.Directory
	opts    Options
	now     func() time.Time
	log     *slog.Logger
	reports reports
}

// prepared is what Prepare read for an event, which its step writes: the
// member's Home and, for a facilitator's button, what it answers.
type prepared struct {
	state  *State
	dm     string             // a preview's text
	report []store.OutMessage // "run the report now": the report's messages
}

// New returns the Home handler of comms' members.
func New(st *store.Store, comms *bot.Directory, d bot.Deps, opts Options) *Home {
	d = d.For("home")
	return &Home{st: st, comms: comms, opts: opts, now: d.Now, log: d.Log,
		reports: reports{built: map[string]builtReport{}}}
}

// action is the Home action an event is, if any: its id without suffix.
func action(ev bot.Event) (string, bool) {
	if ev.Kind != bot.KindAction || ev.User == "" {
		return "", false
	}
	name, _, _ := strings.Cut(ev.Command.Name, ":")
	if !strings.HasPrefix(name, "home_") {
		return "", false
	}
	return name, true
}

// Routes are the Home's actions, every action id starting "home_".
func (h *Home) Routes() []command.Route {
	return []command.Route{{Actions: []string{"home_"}, Help: "help_home",
		Handle: func(ctx context.Context, r command.Request) (dispatch.Step, error) { return h.prepare(ctx, r.Event) }}}
}

// Prepare publishes the member's Home when they open the tab; its actions
// come through Routes.
func (h *Home) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	if ev.Kind != bot.KindHomeOpened || ev.User == "" {
		return nil, nil
	}
	return h.prepare(ctx, ev)
}

// prepare reads the member's Home, and what a facilitator's button asks,
// outside the transaction; its step applies the member's change, if the
// event is one of the Home's actions, and publishes the Home.
func (h *Home) prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	st, err := h.load(ctx, ev.User)
	if err != nil {
		return nil, err
	}
	pr := &prepared{state: st}
	if name, ok := action(ev); ok {
		if err := h.prepareFacilitator(ctx, ev, name, pr); err != nil {
			return nil, err
		}
	}
	return func(ctx context.Context, tx *store.Tx) error { return h.apply(ctx, ev, pr, tx) }, nil
}

// apply is an event's step: it publishes the Home, after applying the
// member's change when the event is one of the Home's actions.
func (h *Home) apply(ctx context.Context, ev bot.Event, pr *prepared, tx *store.Tx) error {
	// A copy: a step run again starts from what was read, with the
	// choices as this transaction sees them (an earlier click of the same
	// batch included), so the view published is never behind.
	st := *pr.state
	prefs, err := tx.MemberPrefs(ctx, ev.User)
	if err != nil {
		return err
	}
	st.Prefs = prefs
	st.Lang = h.langOf(&st)
	if name, ok := action(ev); ok {
		done, err := h.facilitatorAction(ctx, ev, name, pr, &st, tx)
		if done || err != nil {
			return err
		}
		changed, err := h.toggle(ctx, ev, name, &st, tx)
		if err != nil || !changed {
			return err
		}
	}
	return h.publish(ctx, ev, &st, tx)
}

// publish enqueues the member's Home.
func (h *Home) publish(ctx context.Context, ev bot.Event, st *State, tx *store.Tx) error {
	view, err := View(st)
	if err != nil {
		return err
	}
	msg := outbox.Message{User: ev.User, View: view}
	_, err = tx.Enqueue(ctx, outbox.New("home:"+ev.ID, outbox.PublishView, ev.User, msg))
	return err
}

// tell sends the member a direct message.
func tell(ctx context.Context, ev bot.Event, tx *store.Tx, text string) error {
	_, err := tx.Enqueue(ctx, outbox.New("home:dm:"+ev.ID, outbox.PostMessage, ev.User, outbox.Message{Text: text}))
	return err
}
