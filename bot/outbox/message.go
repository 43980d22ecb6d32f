// Package outbox delivers what Praxis says. Features never call Slack to
// post: they enqueue a message in the store under an idempotency key, and the
// Poster sends it, rate limited, retried, and recorded, so that a crash or a
// restart at any point neither loses a message nor sends one twice.
package outbox

import (
	"encoding/json"

	"praxis/store"
)

// Message is the content of an outgoing message, stored as JSON.
type Message struct {
	Text      string          `json:"text"`
	Blocks    json.RawMessage `json:"blocks,omitempty"`
	ThreadTS  string          `json:"thread_ts,omitempty"`
	Broadcast bool            `json:"reply_broadcast,omitempty"`
	User      string          `json:"user,omitempty"` // chat.postEphemeral: who sees it; views.publish: whose Home
	TS        string          `json:"ts,omitempty"`   // chat.update: the message to change
	View      json.RawMessage `json:"view,omitempty"` // views.publish
	File      *File           `json:"file,omitempty"` // files.upload: the file, Text its comment
	// ResponseURL is where Respond posts: the response_url of the command
	// or interaction answered. Fallback is the method used instead once it
	// can no longer be used (expired, used up): today's chat.postEphemeral.
	ResponseURL string `json:"response_url,omitempty"`
	Fallback    string `json:"fallback,omitempty"`
}

// File is a file to upload (a report's chart).
type File struct {
	Name    string `json:"name"` // file name, e.g. active-members.png
	Title   string `json:"title"`
	AltText string `json:"alt_text,omitempty"`
	Data    []byte `json:"data"` // stored as base64
}

// Methods the poster knows how to send.
const (
	PostMessage   = "chat.postMessage"
	PostEphemeral = "chat.postEphemeral"
	UpdateMessage = "chat.update"
	PublishView   = "views.publish"
	// UploadFile uploads Message.File (files.getUploadURLExternal, the
	// upload, files.completeUploadExternal) into the channel or, for a user
	// id, their DM, with Message.Text as its comment.
	UploadFile = "files.upload"
	// Respond answers a slash command or an interaction through its
	// response_url (Message.ResponseURL), shown to Message.User alone. It
	// works in any conversation, Praxis a member or not, for 30 minutes.
	Respond = "response_url"
)

// New builds the outbox entry for a message. channel is a channel id, or a
// user id for a direct message.
func New(key, method, channel string, m Message) store.OutMessage {
	b, _ := json.Marshal(m) // a struct of strings and raw JSON always marshals
	return store.OutMessage{Key: key, Method: method, ChannelID: channel, Payload: string(b)}
}
