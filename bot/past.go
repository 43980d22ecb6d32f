package bot

import (
	"slices"
	"strings"
	"time"
)

// PastMessage is a message as history gives it back (an export's day file,
// or conversations.history): the message with its reactions folded in,
// instead of the separate events a live workspace sends.
type PastMessage struct {
	Channel, User, BotID, TS, ThreadTS, Subtype, Text, EditedTS string
	Files                                                       []File
	Reactions                                                   []PastReaction
	PinnedTo                                                    []string // channels it is pinned in
}

// PastReaction is one emoji and who reacted with it.
type PastReaction struct {
	Name  string
	Users []string
}

// Events unfolds a past message into the events the recorder applies, so
// that history and live events are recorded by the same rules: the message
// itself, then one reaction event per reacting member.
func (m PastMessage) Events(at time.Time) []Event {
	ev := Event{
		Kind:        KindMessage,
		Type:        "message",
		Time:        at,
		Channel:     m.Channel,
		ChannelType: "channel",
		User:        m.User,
		BotID:       m.BotID,
		TS:          m.TS,
		ThreadTS:    m.ThreadTS,
		Subtype:     m.Subtype,
		Text:        m.Text,
		EditedTS:    m.EditedTS,
		Files:       m.Files,
		Links:       Links(m.Text),
	}
	if m.Subtype != "" {
		ev.Type += "/" + m.Subtype
	}
	out := []Event{validUTF8(ev)}
	for _, r := range m.Reactions {
		for _, u := range r.Users {
			out = append(out, validUTF8(Event{
				Kind:     KindReactionAdded,
				Type:     "reaction_added",
				Time:     at,
				Channel:  m.Channel,
				User:     u,
				TS:       m.TS,
				Reaction: r.Name,
				ItemUser: m.User,
			}))
		}
	}
	if slices.Contains(m.PinnedTo, m.Channel) { // a pin elsewhere is that channel's business; once is enough
		out = append(out, validUTF8(Event{Kind: KindPin, Type: "pin_added", Time: at, Channel: m.Channel, TS: m.TS}))
	}
	return out
}

func validUTF8(ev Event) Event {
	for _, p := range []*string{&ev.Text, &ev.User, &ev.TS, &ev.ThreadTS, &ev.Reaction} {
		*p = strings.ToValidUTF8(*p, "\uFFFD")
	}
	return ev
}
