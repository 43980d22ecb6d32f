package slackio

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/slack-go/slack"
)

// views.publish goes out through slack-go as JSON labelled utf-8, its body
// untouched; form posts (chat.postMessage) keep their own content type.
func TestJSONCharsetAtTheWire(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{}
	var view json.RawMessage
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got[r.URL.Path] = r.Header.Get("Content-Type")
		if r.URL.Path == "/api/views.publish" {
			var req struct{ View json.RawMessage }
			_ = json.Unmarshal(body, &req)
			view = req.View
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = io.WriteString(w, `{"ok":true,"channel":"C1","ts":"1.2"}`)
	}))
	defer srv.Close()
	api := slack.New("xoxb-test", slack.OptionAPIURL(srv.URL+"/api/"),
		slack.OptionHTTPClient(&http.Client{Transport: JSONCharset(nil)}))
	ctx := context.Background()
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "Café & <b>", false, false), nil, nil)}}}
	if _, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: home}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("hi", false)); err != nil {
		t.Fatal(err)
	}
	if ct := got["/api/views.publish"]; ct != "application/json; charset=utf-8" {
		t.Errorf("views.publish: got Content-Type %q, want application/json; charset=utf-8", ct)
	}
	if ct := got["/api/chat.postMessage"]; ct != "application/x-www-form-urlencoded" {
		t.Errorf("chat.postMessage: got Content-Type %q, want the form type unchanged", ct)
	}
	want, _ := json.Marshal(home)
	if string(view) != string(want) {
		t.Errorf("got view %s, want %s", view, want)
	}
}
