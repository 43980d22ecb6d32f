// Package slackio is Praxis's Slack transport: it receives events over Socket
// Mode or the HTTP Events API, stores each raw event in the inbox before
// acknowledging it, and decodes stored events into bot.Event. Slack's wire
// shapes do not leak past this package.
package slackio

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"praxis/bot"
	"praxis/store"
)

// ErrMalformed wraps every decoding failure of the envelope itself: not
// JSON, no type, an event_callback without an event object.
var ErrMalformed = errors.New("malformed event")

// ErrUnusable wraps the rejection of an event whose kind needs a field that
// holds something Praxis cannot use (an object where its ts belongs): the
// event is acknowledged, counted and skipped, as a retry could not fix it.
// Decode returns the event's id and type with it, for the log.
var ErrUnusable = errors.New("event with an unusable field")

// envelope is the outer shape of everything the inbox holds: an Events API
// callback, a slash command (normalized to JSON with type "slash_command"),
// or an interaction payload. Its fields are lenient (see lenient.go); only
// its type and event id must be strings.
type envelope struct {
	Type      str             `json:"type"`
	EventID   str             `json:"event_id"`
	EventTime num             `json:"event_time"`
	Event     json.RawMessage `json:"event"`

	// Slash commands.
	Command     str `json:"command"`
	Text        str `json:"text"`
	UserID      str `json:"user_id"`
	ChannelID   str `json:"channel_id"`
	TriggerID   str `json:"trigger_id"`
	ResponseURL str `json:"response_url"`

	// Interactions.
	User       one[idOnly]       `json:"user"`
	Channel    one[idOnly]       `json:"channel"`
	CallbackID str               `json:"callback_id"`
	Actions    many[action]      `json:"actions"`
	Message    one[actionedText] `json:"message"`
}

type idOnly struct {
	ID str `json:"id"`
}

type action struct {
	ActionID str `json:"action_id"`
	Value    str `json:"value"`
	// A static_select, radio_buttons or overflow element sends what was
	// picked here instead of a value.
	SelectedOption one[struct {
		Value str `json:"value"`
	}] `json:"selected_option"`
}

type actionedText struct {
	TS       str `json:"ts"`
	ThreadTS str `json:"thread_ts"`
	Text     str `json:"text"`
}

// inner is an Events API event, and the message inside a message_changed.
type inner struct {
	Type        str            `json:"type"`
	Subtype     str            `json:"subtype"`
	Channel     ref            `json:"channel"` // a string, or an object for channel_rename
	ChannelType str            `json:"channel_type"`
	User        ref            `json:"user"` // a string, or an object for user_change
	BotID       str            `json:"bot_id"`
	Text        str            `json:"text"`
	TS          str            `json:"ts"`
	ThreadTS    str            `json:"thread_ts"`
	EventTS     str            `json:"event_ts"`
	DeletedTS   str            `json:"deleted_ts"`
	Edited      one[tsOnly]    `json:"edited"`
	Files       many[wireFile] `json:"files"`
	Message     one[inner]     `json:"message"`
	Reaction    str            `json:"reaction"`
	ItemUser    str            `json:"item_user"`
	Item        one[item]      `json:"item"`
	ChannelID   str            `json:"channel_id"` // pin_added, pin_removed
	Tab         str            `json:"tab"`        // app_home_opened: "home" or "messages"
}

type tsOnly struct {
	TS str `json:"ts"`
}

// item is what a reaction or a pin is on.
type item struct {
	Type    str         `json:"type"`
	Channel str         `json:"channel"`
	TS      str         `json:"ts"`
	Message one[tsOnly] `json:"message"` // pin_added, pin_removed
}

type wireFile struct {
	ID         str `json:"id"`
	Name       str `json:"name"`
	Title      str `json:"title"`
	Permalink  str `json:"permalink"`
	URLPrivate str `json:"url_private"`
}

