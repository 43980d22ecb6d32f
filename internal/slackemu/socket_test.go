package slackemu

import (
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// eventsAPI returns the next events_api envelope and its parsed event.
func eventsAPI(t *testing.T, c *socketmode.Client) (*socketmode.Request, slackevents.EventsAPIEvent) {
	t.Helper()
	e := nextEvent(t, c, socketmode.EventTypeEventsAPI)
	return e.Request, e.Data.(slackevents.EventsAPIEvent)
}

func eventID(t *testing.T, ev slackevents.EventsAPIEvent) string {
	t.Helper()
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		t.Fatalf("outer event is %T, want an event_callback", ev.Data)
	}
	return cb.EventID
}

func TestSocketModeDeliveryAndAck(t *testing.T) {
	s := newEmu(t, Options{PingInterval: 50 * time.Millisecond})
	s.UserMessage("CGEN", "UALICE", "before connecting")
	if got := s.Pending(); got != 1 {
		t.Errorf("Pending before any connection = %d, want 1 (queued)", got)
	}
	client := startSocketMode(t, s)
	hello := nextEvent(t, client, socketmode.EventTypeHello)
	if hello.Request.NumConnections != 1 || hello.Request.ConnectionInfo.AppID != "A0EMU" {
		t.Errorf("hello = %+v", hello.Request)
	}
	req, ev := eventsAPI(t, client)
	msg, ok := ev.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok || msg.Text != "before connecting" || msg.User != "UALICE" || msg.Channel != "CGEN" ||
		msg.ChannelType != "channel" {
		t.Fatalf("inner event = %#v", ev.InnerEvent.Data)
	}
	if ev.TeamID != "T0EMU" || ev.APIAppID != "A0EMU" || req.RetryAttempt != 0 {
		t.Errorf("envelope = team %q app %q retry %d", ev.TeamID, ev.APIAppID, req.RetryAttempt)
	}
	client.Ack(*req)
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if s.Pending() != 0 || s.Deliveries() != 1 || s.Connections() != 1 {
		t.Errorf("Pending %d Deliveries %d Connections %d, want 0 1 1", s.Pending(), s.Deliveries(), s.Connections())
	}

	// The bot's own post comes back, marked with bot_id and without subtype.
	if _, _, err := client.PostMessage("CGEN", slack.MsgOptionText("from the bot <@UALICE>", false)); err != nil {
		t.Fatal(err)
	}
	req, ev = eventsAPI(t, client)
	own := ev.InnerEvent.Data.(*slackevents.MessageEvent)
	if own.BotID != "BPRAXIS" || own.User != "UPRAXIS" || own.SubType != "" {
		t.Errorf("own post = bot_id %q user %q subtype %q", own.BotID, own.User, own.SubType)
	}
	client.Ack(*req)

	// A mention brings the message event and an app_mention.
	s.UserMessage("CGEN", "UBOB", "hey <@UPRAXIS> help")
	for _, want := range []string{"message", "app_mention"} {
		req, ev = eventsAPI(t, client)
		if ev.InnerEvent.Type != want {
			t.Errorf("event type = %s, want %s", ev.InnerEvent.Type, want)
		}
		client.Ack(*req)
	}
	// Nothing from a channel the bot is not in.
	s.UserMessage("COUT", "UALICE", "unseen")
	if err := s.WaitAcked(ctxT(t)); err != nil || s.Deliveries() != 4 {
		t.Errorf("WaitAcked = %v with %d deliveries, want 4 (nothing from #outside)", err, s.Deliveries())
	}
}

func TestSocketModeRedeliversUnacked(t *testing.T) {
	s := newEmu(t, Options{AckTimeout: 500 * time.Millisecond, PingInterval: 50 * time.Millisecond})
	client := startSocketMode(t, s)
	s.UserMessage("CGEN", "UALICE", "ack me")
	first, ev1 := eventsAPI(t, client) // not acked
	second, ev2 := eventsAPI(t, client)
	if second.RetryAttempt != 1 || second.RetryReason != "timeout" {
		t.Errorf("redelivery retry = %d %q, want 1 timeout", second.RetryAttempt, second.RetryReason)
	}
	if second.EnvelopeID == first.EnvelopeID || eventID(t, ev1) != eventID(t, ev2) {
		t.Errorf("redelivery envelope %s event %s; first %s %s: want a new envelope, the same event",
			second.EnvelopeID, eventID(t, ev2), first.EnvelopeID, eventID(t, ev1))
	}
	client.Ack(*first) // a late ack of any attempt settles the delivery
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if s.Abandoned() != 0 || s.Deliveries() != 2 {
		t.Errorf("Abandoned %d Deliveries %d, want 0 and 2", s.Abandoned(), s.Deliveries())
	}
}

