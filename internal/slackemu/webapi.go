package slackemu

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// apiMethod describes a Web API method the emulator serves.
type apiMethod struct {
	// args lists every argument the handler reads besides token; the spec
	// test checks each against Slack's OpenAPI description of the method.
	args []string
	// newer lists arguments Slack added after that 2021 description.
	newer []string
	// appToken marks methods that take the app-level token.
	appToken bool
	handle   func(*call) (obj, error)
}

// apiTable maps each served method to its description. Handlers run with the
// Server's mu held, and their response is encoded before it is released.
func (s *Server) apiTable() map[string]apiMethod {
	return map[string]apiMethod{
		"auth.test":             {handle: s.authTest},
		"team.info":             {args: []string{"team"}, handle: s.teamInfo},
		"apps.connections.open": {appToken: true, handle: s.appsConnectionsOpen},
		"users.info":            {args: []string{"user", "include_locale"}, handle: s.usersInfo},
		"users.list":            {args: []string{"cursor", "limit", "include_locale"}, handle: s.usersList},
		"users.profile.get":     {args: []string{"user", "include_labels"}, handle: s.usersProfileGet},
		"conversations.info":    {args: []string{"channel", "include_num_members"}, handle: s.conversationsInfo},
		"conversations.list":    {args: []string{"types", "cursor", "limit"}, handle: s.conversationsList},
		"conversations.members": {args: []string{"channel", "cursor", "limit"}, handle: s.conversationsMembers},
		"conversations.open":    {args: []string{"users", "channel"}, handle: s.conversationsOpen},
		"conversations.join":    {args: []string{"channel"}, handle: s.conversationsJoin},
		"conversations.history": {
			args:   []string{"channel", "oldest", "latest", "inclusive", "limit", "cursor"},
			newer:  []string{"include_all_metadata"},
			handle: s.conversationsHistory,
		},
		"conversations.replies": {
			args:   []string{"channel", "ts", "oldest", "latest", "inclusive", "limit", "cursor"},
			newer:  []string{"include_all_metadata"},
			handle: s.conversationsReplies,
		},
		"chat.postMessage": {
			args:   []string{"channel", "text", "blocks", "thread_ts", "reply_broadcast"},
			newer:  []string{"metadata"},
			handle: s.chatPostMessage,
		},
		"chat.postEphemeral": {
			args:   []string{"channel", "user", "text", "blocks", "thread_ts"},
			handle: s.chatPostEphemeral,
		},
		"chat.update": {
			args:   []string{"channel", "ts", "text", "blocks"},
			newer:  []string{"metadata"},
			handle: s.chatUpdate,
		},
		"chat.getPermalink":          {args: []string{"channel", "message_ts"}, handle: s.chatGetPermalink},
		"reactions.add":              {args: []string{"channel", "timestamp", "name"}, handle: s.reactionsAdd},
		"views.publish":              {args: []string{"user_id", "view", "hash"}, handle: s.viewsPublish},
		"views.open":                 {args: []string{"trigger_id", "view"}, handle: s.viewsOpen},
		"files.getUploadURLExternal": {args: []string{"filename", "length"}, handle: s.filesGetUploadURLExternal},
		"files.completeUploadExternal": {
			args:   []string{"files", "channel_id", "channels", "initial_comment", "thread_ts", "blocks"},
			handle: s.filesCompleteUploadExternal,
		},
	}
}

// apiError is a Slack error code, answered as {"ok":false,"error":code}.
type apiError string

func (e apiError) Error() string { return string(e) }

// call is one Web API request being handled.
type call struct {
	method string
	spec   apiMethod
	args   map[string]string
}

// arg returns an argument, "" when absent. Reading an argument missing from
// the method's table is a bug in the emulator, and panics, so that the table
// the spec test checks stays complete.
func (c *call) arg(name string) string {
	if !slices.Contains(c.spec.args, name) && !slices.Contains(c.spec.newer, name) {
		panic(fmt.Sprintf("slackemu: %s reads undeclared argument %q", c.method, name))
	}
	return c.args[name]
}