// Decode turns a stored inbox payload into an Event. Unknown event types are
// not an error: they decode to KindUnknown. A field of an unexpected type
// that the event's kind does not read changes nothing; one it reads makes
// the error ErrUnusable.
func Decode(payload []byte) (bot.Event, error) {
	var env envelope
	if err := json.Unmarshal(payload, &env); err != nil {
		return bot.Event{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if env.Type.odd || env.EventID.odd {
		return bot.Event{}, fmt.Errorf("%w: type or event_id is not a string", ErrMalformed)
	}
	typ := env.Type.s
	if typ == "" && len(env.Event) > 0 {
		typ = "event_callback" // an envelope with its type left out still carries its event
	}
	switch typ {
	case "event_callback":
		return decodeCallback(env, payload)
	case "slash_command":
		return decodeCommand(env, payload), nil
	case "block_actions", "message_action", "shortcut", "view_submission", "view_closed", "interactive_message":
		return decodeAction(env, payload)
	case "url_verification", "app_rate_limited":
		return bot.Event{ID: derivedID("sys", payload), Kind: bot.KindIgnored, Type: typ}, nil
	case "":
		return bot.Event{}, fmt.Errorf("%w: no type", ErrMalformed)
	}
	return bot.Event{ID: derivedID("unknown", payload), Kind: bot.KindUnknown, Type: typ}, nil
}

func decodeCallback(env envelope, payload []byte) (bot.Event, error) {
	if first(env.Event) != '{' {
		return bot.Event{}, fmt.Errorf("%w: event_callback without an event object", ErrMalformed)
	}
	var in inner
	if err := json.Unmarshal(env.Event, &in); err != nil {
		return bot.Event{}, fmt.Errorf("%w: event: %v", ErrMalformed, err)
	}
	var n need
	ev := bot.Event{ID: env.EventID.s, Type: n.s("type", in.Type), Subtype: in.Subtype.s}
	if ev.ID == "" {
		ev.ID = derivedID("ev", payload)
	}
	if ev.Subtype != "" {
		ev.Type += "/" + ev.Subtype
	}
	ev.Time = time.Unix(env.EventTime.n, 0).UTC()
	if t, ok := store.ParseTS(in.EventTS.s); ok && in.EventTS.s != "" {
		ev.Time = t
	}
	ev.Channel, ev.Name = in.Channel.id.s, in.Channel.name.s
	ev.ChannelType = in.ChannelType.s
	ev.User = in.User.id.s
	ev.BotID = in.BotID.s
	classify(&ev, in, &n)
	ev = clean(ev)
	if len(n) > 0 {
		return bot.Event{ID: ev.ID, Type: ev.Type, Kind: bot.KindUnknown},
			fmt.Errorf("%w: %s of %s", ErrUnusable, strings.Join(n, ", "), ev.Type)
	}
	return ev, nil
}

// classify sets the kind and the fields that depend on the event type,
// noting in n the fields it reads that are unusable.
func classify(ev *bot.Event, in inner, n *need) {
	switch in.Type.s {
	case "message":
		n.s("subtype", in.Subtype)
		classifyMessage(ev, in, n)
	case "app_mention":
		ev.Kind = bot.KindMention
		n.ref("channel", in.Channel)
		n.ref("user", in.User)
		ev.TS, ev.ThreadTS, ev.Text = n.s("ts", in.TS), n.s("thread_ts", in.ThreadTS), n.s("text", in.Text)
	case "reaction_added", "reaction_removed":
		ev.Kind = bot.KindReactionAdded
		if in.Type.s == "reaction_removed" {
			ev.Kind = bot.KindReactionRemoved
		}
		it := object(n, "item", in.Item)
		n.ref("user", in.User)
		ev.Channel, ev.TS = n.s("item.channel", it.Channel), n.s("item.ts", it.TS)
		ev.Reaction, ev.ItemUser = n.s("reaction", in.Reaction), in.ItemUser.s
	case "member_joined_channel", "member_left_channel":
		ev.Kind = bot.KindJoin
		if in.Type.s == "member_left_channel" {
			ev.Kind = bot.KindLeave
		}
		n.ref("channel", in.Channel)
		n.ref("user", in.User)
		ev.TS = in.EventTS.s
	case "pin_added", "pin_removed":
		classifyPin(ev, in, n)
	case "channel_rename", "group_rename":
		ev.Kind = bot.KindRename
		n.ref("channel", in.Channel)
		n.s("channel.name", in.Channel.name)
	case "user_change", "team_join", "user_profile_changed":
		ev.Kind = bot.KindMemberChange
		n.ref("user", in.User)
	case "app_home_opened":
		// The Messages tab needs nothing; the Home tab is published afresh.
		ev.Kind = bot.KindIgnored
		if in.Tab.s == "home" {
			ev.Kind = bot.KindHomeOpened
			n.ref("user", in.User)
		}
	case "":
		ev.Kind = bot.KindUnknown
	default:
		if knownIgnored[in.Type.s] {
			ev.Kind = bot.KindIgnored
		} else {
			ev.Kind = bot.KindUnknown
		}
	}
}

func classifyPin(ev *bot.Event, in inner, n *need) {
	ev.Kind = bot.KindPin
	if in.Type.s == "pin_removed" {
		ev.Kind = bot.KindUnpin
	}
	it := object(n, "item", in.Item)
	ev.Channel = n.s("channel_id", in.ChannelID)
	if ev.Channel == "" {
		ev.Channel = n.s("item.channel", it.Channel)
	}
	m := object(n, "item.message", it.Message)
	if n.s("item.type", it.Type) == "message" && it.Message.v != nil {
		ev.TS = n.s("item.message.ts", m.TS)
	} else {
		ev.Kind = bot.KindIgnored // a pinned file or comment: not a message
	}
}

func classifyMessage(ev *bot.Event, in inner, n *need) {
	n.ref("channel", in.Channel)
	switch in.Subtype.s {
	case "message_changed":
		ev.Kind = bot.KindEdit
		if m := object(n, "message", in.Message); in.Message.v != nil {
			ev.User, ev.BotID = n.ref("message.user", m.User), n.s("message.bot_id", m.BotID)
			ev.TS, ev.ThreadTS = n.s("message.ts", m.TS), n.s("message.thread_ts", m.ThreadTS)
			ev.Text = n.s("message.text", m.Text)
			ev.EditedTS = in.EventTS.s
			if e := m.Edited.v; e != nil && e.TS.s != "" { // an unusable edited is left for event_ts
				ev.EditedTS = e.TS.s
			}
			ev.Files = files(m.Files.v)
		}
		if ev.EditedTS == "" {
			ev.EditedTS = in.TS.s
		}
	case "message_deleted":
		ev.Kind = bot.KindDelete
		ev.TS = n.s("deleted_ts", in.DeletedTS)
	case "message_replied", "ekm_access_denied", "assistant_app_thread":
		ev.Kind = bot.KindIgnored
	default:
		ev.Kind = bot.KindMessage
		n.ref("user", in.User)
		n.s("bot_id", in.BotID)
		ev.TS, ev.ThreadTS, ev.Text = n.s("ts", in.TS), n.s("thread_ts", in.ThreadTS), n.s("text", in.Text)
		ev.Files = files(in.Files.v) // files of an unusable shape are left out, the message kept
		if n.s("channel_type", in.ChannelType) == "im" && ev.BotID == "" && ev.Subtype == "" {
			ev.Kind = bot.KindDirect
		}
	}
	ev.Links = bot.Links(ev.Text)
}

func files(in []wireFile) []bot.File {
	var out []bot.File
	for _, f := range in {
		file := bot.NewFile(f.ID.s, f.Name.s, f.Title.s, f.Permalink.s, f.URLPrivate.s)
		if file.ID == "" && file.URL == "" {
			continue
		}
		out = append(out, file)
	}
	return out
}

// clean makes every text field valid UTF-8 so nothing downstream trips on it.
func clean(ev bot.Event) bot.Event {
	for _, p := range []*string{
		&ev.Text, &ev.User, &ev.Channel, &ev.TS, &ev.ThreadTS, &ev.Name, &ev.Command.Text, &ev.Command.Value,
	} {
		*p = strings.ToValidUTF8(*p, "\uFFFD")
	}
	return ev
}

func derivedID(prefix string, payload []byte) string {
	sum := sha256.Sum256(payload)
	return prefix + ":" + hex.EncodeToString(sum[:12])
}
