package outbox

import (
	"cmp"
	"strings"

	"praxis/bot"
	"praxis/store"
)

// Audience says who sees the answer to an @mention in a channel.
type Audience int

// Audiences.
const (
	// Asker: the member who asked, alone (privacy, expert suggestions,
	// nudge settings).
	Asker Audience = iota
	// Thread: everyone, in the mention's thread (status, help, report).
	Thread
)

// Reply is the one way to place the answer m to what a member asked — a
// slash command, an @mention, a direct message, a click — keyed
// "reply:<event id>" so that each request is answered once:
//   - a direct message, or anything asked from a DM or from no
//     conversation (the Home tab): in the member's DM with Praxis;
//   - a mention, for Thread: in its thread, for all;
//   - otherwise to the member alone, in the conversation: through the
//     response_url of a command or an interaction, which works whether or
//     not Praxis is a member there (a channel it was not invited to, a
//     private channel, a group DM), with chat.postEphemeral as its fallback
//     once the URL has expired; chat.postEphemeral for a mention.
func Reply(ev bot.Event, m Message, a Audience) store.OutMessage {
	key := "reply:" + ev.ID
	switch {
	case ev.Kind == bot.KindDirect:
		return New(key, PostMessage, ev.Channel, m)
	case ev.Channel == "" || strings.HasPrefix(ev.Channel, "D"):
		return New(key, PostMessage, ev.User, m)
	case ev.Kind == bot.KindMention && a == Thread:
		m.ThreadTS = cmp.Or(ev.ThreadTS, ev.TS)
		return New(key, PostMessage, ev.Channel, m)
	}
	m.User = ev.User
	if ev.Kind == bot.KindMention {
		m.ThreadTS = ev.ThreadTS // shown in the thread the member is reading
	}
	if ev.Command.ResponseURL != "" && (ev.Kind == bot.KindCommand || ev.Kind == bot.KindAction) {
		m.ResponseURL, m.Fallback = ev.Command.ResponseURL, PostEphemeral
		return New(key, Respond, ev.Channel, m)
	}
	return New(key, PostEphemeral, ev.Channel, m)
}
