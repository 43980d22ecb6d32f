package slackio

import (
	"encoding/json"
	"fmt"
	"strings"

	"praxis/bot"
)

// decodeCommand decodes a slash command, as NormalizeCommand stored it.
func decodeCommand(env envelope, payload []byte) bot.Event {
	id := "cmd:" + env.TriggerID.s
	if env.TriggerID.s == "" {
		id = derivedID("cmd", payload)
	}
	return clean(bot.Event{
		ID:      id,
		Kind:    bot.KindCommand,
		Type:    "slash_command",
		User:    env.UserID.s,
		Channel: env.ChannelID.s,
		Text:    env.Text.s,
		Command: bot.Command{
			Name:        env.Command.s,
			Text:        env.Text.s,
			TriggerID:   env.TriggerID.s,
			ResponseURL: env.ResponseURL.s,
		},
	})
}

// decodeAction decodes an interaction: who acted is needed, the rest is
// taken as it comes.
func decodeAction(env envelope, payload []byte) (bot.Event, error) {
	var n need
	user := object(&n, "user", env.User)
	channel := env.Channel.v
	msg := env.Message.v
	ev := bot.Event{ID: derivedID("act", payload), Kind: bot.KindAction, Type: env.Type.s, User: n.s("user.id", user.ID),
		Command: bot.Command{Name: env.CallbackID.s, TriggerID: env.TriggerID.s, ResponseURL: env.ResponseURL.s}}
	if channel != nil {
		ev.Channel = channel.ID.s
	}
	if msg != nil {
		ev.TS, ev.ThreadTS, ev.Text = msg.TS.s, msg.ThreadTS.s, msg.Text.s
	}
	if acts := env.Actions.v; len(acts) > 0 {
		a := acts[0]
		ev.Command.Name, ev.Command.Value = a.ActionID.s, a.Value.s
		if a.Value.s == "" && a.SelectedOption.v != nil {
			ev.Command.Value = a.SelectedOption.v.Value.s
		}
	}
	if len(n) > 0 {
		unusable := bot.Event{ID: ev.ID, Type: ev.Type, Kind: bot.KindUnknown}
		return unusable, fmt.Errorf("%w: %s of %s", ErrUnusable, strings.Join(n, ", "), ev.Type)
	}
	return clean(ev), nil
}

// NormalizeCommand turns a slash command's form fields into the JSON stored in the
// inbox, so both transports store the same shape.
func NormalizeCommand(fields map[string]string) []byte {
	m := map[string]string{"type": "slash_command"}
	for k, v := range fields {
		if k != "token" && k != "type" {
			m[k] = v
		}
	}
	b, _ := json.Marshal(m)
	return b
}
