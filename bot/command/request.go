package command

import (
	"cmp"
	"strings"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/store"
)

// Request is what a route's handler answers: the event, who asked, the
// language they read (resolved once, by the directory) and what they
// asked. Reply and DM place its answers, by one rule for every capability.
type Request struct {
	Event  bot.Event
	Member string // who asked: Event.User
	Lang   string // the language Member reads
	// Verb is the first word of a text request, lower-case, as typed
	// ("statut"); "" for an action.
	Verb string
	// Text is what follows the verb, or the question of plain words,
	// trimmed; "" for an action (its id and value are the Event's Command).
	Text string
	// public is the route's: its answer to an @mention is for all, in the
	// mention's thread.
	public bool
}

// Reply is the answer m to the request, keyed "reply:<event id>" so that
// each request is answered once, placed by the one rule:
//   - a direct message, or anything asked from a DM or from no
//     conversation (the Home tab): in the member's DM with Praxis;
//   - an @mention, for a Public route: in its thread, for all;
//   - otherwise to the member alone, in the conversation: through the
//     response_url of a command or an interaction, which works whether or
//     not Praxis is a member there (a channel it was not invited to, a
//     private channel, a group DM), with chat.postEphemeral as its fallback
//     once the URL has expired; chat.postEphemeral for a mention, in the
//     thread the member is reading.
func (r Request) Reply(m outbox.Message) store.OutMessage {
	ev := r.Event
	key := "reply:" + ev.ID
	switch {
	case ev.Kind == bot.KindDirect:
		return outbox.New(key, outbox.PostMessage, ev.Channel, m)
	case r.InDM():
		return outbox.New(key, outbox.PostMessage, ev.User, m)
	case ev.Kind == bot.KindMention && r.public:
		m.ThreadTS = cmp.Or(ev.ThreadTS, ev.TS)
		return outbox.New(key, outbox.PostMessage, ev.Channel, m)
	}
	m.User = ev.User
	if ev.Kind == bot.KindMention {
		m.ThreadTS = ev.ThreadTS
	}
	if ev.Command.ResponseURL != "" && (ev.Kind == bot.KindCommand || ev.Kind == bot.KindAction) {
		m.ResponseURL, m.Fallback = ev.Command.ResponseURL, outbox.PostEphemeral
		return outbox.New(key, outbox.Respond, ev.Channel, m)
	}
	return outbox.New(key, outbox.PostEphemeral, ev.Channel, m)
}

// InDM reports whether Reply lands in the member's DM with Praxis, where
// DM's messages go too: a capability that sends something by DM says so
// where it was asked only when that is elsewhere.
func (r Request) InDM() bool {
	ch := r.Event.Channel
	return r.Event.Kind == bot.KindDirect || ch == "" || strings.HasPrefix(ch, "D")
}

// DM is m sent to the member's DM with Praxis under key: a message, or
// the file m carries (files.upload, Text its comment).
func (r Request) DM(key string, m outbox.Message) store.OutMessage {
	method := outbox.PostMessage
	if m.File != nil {
		method = outbox.UploadFile
	}
	return outbox.New(key, method, r.Member, m)
}
