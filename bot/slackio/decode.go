// Package slackio is Praxis's Slack transport: it receives events over Socket
// Mode or the HTTP Events API, stores each raw event in the inbox before
// acknowledging it, and decodes stored events into bot.Event. Slack's wire
// shapes do not leak past this package.
package slackio

import (
	"bytes"
	"cmp"
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

// ErrMalformed wraps every decoding failure.
var ErrMalformed = errors.New("malformed event")

// envelope is the outer shape of everything the inbox holds: an Events API
// callback, a slash command (normalized to JSON with type "slash_command"),
// or an interaction payload.
type envelope struct {
	Type      string          `json:"type"`
	EventID   string          `json:"event_id"`
	EventTime int64           `json:"event_time"`
	Event     json.RawMessage `json:"event"`

	// Slash commands.
	Command     string `json:"command"`
	Text        string `json:"text"`
	UserID      string `json:"user_id"`
	ChannelID   string `json:"channel_id"`
	TriggerID   string `json:"trigger_id"`
	ResponseURL string `json:"response_url"`

	// Interactions.
	User       struct{ ID string } `json:"user"`
	Channel    struct{ ID string } `json:"channel"`
	CallbackID string              `json:"callback_id"`
	ActionTS   string              `json:"action_ts"`
	Actions    []struct {
		ActionID string `json:"action_id"`
		Value    string `json:"value"`
		// A static_select, radio_buttons or overflow element sends what
		// was picked here instead of a value.
		SelectedOption *struct {
			Value string `json:"value"`
		} `json:"selected_option"`
	} `json:"actions"`
	Message struct {
		TS       string `json:"ts"`
		ThreadTS string `json:"thread_ts"`
		Text     string `json:"text"`
	} `json:"message"`
}

type inner struct {
	Type        string          `json:"type"`
	Subtype     string          `json:"subtype"`
	Channel     json.RawMessage `json:"channel"` // a string, or an object for channel_rename
	ChannelType string          `json:"channel_type"`
	User        json.RawMessage `json:"user"` // a string, or an object for user_change
	BotID       string          `json:"bot_id"`
	Text        string          `json:"text"`
	TS          string          `json:"ts"`
	ThreadTS    string          `json:"thread_ts"`
	EventTS     string          `json:"event_ts"`
	DeletedTS   string          `json:"deleted_ts"`
	Edited      *struct {
		TS string `json:"ts"`
	} `json:"edited"`
	Files    []wireFile `json:"files"`
	Message  *inner     `json:"message"`
	Reaction string     `json:"reaction"`
	ItemUser string     `json:"item_user"`
	Item     struct {
		Type    string `json:"type"`
		Channel string `json:"channel"`
		TS      string `json:"ts"`
		Message *struct {
			TS string `json:"ts"`
		} `json:"message"` // pin_added, pin_removed
	} `json:"item"`
	ChannelID string `json:"channel_id"` // pin_added, pin_removed
	Tab       string `json:"tab"`        // app_home_opened: "home" or "messages"
}

type wireFile struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Title      string `json:"title"`
	Permalink  string `json:"permalink"`
	URLPrivate string `json:"url_private"`
}

