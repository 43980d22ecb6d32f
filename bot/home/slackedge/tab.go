// Package slackedge is the App Home's Slack edge: the Home tab's view
// (Block Kit) of what bot/home computes, the member's changes of their
// settings, and publishing it through the outbox (views.publish) when the
// member opens the tab and after each change. The acting user is the
// event's, never a value of the payload. The facilitators' buttons it
// shows are answered by the capabilities they concern, not here.
package slackedge

import (
	"context"
	"strings"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/home"
	"praxis/bot/outbox"
	"praxis/store"
)

// Tab is the dispatch handler of the Home tab (app_home_opened), and the
// route of the member's settings on it.
type Tab struct {
	home *home.Home
}

// New returns the Home tab showing what h reads.
func New(h *home.Home) *Tab { return &Tab{home: h} }

// Routes are the member's settings, each id its own: the facilitators'
// buttons, whose ids start "home_" too, are routed to the capabilities
// they concern (command.ActionReport and its siblings).
func (t *Tab) Routes() []command.Route {
	return []command.Route{{Actions: settings, Help: "help_home",
		Handle: func(ctx context.Context, r command.Request) (dispatch.Step, error) { return t.prepare(ctx, r.Event) }}}
}

// Prepare publishes the member's Home when they open the tab; their
// settings come through Routes.
func (t *Tab) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	if ev.Kind != bot.KindHomeOpened || ev.User == "" {
		return nil, nil
	}
	return t.prepare(ctx, ev)
}

// prepare reads the member's Home outside the transaction; its step
// applies the member's change, if the event is one of their settings, and
// publishes the Home.
func (t *Tab) prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	read, err := t.home.Load(ctx, ev.User)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, tx *store.Tx) error { return t.apply(ctx, ev, read, tx) }, nil
}

// apply is an event's step: it publishes the Home, after applying the
// member's change when the event is one of their settings.
func (t *Tab) apply(ctx context.Context, ev bot.Event, read *home.State, tx *store.Tx) error {
	// A copy: a step run again starts from what was read, with the
	// choices as this transaction sees them (an earlier click of the same
	// batch included), so the view published is never behind.
	st := *read
	prefs, err := tx.MemberPrefs(ctx, ev.User)
	if err != nil {
		return err
	}
	st.Prefs = prefs
	st.Lang = t.home.Lang(&st)
	if ev.Kind == bot.KindAction {
		name, _, _ := strings.Cut(ev.Command.Name, ":")
		changed, err := t.toggle(ctx, ev, name, &st, tx)
		if err != nil || !changed {
			return err
		}
	}
	return publish(ctx, ev, &st, tx)
}

// publish enqueues the member's Home.
func publish(ctx context.Context, ev bot.Event, st *home.State, tx *store.Tx) error {
	view, err := View(st)
	if err != nil {
		return err
	}
	msg := outbox.Message{User: ev.User, View: view}
	_, err = tx.Enqueue(ctx, outbox.New("home:"+ev.ID, outbox.PublishView, ev.User, msg))
	return err
}
