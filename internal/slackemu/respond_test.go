package slackemu

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// A response_url works where the bot is not a member, for 30 minutes and 5
// posts, and refuses what chat.postMessage would.
func TestResponseURLLimits(t *testing.T) {
	var now atomic.Int64
	now.Store(epoch.UnixNano())
	s := newEmu(t, Options{PingInterval: 50 * time.Millisecond, Now: func() time.Time { return time.Unix(0, now.Load()) }})
	client := startSocketMode(t, s)
	command := func(channel string) string {
		t.Helper()
		if err := s.SlashCommand("UALICE", channel, "help"); err != nil {
			t.Fatal(err)
		}
		e := nextEvent(t, client, socketmode.EventTypeSlashCommand)
		client.Ack(*e.Request)
		return e.Data.(slack.SlashCommand).ResponseURL
	}
	post := func(url, body string) (int, string) {
		t.Helper()
		resp, err := http.Post(url, "application/json; charset=utf-8", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.TrimSpace(string(b))
	}
	url := command("GSECRET") // a private channel the bot is not in
	for i := range 5 {
		if code, body := post(url, `{"text":"answer","response_type":"ephemeral"}`); code != 200 {
			t.Fatalf("post %d: got %d %s, want 200", i+1, code, body)
		}
	}
	if code, body := post(url, `{"text":"sixth"}`); code != 404 || body != "used_url" {
		t.Errorf("sixth post: got %d %s, want 404 used_url", code, body)
	}
	p := s.Posted()
	if len(p) != 5 || p[0].Channel != "GSECRET" || p[0].User != "UALICE" || !p[0].Ephemeral || p[0].Text != "answer" {
		t.Errorf("got %+v, want five answers shown to alice alone in GSECRET", p)
	}
	chart := `{"type":"data_visualization","title":"t","chart":{"type":"pie","segments":[{"label":"a","value":1}]}}`
	url = command("COUT")
	if code, body := post(url, `{"blocks":[`+chart+`,`+chart+`,`+chart+`]}`); code != 400 || body != "invalid_blocks" {
		t.Errorf("three charts: got %d %s, want 400 invalid_blocks", code, body)
	}
	if code, _ := post(url, `{"blocks":[`+chart+`,`+chart+`]}`); code != 200 {
		t.Errorf("two charts: got %d, want 200", code)
	}
	now.Add(int64(30*time.Minute + time.Second))
	if code, body := post(url, `{"text":"late"}`); code != 404 || body != "expired_url" {
		t.Errorf("after 30 minutes: got %d %s, want 404 expired_url", code, body)
	}
	pie := slack.NewDataVisualizationPieChart(slack.NewDataVisualizationSegment("x", 1))
	if _, _, err := s.Client().PostMessage("CGEN", slack.MsgOptionBlocks(
		slack.NewDataVisualizationBlock("a", pie),
		slack.NewDataVisualizationBlock("b", pie),
		slack.NewDataVisualizationBlock("c", pie))); err == nil || err.Error() != "invalid_blocks" {
		t.Errorf("chat.postMessage with three charts: got %v, want invalid_blocks", err)
	}
}
