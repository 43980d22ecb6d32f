// Package home is Praxis's App Home: the page a member sees on Praxis's
// Home tab. Every member finds there their communities, their week
// (contributions, reactions, accepted answers, thanks), their expertise as
// Praxis sees it (topics with the threads behind each) and their settings
// (digest frequency and hour, nudges, being suggested as an expert, muted
// channels, language); a facilitator also finds each of their communities'
// figures of the week so far and open questions, with buttons to run the
// report now and to preview the next digest or nudges, which the
// capabilities they concern answer (bot/report/deliver, bot/digest/slackedge,
// bot/nudge/slackedge), for the community's facilitators only
// (command.ForFacilitators).
//
// The Home is published through the outbox (views.publish) when the member
// opens the tab and after each of their changes. Only the member's own data
// is read: the acting user is the event's, never a value of the payload.
package home

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/outbox"
	"praxis/bot/report"
	"praxis/store"
)

// Options are the Home's optional parts.
type Options struct {
	Experts *expert.Engine // the expertise section, and refreshing it after an opt-out; nil: none
	// Reports are the communities' reports of the week so far, shared with
	// "run the report now" (bot/report/deliver.Button); nil: the Home's own.
	Reports *report.SoFar
	// NudgePreviews offers "preview nudges" to the facilitators of a
	// community with nudges: bot/nudge/slackedge.Preview is wired.
	NudgePreviews bool
	TeamURL       string // the workspace's URL, for permalinks ("": Slack's generic one)
}

// Home is the dispatch handler of the Home tab (app_home_opened), and the
// route of the Home's actions.
type Home struct {
	st    *store.Store
	comms *bot.Directory
	opts  Options
	now   func() time.Time
	log   *slog.Logger
}

// New returns the Home handler of comms' members.
func New(st *store.Store, comms *bot.Directory, d bot.Deps, opts Options) *Home {
	d = d.For("home")
	if opts.Reports == nil {
		opts.Reports = report.NewSoFar(st, opts.TeamURL)
	}
	return &Home{st: st, comms: comms, opts: opts, now: d.Now, log: d.Log}
}

// settings are the action ids of the member's settings, each its own:
// the facilitators' buttons, whose ids start "home_" too, are answered by
// the capabilities they concern (command.ActionReport and its siblings).
var settings = []string{ActionFrequency, ActionHour, ActionNudges, ActionSuggest, ActionLanguage, ActionMute,
	ActionUnmute}

// Routes are the member's settings.
func (h *Home) Routes() []command.Route {
	return []command.Route{{Actions: settings, Help: "help_home",
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

// prepare reads the member's Home outside the transaction; its step
// applies the member's change, if the event is one of their settings, and
// publishes the Home.
func (h *Home) prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	read, err := h.load(ctx, ev.User)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, tx *store.Tx) error { return h.apply(ctx, ev, read, tx) }, nil
}

// apply is an event's step: it publishes the Home, after applying the
// member's change when the event is one of their settings.
func (h *Home) apply(ctx context.Context, ev bot.Event, read *State, tx *store.Tx) error {
	// A copy: a step run again starts from what was read, with the
	// choices as this transaction sees them (an earlier click of the same
	// batch included), so the view published is never behind.
	st := *read
	prefs, err := tx.MemberPrefs(ctx, ev.User)
	if err != nil {
		return err
	}
	st.Prefs = prefs
	st.Lang = h.langOf(&st)
	if ev.Kind == bot.KindAction {
		name, _, _ := strings.Cut(ev.Command.Name, ":")
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
