package slackemu

import (
	"encoding/json"
	"slices"
	"sync"
	"time"
)

// Posted is something the bot made visible: a message, an ephemeral message,
// an update, a view, a reaction, a file, or the response to a command.
type Posted struct {
	// Method is the Web API method, or "ack" for the payload of a command's
	// acknowledgement (Socket Mode ack or HTTP response body), or
	// "response_url" for a post to a command's or action's response URL.
	Method string
	// Channel is the conversation posted in ("" for views).
	Channel string
	// User is the bot for messages and reactions; the recipient for
	// ephemeral messages and views.
	User string
	// Text is the message text, the reaction name for reactions.add, or the
	// initial comment of a file upload.
	Text     string
	ThreadTS string
	// TS is the message's ts (the reacted-to or updated message's for
	// reactions.add and chat.update).
	TS       string
	Blocks   json.RawMessage
	Metadata json.RawMessage
	// Payload is the raw view for views.*, or the raw body of an ack or a
	// response_url post.
	Payload   json.RawMessage
	Files     []File
	Ephemeral bool
	At        time.Time
}

// recorder keeps what the bot did, in order.
type recorder struct {
	mu     sync.Mutex
	posted []Posted
	calls  map[string]int
}

func (r *recorder) count(method string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.calls == nil {
		r.calls = map[string]int{}
	}
	r.calls[method]++
}

func (r *recorder) add(p Posted) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.posted = append(r.posted, p)
}

// Posted returns, in order, what the bot posted through chat.postMessage,
// chat.postEphemeral, chat.update, views.publish, views.open, reactions.add,
// files.completeUploadExternal, command acknowledgements and response URLs.
func (s *Server) Posted() []Posted {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	out := slices.Clone(s.rec.posted)
	for i := range out {
		p := &out[i]
		p.Files = slices.Clone(p.Files)
		p.Blocks, p.Metadata, p.Payload = slices.Clone(p.Blocks), slices.Clone(p.Metadata), slices.Clone(p.Payload)
	}
	return out
}

// Calls reports how many times the bot called a Web API method, failed and
// fault-injected calls included.
func (s *Server) Calls(method string) int {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	return s.rec.calls[method]
}

// record adds a post stamped with the clock.
func (s *Server) record(p Posted) {
	p.At = s.opts.Now()
	s.rec.add(p)
}

// cloneRaw copies JSON kept from a request, or returns nil for none.
func cloneRaw(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}