func TestSocketModeGivesUpAfterThreeRetries(t *testing.T) {
	s := newEmu(t, Options{AckTimeout: 30 * time.Millisecond, PingInterval: 50 * time.Millisecond})
	client := startSocketMode(t, s)
	s.UserMessage("CGEN", "UALICE", "never acked")
	for want := range 4 {
		if req, _ := eventsAPI(t, client); req.RetryAttempt != want {
			t.Errorf("attempt %d has retry_attempt %d", want, req.RetryAttempt)
		}
	}
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if s.Abandoned() != 1 || s.Deliveries() != 4 || s.Pending() != 0 {
		t.Errorf("Abandoned %d Deliveries %d Pending %d, want 1, 4 (a try and 3 retries), 0",
			s.Abandoned(), s.Deliveries(), s.Pending())
	}
}

func TestDropConnectionsRedeliversAfterReconnect(t *testing.T) {
	s := newEmu(t, Options{AckTimeout: time.Minute, PingInterval: 50 * time.Millisecond})
	client := startSocketMode(t, s)
	nextEvent(t, client, socketmode.EventTypeConnected)
	s.UserMessage("CGEN", "UALICE", "in flight")
	first, ev1 := eventsAPI(t, client)
	s.DropConnections()
	if ce := nextConnected(t, client); ce.ConnectionCount != 1 {
		t.Errorf("reconnection count = %d, want 1", ce.ConnectionCount)
	}
	second, ev2 := eventsAPI(t, client)
	if second.RetryAttempt != 1 || second.EnvelopeID == first.EnvelopeID || eventID(t, ev1) != eventID(t, ev2) {
		t.Errorf("after reconnect: retry %d envelope %s event %s, want retry 1, new envelope, event %s",
			second.RetryAttempt, second.EnvelopeID, eventID(t, ev2), eventID(t, ev1))
	}
	client.Ack(*second)
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
}

func TestSendDisconnectReconnects(t *testing.T) {
	s := newEmu(t, Options{PingInterval: 50 * time.Millisecond})
	client := startSocketMode(t, s)
	nextEvent(t, client, socketmode.EventTypeConnected)
	if err := s.WaitConnected(ctxT(t), 1); err != nil {
		t.Fatal(err)
	}
	// The client redials at once: count the connections told, not those
	// open a moment later.
	if got := s.SendDisconnect(); got != 1 {
		t.Errorf("SendDisconnect told %d connections, want 1", got)
	}
	if ce := nextConnected(t, client); ce.ConnectionCount != 1 {
		t.Errorf("reconnection count = %d, want 1", ce.ConnectionCount)
	}
	if err := s.WaitConnected(ctxT(t), 1); err != nil {
		t.Fatal(err)
	}
	s.UserMessage("CGEN", "UALICE", "after refresh")
	req, _ := eventsAPI(t, client)
	client.Ack(*req)
	if err := s.WaitAcked(ctxT(t)); err != nil {
		t.Fatal(err)
	}
}

func TestPingsKeepTheConnection(t *testing.T) {
	// Without periodic pings the client would drop the connection within two
	// of its intervals.
	s := newEmu(t, Options{PingInterval: 25 * time.Millisecond})
	client := startSocketMode(t, s, socketmode.OptionPingInterval(400*time.Millisecond))
	nextEvent(t, client, socketmode.EventTypeConnected)
	deadline := time.After(900 * time.Millisecond)
	for {
		select {
		case e := <-client.Events:
			if e.Type == socketmode.EventTypeConnecting || e.Type == socketmode.EventTypeConnected {
				t.Fatalf("client reconnected (%s) although pings flowed", e.Type)
			}
		case <-deadline:
			return
		}
	}
}
