// Package bot holds Praxis's own vocabulary, shared by its capabilities: the
// Event every Slack input is decoded into, the Community the configuration
// is resolved into once, and the Directory of communities by channel and
// by name. Slack SDK types stop at the transport (bot/slackio); everything
// past it speaks in these types.
package bot

import "time"

// Kind says what an Event means to Praxis.
type Kind string

// Event kinds. Contributions are recorded; commands are answered.
const (
	KindMessage         Kind = "message"          // a new message, thread reply, broadcast or file share
	KindEdit            Kind = "edit"             // message_changed
	KindDelete          Kind = "delete"           // message_deleted
	KindReactionAdded   Kind = "reaction_added"   // reaction_added
	KindReactionRemoved Kind = "reaction_removed" // reaction_removed
	KindJoin            Kind = "join"             // member_joined_channel
	KindLeave           Kind = "leave"            // member_left_channel
	KindRename          Kind = "rename"           // channel_rename
	KindPin             Kind = "pin"              // pin_added, or an exported message's pinned_to
	KindUnpin           Kind = "unpin"            // pin_removed
	KindMemberChange    Kind = "member_change"    // user_change, team_join: refresh the profile
	KindMention         Kind = "mention"          // app_mention: a command addressed to Praxis
	KindDirect          Kind = "direct"           // a direct message to Praxis: a command, never a contribution
	KindCommand         Kind = "command"          // the /praxis slash command
	KindAction          Kind = "action"           // interactivity: buttons, shortcuts, views
	KindHomeOpened      Kind = "home_opened"      // app_home_opened on the Home tab: publish the member's Home
	KindIgnored         Kind = "ignored"          // a known Slack event Praxis has no use for
	KindUnknown         Kind = "unknown"          // an event type Praxis does not know
)

// Event is one input from Slack, decoded.
type Event struct {
	ID          string // Slack event_id (or a derived key for commands and actions)
	Kind        Kind
	Type        string // Slack's type, with the subtype after a slash ("message/file_share")
	Time        time.Time
	Channel     string
	ChannelType string // "channel", "group", "im", "mpim"
	User        string
	BotID       string
	TS          string
	ThreadTS    string
	Subtype     string
	Text        string
	Terms       string // Text's full-text terms computed ahead (an import, on spare cores), or "": the store's job
	EditedTS    string
	Reaction    string
	ItemUser    string
	Name        string // a channel's new name
	Files       []File
	Links       []Link
	Command     Command // for KindCommand and KindAction
}

// File is a file shared in a message.
type File struct {
	ID, Name, Title, URL string
}

// NewFile describes a shared file; its URL is the permalink when Slack gives
// one, else the private download URL.
func NewFile(id, name, title, permalink, urlPrivate string) File {
	url := permalink
	if url == "" {
		url = urlPrivate
	}
	return File{ID: id, Name: name, Title: title, URL: url}
}

// Link is a URL found in a message's text.
type Link struct {
	URL, Title string
}

// Command is a slash command or an interaction.
type Command struct {
	Name        string // "/praxis", or the action/callback id
	Text        string
	TriggerID   string
	ResponseURL string
	Value       string
}

// IsContribution reports whether the event is something a member did in a
// channel, to be recorded when the channel is mapped.
func (e Event) IsContribution() bool {
	switch e.Kind {
	case KindMessage, KindEdit, KindDelete, KindReactionAdded, KindReactionRemoved, KindJoin, KindLeave, KindRename,
		KindPin, KindUnpin:
		return true
	}
	return false
}
