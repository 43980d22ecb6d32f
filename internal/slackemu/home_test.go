package slackemu

import (
	"strings"
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// A member uses the elements of the Home the bot published for them: the
// bot gets block_actions from the view, a button's value or a select's
// picked option.
func TestHomeAction(t *testing.T) {
	s := newEmu(t, Options{})
	client := startSocketMode(t, s)
	nextEvent(t, client, socketmode.EventTypeConnected)
	api := s.Client()
	if err := s.HomeAction("UALICE", "home_nudges", ""); err == nil || !strings.Contains(err.Error(), "no Home") {
		t.Fatalf("got %v, want an error: nothing published for alice yet", err)
	}
	hours := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "home_digest_hour",
		slack.NewOptionBlockObject("default", slack.NewTextBlockObject("plain_text", "Community's", false, false), nil),
		slack.NewOptionBlockObject("7", slack.NewTextBlockObject("plain_text", "07:00", false, false), nil))
	turnOff := slack.NewButtonBlockElement("home_nudges", "off",
		slack.NewTextBlockObject("plain_text", "Turn off", false, false))
	run := slack.NewButtonBlockElement("home_report:0", "Security",
		slack.NewTextBlockObject("plain_text", "Run", false, false))
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", "*Nudges*: on", false, false), nil,
			slack.NewAccessory(turnOff)),
		slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", "*Hour*", false, false), nil, slack.NewAccessory(hours)),
		slack.NewActionBlock("facil", run),
	}}}
	if _, err := api.PublishView("UALICE", home, ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ action, value, wantValue, wantOption string }{
		{"home_nudges", "", "off", ""},
		{"home_report:0", "", "Security", ""},
		{"home_report:0", "Forged", "Forged", ""},
		{"home_digest_hour", "7", "", "7"},
	} {
		if err := s.HomeAction("UALICE", c.action, c.value); err != nil {
			t.Fatal(err)
		}
		e := nextEvent(t, client, socketmode.EventTypeInteractive)
		client.Ack(*e.Request)
		cb, ok := e.Data.(slack.InteractionCallback)
		if !ok || cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) != 1 {
			t.Fatalf("%s: got %+v, want block_actions", c.action, e.Data)
		}
		a := cb.ActionCallback.BlockActions[0]
		fromView := cb.Container.Type == "view" && cb.View.ID == "VUALICE" && cb.View.Hash != ""
		if cb.User.ID != "UALICE" || !fromView || cb.TriggerID == "" || cb.ResponseURL != "" ||
			a.ActionID != c.action || a.Value != c.wantValue || a.SelectedOption.Value != c.wantOption {
			t.Fatalf("%s: got %+v / %+v", c.action, cb, a)
		}
	}
	for _, c := range []struct{ action, value, want string }{
		{"home_digest_hour", "25", "not an option"},
		{"home_missing", "", "no element"},
	} {
		if err := s.HomeAction("UALICE", c.action, c.value); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s=%s: got %v, want %q", c.action, c.value, err, c.want)
		}
	}
	if err := s.HomeAction("UBOB", "home_nudges", ""); err == nil {
		t.Error("got bob using alice's Home, want an error")
	}
}