// flag reads a boolean argument ("1" or "true").
func (c *call) flag(name string) bool {
	v := c.arg(name)
	return v == "1" || strings.EqualFold(v, "true")
}

// serveAPI answers /api/<method>.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	s.rec.count(method)
	proceed, lose := s.injectFaults(w, r, method)
	if !proceed {
		return
	}
	if lose > 0 {
		// Carry the call out, then lose the answer.
		lr := &lostResponse{ResponseWriter: w}
		w = lr
		defer func() {
			t := time.NewTimer(lose - 1)
			defer t.Stop()
			select {
			case <-t.C:
			case <-s.ctx.Done():
			}
			lr.answer500()
		}()
	}
	spec, ok := s.api[method]
	if !ok {
		writeJSON(w, obj{"ok": false, "error": "unknown_method"})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 10<<20)
	args, err := parseArgs(r)
	if err != nil {
		writeJSON(w, obj{"ok": false, "error": err.Error()})
		return
	}
	if code := s.authorize(r, args, spec.appToken); code != "" {
		writeJSON(w, obj{"ok": false, "error": code})
		return
	}
	c := &call{method: method, spec: spec, args: args}
	s.mu.Lock()
	if need := s.missingScopeLocked(c); need != "" {
		s.mu.Unlock()
		writeJSON(w, obj{"ok": false, "error": "missing_scope", "needed": need,
			"provided": strings.Join(s.opts.Scopes, ",")})
		return
	}
	resp, err := spec.handle(c)
	var body []byte
	if err == nil {
		resp["ok"] = true
		body = rawJSON(resp)
	}
	s.mu.Unlock()
	if err != nil {
		var code apiError
		if !errors.As(err, &code) {
			s.opts.Logf("slackemu: %s: %v", method, err)
			code = "internal_error"
		}
		writeJSON(w, obj{"ok": false, "error": string(code)})
		return
	}
	writeBody(w, body)
}

// authorize checks the token of a call and returns an error code, or "".
func (s *Server) authorize(r *http.Request, args map[string]string, appToken bool) string {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if token == "" {
		token = args["token"]
	}
	want, other := s.opts.BotToken, s.opts.AppToken
	if appToken {
		want, other = other, want
	}
	switch token {
	case want:
		return ""
	case "":
		return "not_authed"
	case other:
		return "not_allowed_token_type"
	}
	return "invalid_auth"
}

// parseArgs collects the arguments of a call from its query string and its
// body, which may be a URL-encoded or multipart form, or a JSON object whose
// non-string values are kept as JSON text (a view object, for instance).
func parseArgs(r *http.Request) (map[string]string, error) {
	args := map[string]string{}
	for k, v := range r.URL.Query() {
		args[k] = v[0]
	}
	if r.Method != http.MethodPost {
		return args, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		data, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, apiError("invalid_json")
		}
		if len(strings.TrimSpace(string(data))) == 0 {
			return args, nil
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(data, &fields); err != nil {
			return nil, apiError("invalid_json")
		}
		for k, raw := range fields {
			var str string
			switch {
			case json.Unmarshal(raw, &str) == nil:
				args[k] = str
			case string(raw) != "null":
				args[k] = string(raw)
			}
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(10 << 20); err != nil {
			return nil, apiError("invalid_form_data")
		}
		for k, v := range r.MultipartForm.Value {
			args[k] = v[0]
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, apiError("invalid_form_data")
		}
		for k, v := range r.PostForm {
			args[k] = v[0]
		}
	}
	return args, nil
}

func writeJSON(w http.ResponseWriter, v any) { writeBody(w, rawJSON(v)) }

func writeBody(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// lostResponse swallows an answer and sends a 500 instead.
type lostResponse struct {
	http.ResponseWriter
	header http.Header
}

func (l *lostResponse) Header() http.Header {
	if l.header == nil {
		l.header = http.Header{}
	}
	return l.header
}
func (l *lostResponse) Write(b []byte) (int, error) { return len(b), nil }
func (l *lostResponse) WriteHeader(int)             {}
func (l *lostResponse) answer500() {
	const msg = "internal server error after the call was carried out (injected by slackemu)"
	http.Error(l.ResponseWriter, msg, http.StatusInternalServerError)
}
