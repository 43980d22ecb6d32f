package nudge

import (
	"context"
	"strings"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/store"
)

// Prefs records a member's choice about nudges: `/praxis nudges off|on`
// (`relances non|oui`), as a command.Delegate, and the "No more nudges"
// button of every nudge, as a dispatch handler.
type Prefs struct {
	dir *bot.Directory
}

// NewPrefs returns the handler of nudge preferences; dir tells the language
// each member reads.
func NewPrefs(dir *bot.Directory) *Prefs { return &Prefs{dir: dir} }

// Handle answers `nudges off|on`; nil when the request is not one.
func (p *Prefs) Handle(_ context.Context, ev bot.Event, lang, text string) (dispatch.Step, error) {
	verb, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	switch strings.ToLower(verb) {
	case "nudges", "nudge", "relances", "relance":
	default:
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(rest)) {
	case "off", "non", "stop":
		return p.set(ev, lang, true), nil
	case "on", "oui":
		return p.set(ev, lang, false), nil
	}
	return dispatch.Enqueue(reply(ev, catalog.T(lang, "nudges_usage"))), nil
}

// Prepare handles the "No more nudges" button.
func (p *Prefs) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	if ev.Kind != bot.KindAction || ev.Command.Name != ActionOff || ev.User == "" {
		return nil, nil
	}
	return p.set(ev, p.dir.Lang(ctx, ev.User, ev.Channel), true), nil
}

// set is the step that records the member's choice and confirms it.
func (p *Prefs) set(ev bot.Event, lang string, off bool) dispatch.Step {
	key := "on_done"
	if off {
		key = "off_done"
	}
	confirm := dispatch.Enqueue(reply(ev, catalog.T(lang, key)))
	return func(ctx context.Context, tx *store.Tx) error {
		if err := tx.SetNudgesOff(ctx, ev.User, off); err != nil {
			return err
		}
		return confirm(ctx, tx)
	}
}

// reply answers privately: to the asker alone in a conversation, a DM
// otherwise (outbox.Reply).
func reply(ev bot.Event, text string) store.OutMessage {
	return outbox.Reply(ev, outbox.Message{Text: text}, outbox.Asker)
}
