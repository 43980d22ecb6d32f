package slackemu

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestUpdateEphemeralPermalinkReaction(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	_, ts, err := api.PostMessage("CGEN", slack.MsgOptionText("draft", false))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := api.UpdateMessage("CGEN", ts, slack.MsgOptionText("final", false)); err != nil {
		t.Fatalf("chat.update: %v", err)
	}
	alice := s.UserMessage("CGEN", "UALICE", "mine")
	_, _, _, err = api.UpdateMessage("CGEN", alice, slack.MsgOptionText("hijack", false))
	if err == nil || err.Error() != "cant_update_message" {
		t.Errorf("updating a member's message: err = %v, want cant_update_message", err)
	}
	if _, err := api.PostEphemeral("CGEN", "UBOB", slack.MsgOptionText("psst", false)); err != nil {
		t.Errorf("chat.postEphemeral: %v", err)
	}
	if _, err := api.PostEphemeral("CGEN", "UNOBODY", slack.MsgOptionText("psst", false)); err == nil {
		t.Error("ephemeral to an unknown user succeeded")
	}
	link, err := api.GetPermalink(&slack.PermalinkParameters{Channel: "CGEN", Ts: alice})
	if err != nil || link != "https://emulator.slack.local/archives/CGEN/p1700000000000002" {
		t.Errorf("permalink = %q, %v", link, err)
	}
	ref := slack.NewRefToMessage("CGEN", alice)
	if err := api.AddReaction("eyes", ref); err != nil {
		t.Errorf("reactions.add: %v", err)
	}
	if err := api.AddReaction("eyes", ref); err == nil || err.Error() != "already_reacted" {
		t.Errorf("second reactions.add: err = %v, want already_reacted", err)
	}

	var got []string
	for _, p := range s.Posted() {
		got = append(got, p.Method+":"+p.Text)
	}
	want := "chat.postMessage:draft chat.update:final chat.postEphemeral:psst reactions.add:eyes"
	if strings.Join(got, " ") != want {
		t.Errorf("Posted = %v, want %s", got, want)
	}
	if p := s.Posted()[2]; !p.Ephemeral || p.User != "UBOB" {
		t.Errorf("ephemeral Posted = %+v, want Ephemeral for UBOB", p)
	}
	hist, _ := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "CGEN"})
	if m := hist.Messages[1]; m.Text != "final" || m.Edited == nil {
		t.Errorf("updated message = %+v, want text final and edited", m)
	}
	if m := hist.Messages[0]; len(m.Reactions) != 1 || m.Reactions[0].Count != 1 {
		t.Errorf("reactions = %+v", m.Reactions)
	}
}

func TestFileUpload(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	f, err := api.UploadFileContext(context.Background(), slack.UploadFileParameters{
		Filename: "report.csv", Content: "a,b\n1,2\n", FileSize: 8, Title: "Report",
		Channel: "CGEN", InitialComment: "weekly report",
	})
	if err != nil {
		t.Fatalf("UploadFile: %v", err)
	}
	if content, ok := s.FileContent(f.ID); !ok || string(content) != "a,b\n1,2\n" {
		t.Errorf("FileContent = %q, %v", content, ok)
	}
	hist, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "CGEN"})
	if err != nil || len(hist.Messages) != 1 {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	m := hist.Messages[0]
	if m.Text != "weekly report" || len(m.Files) != 1 || m.Files[0].Title != "Report" || m.Files[0].Size != 8 {
		t.Errorf("file message = %+v", m)
	}
	var buf strings.Builder
	if err := api.GetFile(m.Files[0].URLPrivateDownload, &buf); err != nil || buf.String() != "a,b\n1,2\n" {
		t.Errorf("GetFile = %q, %v", buf.String(), err)
	}
	if p := s.Posted()[0]; p.Method != "files.completeUploadExternal" || p.Channel != "CGEN" || len(p.Files) != 1 {
		t.Errorf("Posted = %+v", p)
	}
}

func TestViewsAndTeam(t *testing.T) {
	s := newEmu(t, Options{})
	api := s.Client()
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", "*Welcome*", false, false), nil, nil),
	}}}
	resp, err := api.PublishView("UALICE", home, "")
	if err != nil {
		t.Fatalf("views.publish: %v", err)
	}
	if _, err := api.PublishView("UALICE", home, "stale"); err == nil || err.Error() != "hash_conflict" {
		t.Errorf("publish with a stale hash: err = %v, want hash_conflict", err)
	}
	if _, err := api.PublishView("UALICE", home, resp.Hash); err != nil {
		t.Errorf("publish with the current hash: %v", err)
	}
	modal := slack.ModalViewRequest{
		Type:  slack.VTModal,
		Title: slack.NewTextBlockObject("plain_text", "Ask", false, false),
	}
	if _, err := api.OpenView("made-up", modal); err == nil || err.Error() != "invalid_trigger_id" {
		t.Errorf("views.open with an unknown trigger: err = %v, want invalid_trigger_id", err)
	}
	if err := s.SlashCommand("UBOB", "CGEN", "ask"); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	var trigger string
	for tr := range s.ws.triggers {
		trigger = tr
	}
	s.mu.Unlock()
	if _, err := api.OpenView(trigger, modal); err != nil {
		t.Errorf("views.open: %v", err)
	}
	posted := s.Posted()
	if len(posted) != 3 || posted[0].Method != "views.publish" || posted[2].Method != "views.open" ||
		posted[2].User != "UBOB" {
		t.Errorf("Posted = %+v", posted)
	}
	if !strings.Contains(string(posted[0].Blocks), "*Welcome*") {
		t.Errorf("views.publish blocks = %s", posted[0].Blocks)
	}

	team, err := api.GetTeamInfo()
	if err != nil || team.ID != "T0EMU" || team.Name != "Praxis Emulator" {
		t.Errorf("team.info = %+v, %v", team, err)
	}
	auth, err := api.AuthTest()
	if err != nil || auth.UserID != "UPRAXIS" || auth.BotID != "BPRAXIS" || auth.TeamID != "T0EMU" {
		t.Errorf("auth.test = %+v, %v", auth, err)
	}
}

func TestActivityPanicsOnUnknownChannel(t *testing.T) {
	s := newEmu(t, Options{})
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "CNONE") {
			t.Errorf("recover() = %v, want a panic naming CNONE", r)
		}
	}()
	s.UserMessage("CNONE", "UALICE", "x")
}

func TestClosedServer(t *testing.T) {
	s := New(Options{})
	s.Close()
	s.Close() // idempotent
	if err := s.DeliverRaw([]byte(`{}`)); !errors.Is(err, ErrClosed) {
		t.Errorf("DeliverRaw after Close: err = %v, want ErrClosed", err)
	}
	if err := s.WaitAcked(context.Background()); err != nil {
		t.Errorf("WaitAcked with nothing pending: %v", err)
	}
}
