package slackedge

import (
	"encoding/json"

	"praxis/bot/i18n"
	"praxis/bot/nudge"
	"praxis/bot/outbox"
)

// ActionOff is the block action of the "no more nudges" button.
const ActionOff = "nudge_off"

// catalog holds the words of the opt-out: the button under every nudge
// and the answers to a member's choice (what a nudge says is bot/nudge's).
var catalog = i18n.Catalog{
	"en": {
		"off_button":   "No more nudges",
		"off_hint":     "Praxis sends at most a few such messages. `/praxis nudges off` stops them.",
		"off_done":     "Done: Praxis will not send you nudges any more. `/praxis nudges on` turns them back on.",
		"on_done":      "Done: Praxis may send you the occasional nudge again.",
		"nudges_usage": "Use `/praxis nudges off` (no more nudges) or `/praxis nudges on`.",
	},
	"fr": {
		"off_button":   "Plus de relances",
		"off_hint":     "Praxis envoie au plus quelques messages de ce genre. `/praxis relances non` les arrête.",
		"off_done":     "C'est noté : Praxis ne vous enverra plus de relances. `/praxis relances oui` les réactive.",
		"on_done":      "C'est noté : Praxis pourra de nouveau vous envoyer une relance de temps en temps.",
		"nudges_usage": "Utilisez `/praxis relances non` (plus de relances) ou `/praxis relances oui`.",
	},
}

// message is a nudge's DM: its text, and the opt-out button.
func message(c nudge.Content) outbox.Message {
	text := c.Text()
	offHint := map[string]string{"type": "mrkdwn", "text": catalog.T(c.Lang, "off_hint")}
	offButton := map[string]any{"type": "button", "action_id": ActionOff, "value": "off",
		"text": map[string]string{"type": "plain_text", "text": catalog.T(c.Lang, "off_button")}}
	blocks := []any{
		map[string]any{"type": "section", "text": map[string]string{"type": "mrkdwn", "text": text}},
		map[string]any{"type": "context", "elements": []any{offHint}},
		map[string]any{"type": "actions", "elements": []any{offButton}},
	}
	b, _ := json.Marshal(blocks) // maps of strings always marshal
	return outbox.Message{Text: text, Blocks: b}
}
