package slackedge

import (
	"context"
	"strings"

	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/store"
)

// Prefs records a member's choice about nudges: `/praxis nudges off|on`
// (`relances non|oui`), and the "No more nudges" button of every nudge.
type Prefs struct{}

// NewPrefs returns the handler of nudge preferences.
func NewPrefs() *Prefs { return &Prefs{} }

// Routes are the command and the button.
func (p *Prefs) Routes() []command.Route {
	return []command.Route{
		{Verbs: map[string][]string{"en": {"nudges", "nudge"}, "fr": {"relances", "relance"}}, Help: "help_nudges",
			Handle: p.command},
		{Actions: []string{ActionOff}, Handle: p.button},
	}
}

// command answers `nudges off|on`, else how to say it.
func (p *Prefs) command(_ context.Context, r command.Request) (dispatch.Step, error) {
	switch strings.ToLower(r.Text) {
	case "off", "non", "stop":
		return p.set(r, true), nil
	case "on", "oui":
		return p.set(r, false), nil
	}
	return dispatch.Enqueue(r.Reply(outbox.Message{Text: catalog.T(r.Lang, "nudges_usage")})), nil
}

// button handles "No more nudges".
func (p *Prefs) button(_ context.Context, r command.Request) (dispatch.Step, error) {
	if r.Event.Command.Name != ActionOff {
		return nil, nil
	}
	return p.set(r, true), nil
}

// set is the step that records the member's choice and confirms it.
func (p *Prefs) set(r command.Request, off bool) dispatch.Step {
	key := "on_done"
	if off {
		key = "off_done"
	}
	confirm := dispatch.Enqueue(r.Reply(outbox.Message{Text: catalog.T(r.Lang, key)}))
	return func(ctx context.Context, tx *store.Tx) error {
		if err := tx.SetNudgesOff(ctx, r.Member, off); err != nil {
			return err
		}
		return confirm(ctx, tx)
	}
}
