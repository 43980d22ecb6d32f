package nudge

import (
	"context"
	"strings"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/store"
)

// Prefs records a member's choice about nudges: `/praxis nudges off|on`
// (`relances non|oui`), as a command.Delegate, and the "No more nudges"
// button of every nudge, as a dispatch handler.
type Prefs struct {
	st *store.Store
}

// NewPrefs returns the handler of nudge preferences.
func NewPrefs(st *store.Store) *Prefs { return &Prefs{st: st} }

// Handle answers `nudges off|on`; it reports whether the request was one.
func (p *Prefs) Handle(ctx context.Context, ev bot.Event, lang, text string, tx *store.Tx) (bool, error) {
	verb, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	switch strings.ToLower(verb) {
	case "nudges", "nudge", "relances", "relance":
	default:
		return false, nil
	}
	switch strings.ToLower(strings.TrimSpace(rest)) {
	case "off", "non", "stop":
		return true, p.set(ctx, ev, lang, tx, true)
	case "on", "oui":
		return true, p.set(ctx, ev, lang, tx, false)
	}
	_, err := tx.Enqueue(ctx, reply(ev, catalog.T(lang, "nudges_usage")))
	return true, err
}

// Prepare hands on the step that handles the button (Apply).
func (p *Prefs) Prepare(_ context.Context, ev bot.Event) (dispatch.Step, error) {
	return func(ctx context.Context, tx *store.Tx) error { return p.Apply(ctx, ev, tx) }, nil
}

// Apply handles the "No more nudges" button.
func (p *Prefs) Apply(ctx context.Context, ev bot.Event, tx *store.Tx) error {
	if ev.Kind != bot.KindAction || ev.Command.Name != ActionOff || ev.User == "" {
		return nil
	}
	lang := "en"
	if m, err := p.st.Member(ctx, ev.User); err == nil {
		lang = i18n.Lang(m.Locale)
	}
	return p.set(ctx, ev, lang, tx, true)
}

func (p *Prefs) set(ctx context.Context, ev bot.Event, lang string, tx *store.Tx, off bool) error {
	if err := tx.SetNudgesOff(ctx, ev.User, off); err != nil {
		return err
	}
	key := "on_done"
	if off {
		key = "off_done"
	}
	_, err := tx.Enqueue(ctx, reply(ev, catalog.T(lang, key)))
	return err
}

// reply answers privately: to the asker alone in a conversation, a DM
// otherwise (outbox.Reply).
func reply(ev bot.Event, text string) store.OutMessage {
	return outbox.Reply(ev, outbox.Message{Text: text}, outbox.Asker)
}
