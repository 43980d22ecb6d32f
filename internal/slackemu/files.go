package slackemu

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// upload is a file the bot uploads in the external upload flow:
// files.getUploadURLExternal, a POST to the upload URL, then
// files.completeUploadExternal.
type upload struct {
	name     string
	length   int
	content  []byte
	uploaded bool
}

func (s *Server) filesGetUploadURLExternal(c *call) (obj, error) {
	name := c.arg("filename")
	length, err := strconv.Atoi(c.arg("length"))
	if name == "" || err != nil || length <= 0 {
		return nil, apiError("invalid_arguments")
	}
	id := s.newID("F")
	s.ws.uploads[id] = &upload{name: name, length: length}
	return obj{"upload_url": s.base + "/upload/" + id, "file_id": id}, nil
}

// serveUpload receives the content of an upload, as a multipart form (what
// slack-go sends) or a raw body.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/upload/")
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<20)
	var content []byte
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		var f io.ReadCloser
		if f, _, err = r.FormFile("file"); err == nil {
			content, err = io.ReadAll(f)
			f.Close()
		}
	} else {
		content, err = io.ReadAll(r.Body)
	}
	if err != nil {
		http.Error(w, "bad upload: "+err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	u, ok := s.ws.uploads[id]
	if ok {
		u.content, u.uploaded = content, true
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	fmt.Fprintf(w, "OK - %d", len(content))
}

// filesCompleteUploadExternal completes uploads and shares them, as one bot
// message with subtype file_share, in each channel given.
func (s *Server) filesCompleteUploadExternal(c *call) (obj, error) {
	var files []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if json.Unmarshal([]byte(c.arg("files")), &files) != nil || len(files) == 0 {
		return nil, apiError("invalid_arguments")
	}
	var shared []File
	for _, f := range files {
		u, ok := s.ws.uploads[f.ID]
		if !ok || !u.uploaded {
			return nil, apiError("file_not_found")
		}
		title := f.Title
		if title == "" {
			title = u.name
		}
		shared = append(shared, File{ID: f.ID, Name: u.name, Title: title, URL: s.base + "/files/" + f.ID + "/" + u.name})
	}
	var channels []*conv
	for _, id := range channelList(c.arg("channel_id"), c.arg("channels")) {
		cv, err := s.postTargetLocked(id)
		if err != nil {
			return nil, err
		}
		channels = append(channels, cv)
	}
	text, blocks := c.arg("initial_comment"), c.arg("blocks")
	if err := content(text, blocks, "", false); err != nil {
		return nil, err
	}
	p := Posted{Method: c.method, User: s.opts.BotUserID, Text: text, Blocks: cloneRaw(blocks), Files: shared}
	for _, cv := range channels {
		m := &message{
			user: s.opts.BotUserID, botID: s.opts.BotID, text: text, subtype: "file_share",
			blocks: cloneRaw(blocks), files: slices.Clone(shared),
		}
		if ts := c.arg("thread_ts"); ts != "" {
			m.threadTS = s.threadRootLocked(cv, ts)
		}
		m.ts, m.at = s.nextTSLocked()
		cv.add(m)
		s.publishMessageLocked(cv, m)
		p.Channel, p.ThreadTS, p.TS = cv.ID, m.threadTS, m.ts
		s.record(p)
	}
	if len(channels) == 0 {
		s.record(p)
	}
	out := make([]obj, len(shared))
	for i, f := range shared {
		out[i] = obj{"id": f.ID, "title": f.Title}
	}
	return obj{"files": out}, nil
}

// channelList merges channel_id and the comma-separated channels.
func channelList(one, many string) []string {
	var ids []string
	for _, id := range append([]string{one}, strings.Split(many, ",")...) {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// serveFile serves an uploaded file's content (url_private) to the bot.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+s.opts.BotToken {
		http.Error(w, "not authed", http.StatusUnauthorized)
		return
	}
	id, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/files/"), "/")
	content, ok := s.FileContent(id)
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(content)
}

// FileContent returns the content the bot uploaded for file id.
func (s *Server) FileContent(id string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.ws.uploads[id]
	if !ok || !u.uploaded {
		return nil, false
	}
	return slices.Clone(u.content), true
}
