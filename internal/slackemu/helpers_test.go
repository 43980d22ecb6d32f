package slackemu

import (
	"context"
	"io"
	"log"
	"testing"
	"time"

	"github.com/slack-go/slack/socketmode"
)

// epoch is the fixed clock of most tests: message ts start at
// "1700000000.000000" and grow by one microsecond.
var epoch = time.Unix(1700000000, 0)

// newEmu starts an emulator with a small workspace: alice and bob; #general
// with the bot; #outside without it; a private #secret without it.
func newEmu(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return epoch }
	}
	if opts.Logf == nil {
		opts.Logf = t.Logf
	}
	s := New(opts)
	t.Cleanup(s.Close)
	s.AddUser(User{
		ID:       "UALICE",
		Name:     "alice",
		RealName: "Alice Martin",
		TZ:       "Europe/Paris",
		TZOffset: 3600,
		Locale:   "fr-FR",
	})
	s.AddUser(User{ID: "UBOB", Name: "bob", RealName: "Bob Stone"})
	s.AddChannel(Channel{ID: "CGEN", Name: "general", Members: []string{"UALICE", "UBOB", "UPRAXIS"}, Topic: "all"})
	s.AddChannel(Channel{ID: "COUT", Name: "outside", Members: []string{"UALICE"}})
	s.AddChannel(Channel{ID: "GSECRET", Name: "secret", IsPrivate: true, Members: []string{"UALICE"}})
	return s
}

// startSocketMode runs a real socketmode client against s until the test ends.
func startSocketMode(t *testing.T, s *Server, opts ...socketmode.Option) *socketmode.Client {
	t.Helper()
	opts = append([]socketmode.Option{socketmode.OptionLog(log.New(io.Discard, "", 0))}, opts...)
	client := socketmode.New(s.Client(), opts...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = client.RunContext(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return client
}

// nextEvent returns the next event of type typ, skipping others.
func nextEvent(t *testing.T, c *socketmode.Client, typ socketmode.EventType) socketmode.Event {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e := <-c.Events:
			if e.Type == typ {
				return e
			}
		case <-timeout:
			t.Fatalf("no %s event within 5s", typ)
		}
	}
}

// nextConnected waits for the next connection of c and returns it.
func nextConnected(t *testing.T, c *socketmode.Client) *socketmode.ConnectedEvent {
	t.Helper()
	return nextEvent(t, c, socketmode.EventTypeConnected).Data.(*socketmode.ConnectedEvent)
}

// ctxT returns a context that ends with a 5s timeout or the test.
func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}
