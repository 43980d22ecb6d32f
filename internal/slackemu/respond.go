package slackemu

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Response URLs, as Slack documents them
// (https://api.slack.com/interactivity/handling#message_responses): valid
// for 30 minutes, for up to 5 posts.
const (
	responseURLLife = 30 * time.Minute
	responseURLUses = 5
)

// serveResponseURL receives posts to a response_url handed out with a
// command or an action. Like Slack, it answers 404 expired_url after 30
// minutes (by Options.Now), 404 used_url after 5 posts, and 400 with the
// error for a message chat.postMessage would refuse. Faults apply to it as
// to the method "response_url".
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.rec.count("response_url")
	proceed, lose := s.injectFaults(w, r, "response_url")
	if !proceed {
		return
	}
	if lose > 0 {
		lr := &lostResponse{ResponseWriter: w}
		w = lr
		defer lr.answer500()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	t, status, code := s.useResponseURL(strings.TrimPrefix(r.URL.Path, "/respond/"), body)
	if status != http.StatusOK {
		http.Error(w, code, status)
		return
	}
	s.respond("response_url", t, body)
	writeJSON(w, obj{"ok": true})
}

// useResponseURL counts a post to the response_url with token, or says
// why Slack would refuse it.
func (s *Server) useResponseURL(token string, body []byte) (responseTarget, int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.ws.targets[token]
	switch {
	case !ok:
		return t, http.StatusNotFound, "invalid_url"
	case s.opts.Now().Sub(t.issued) > responseURLLife:
		return t, http.StatusNotFound, "expired_url"
	case t.uses >= responseURLUses:
		return t, http.StatusNotFound, "used_url"
	}
	var m struct {
		Text   string          `json:"text"`
		Blocks json.RawMessage `json:"blocks"`
	}
	if json.Unmarshal(body, &m) == nil {
		blocks := string(m.Blocks)
		if blocks == "null" {
			blocks = ""
		}
		if err := content(m.Text, blocks, "", true); err != nil {
			return t, http.StatusBadRequest, err.Error()
		}
	}
	t.uses++
	s.ws.targets[token] = t
	return t, http.StatusOK, ""
}

// respond applies a response to a command or an action: an acknowledgement
// payload, the body of an HTTP command response, or a response_url post.
// Slack's message fields apply: response_type "in_channel" posts a bot
// message; replace_original and delete_original act on the message an
// action came from; anything else is shown to the user alone (ephemeral).
// A body that is not JSON is taken as the text of an ephemeral message.
func (s *Server) respond(method string, t responseTarget, body []byte) {
	var r struct {
		Text            string          `json:"text"`
		Blocks          json.RawMessage `json:"blocks"`
		ResponseType    string          `json:"response_type"`
		ReplaceOriginal bool            `json:"replace_original"`
		DeleteOriginal  bool            `json:"delete_original"`
		ThreadTS        string          `json:"thread_ts"`
	}
	if json.Unmarshal(body, &r) != nil {
		r.Text = strings.TrimSpace(string(body))
	}
	if string(r.Blocks) == "null" {
		r.Blocks = nil
	}
	p := Posted{
		Method: method, Channel: t.channel, User: t.user, Text: r.Text, ThreadTS: r.ThreadTS,
		Blocks: slices.Clone(r.Blocks), Payload: slices.Clone(json.RawMessage(body)), Ephemeral: true,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.ws.convs[t.channel]
	var orig *message
	if c != nil && t.messageTS != "" {
		orig = c.find(t.messageTS)
	}
	switch {
	case orig != nil && r.DeleteOriginal:
		s.deleteLocked(c, orig)
		p.Ephemeral, p.TS = false, orig.ts
	case orig != nil && r.ReplaceOriginal && orig.botID == s.opts.BotID:
		prev := s.renderMessageLocked(c, orig, false)
		editTS, _ := s.nextTSLocked()
		orig.text, orig.blocks = r.Text, p.Blocks
		orig.edited = &edit{user: s.opts.BotUserID, ts: editTS}
		s.publishChangedLocked(c, orig, prev, editTS)
		p.Ephemeral, p.TS = false, orig.ts
	case c != nil && r.ResponseType == "in_channel":
		m := s.postBotLocked(c, r.Text, string(r.Blocks), "", r.ThreadTS, false)
		p.Ephemeral, p.TS, p.User = false, m.ts, s.opts.BotUserID
	}
	s.record(p)
}