// Decode turns a stored inbox payload into an Event. Unknown event types are
// not an error: they decode to KindUnknown.
func Decode(payload []byte) (bot.Event, error) {
	var env envelope
	if err := json.Unmarshal(payload, &env); err != nil {
		return bot.Event{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if env.Type == "" && len(env.Event) > 0 {
		env.Type = "event_callback" // an envelope with its type left out still carries its event
	}
	switch env.Type {
	case "event_callback":
		return decodeCallback(env, payload)
	case "slash_command":
		return decodeCommand(env, payload), nil
	case "block_actions", "message_action", "shortcut", "view_submission", "view_closed", "interactive_message":
		return decodeAction(env, payload), nil
	case "url_verification", "app_rate_limited":
		return bot.Event{ID: derivedID("sys", payload), Kind: bot.KindIgnored, Type: env.Type}, nil
	case "":
		return bot.Event{}, fmt.Errorf("%w: no type", ErrMalformed)
	}
	return bot.Event{ID: derivedID("unknown", payload), Kind: bot.KindUnknown, Type: env.Type}, nil
}

func decodeCallback(env envelope, payload []byte) (bot.Event, error) {
	if len(env.Event) == 0 || bytes.Equal(env.Event, []byte("null")) {
		return bot.Event{}, fmt.Errorf("%w: event_callback without event", ErrMalformed)
	}
	var in inner
	if err := json.Unmarshal(env.Event, &in); err != nil {
		return bot.Event{}, fmt.Errorf("%w: event: %v", ErrMalformed, err)
	}
	ev := bot.Event{ID: env.EventID, Type: in.Type, Subtype: in.Subtype}
	if ev.ID == "" {
		ev.ID = derivedID("ev", payload)
	}
	if in.Subtype != "" {
		ev.Type += "/" + in.Subtype
	}
	ev.Time = time.Unix(env.EventTime, 0).UTC()
	if t, ok := store.ParseTS(in.EventTS); ok && in.EventTS != "" {
		ev.Time = t
	}
	ev.Channel, ev.Name = channelOf(in.Channel)
	ev.ChannelType = in.ChannelType
	ev.User = userOf(in.User)
	ev.BotID = in.BotID
	classify(&ev, in)
	return clean(ev), nil
}

// classify sets the kind and the fields that depend on the event type.
func classify(ev *bot.Event, in inner) {
	switch in.Type {
	case "message":
		classifyMessage(ev, in)
	case "app_mention":
		ev.Kind = bot.KindMention
		ev.TS, ev.ThreadTS, ev.Text = in.TS, in.ThreadTS, in.Text
	case "reaction_added", "reaction_removed":
		ev.Kind = bot.KindReactionAdded
		if in.Type == "reaction_removed" {
			ev.Kind = bot.KindReactionRemoved
		}
		ev.Channel, ev.TS, ev.Reaction, ev.ItemUser = in.Item.Channel, in.Item.TS, in.Reaction, in.ItemUser
	case "member_joined_channel", "member_left_channel":
		ev.Kind = bot.KindJoin
		if in.Type == "member_left_channel" {
			ev.Kind = bot.KindLeave
		}
		ev.TS = in.EventTS
	case "pin_added", "pin_removed":
		ev.Kind = bot.KindPin
		if in.Type == "pin_removed" {
			ev.Kind = bot.KindUnpin
		}
		ev.Channel = cmp.Or(in.ChannelID, in.Item.Channel)
		if in.Item.Type == "message" && in.Item.Message != nil {
			ev.TS = in.Item.Message.TS
		} else {
			ev.Kind = bot.KindIgnored // a pinned file or comment: not a message
		}
	case "channel_rename", "group_rename":
		ev.Kind = bot.KindRename
	case "user_change", "team_join", "user_profile_changed":
		ev.Kind = bot.KindMemberChange
	case "app_home_opened":
		// The Messages tab needs nothing; the Home tab is published afresh.
		ev.Kind = bot.KindIgnored
		if in.Tab == "home" {
			ev.Kind = bot.KindHomeOpened
		}
	case "":
		ev.Kind = bot.KindUnknown
	default:
		if knownIgnored[in.Type] {
			ev.Kind = bot.KindIgnored
		} else {
			ev.Kind = bot.KindUnknown
		}
	}
}

func classifyMessage(ev *bot.Event, in inner) {
	switch in.Subtype {
	case "message_changed":
		ev.Kind = bot.KindEdit
		if in.Message != nil {
			m := in.Message
			ev.User, ev.BotID, ev.TS, ev.ThreadTS, ev.Text = userOf(m.User), m.BotID, m.TS, m.ThreadTS, m.Text
			ev.EditedTS = in.EventTS
			if m.Edited != nil && m.Edited.TS != "" {
				ev.EditedTS = m.Edited.TS
			}
			ev.Files = files(m.Files)
		}
		if ev.EditedTS == "" {
			ev.EditedTS = in.TS
		}
	case "message_deleted":
		ev.Kind = bot.KindDelete
		ev.TS = in.DeletedTS
	case "message_replied", "ekm_access_denied", "assistant_app_thread":
		ev.Kind = bot.KindIgnored
	default:
		ev.Kind = bot.KindMessage
		ev.TS, ev.ThreadTS, ev.Text = in.TS, in.ThreadTS, in.Text
		ev.Files = files(in.Files)
		if in.ChannelType == "im" && in.BotID == "" && in.Subtype == "" {
			ev.Kind = bot.KindDirect
		}
	}
	ev.Links = bot.Links(ev.Text)
}

// knownIgnored lists Slack event types Praxis receives but has no use for.
// It is read-only after package initialization.
var knownIgnored = setOf(`app_rate_limited app_requested app_uninstalled call_rejected
		channel_archive channel_created channel_deleted channel_history_changed channel_id_changed channel_left
		channel_shared channel_unarchive channel_unshared dnd_updated dnd_updated_user email_domain_changed
		emoji_changed file_change file_created file_deleted file_public file_shared file_unshared goodbye
		grid_migration_finished grid_migration_started group_archive group_close group_deleted
		group_history_changed group_left group_open group_unarchive im_close im_created im_history_changed
		im_open invite_requested link_shared resources_added resources_removed
		scope_denied scope_granted star_added star_removed subteam_created subteam_members_changed
		subteam_self_added subteam_self_removed subteam_updated team_access_granted team_access_revoked
		team_domain_change team_rename tokens_revoked user_huddle_changed user_resource_denied
		user_resource_granted user_resource_removed user_status_changed workflow_deleted workflow_published
		workflow_step_deleted workflow_step_execute workflow_unpublished`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func decodeCommand(env envelope, payload []byte) bot.Event {
	id := "cmd:" + env.TriggerID
	if env.TriggerID == "" {
		id = derivedID("cmd", payload)
	}
	return clean(bot.Event{ID: id, Kind: bot.KindCommand, Type: "slash_command", User: env.UserID, Channel: env.ChannelID,
		Text: env.Text, Command: bot.Command{Name: env.Command, Text: env.Text, TriggerID: env.TriggerID, ResponseURL: env.ResponseURL}})
}

func decodeAction(env envelope, payload []byte) bot.Event {
	ev := bot.Event{ID: derivedID("act", payload), Kind: bot.KindAction, Type: env.Type, User: env.User.ID,
		Channel: env.Channel.ID, TS: env.Message.TS, ThreadTS: env.Message.ThreadTS, Text: env.Message.Text,
		Command: bot.Command{Name: env.CallbackID, TriggerID: env.TriggerID, ResponseURL: env.ResponseURL}}
	if len(env.Actions) > 0 {
		a := env.Actions[0]
		ev.Command.Name, ev.Command.Value = a.ActionID, a.Value
		if a.Value == "" && a.SelectedOption != nil {
			ev.Command.Value = a.SelectedOption.Value
		}
	}
	return clean(ev)
}

func channelOf(raw json.RawMessage) (id, name string) {
	if len(raw) == 0 {
		return "", ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, ""
	}
	var obj struct{ ID, Name string }
	if json.Unmarshal(raw, &obj) == nil {
		return obj.ID, obj.Name
	}
	return "", ""
}

func userOf(raw json.RawMessage) string {
	id, _ := channelOf(raw) // same shapes: a string or an object with an id
	return id
}

func files(in []wireFile) []bot.File {
	var out []bot.File
	for _, f := range in {
		file := bot.NewFile(f.ID, f.Name, f.Title, f.Permalink, f.URLPrivate)
		if file.ID == "" && file.URL == "" {
			continue
		}
		out = append(out, file)
	}
	return out
}

// clean makes every text field valid UTF-8 so nothing downstream trips on it.
func clean(ev bot.Event) bot.Event {
	for _, p := range []*string{&ev.Text, &ev.User, &ev.Channel, &ev.TS, &ev.ThreadTS, &ev.Name, &ev.Command.Text, &ev.Command.Value} {
		*p = strings.ToValidUTF8(*p, "\uFFFD")
	}
	return ev
}

func derivedID(prefix string, payload []byte) string {
	sum := sha256.Sum256(payload)
	return prefix + ":" + hex.EncodeToString(sum[:12])
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
