package store

import (
	"context"
	"errors"
	"testing"
)

// A message addressed to no channel is refused when it is enqueued, alone
// or in a batch, and nothing of the batch is kept.
func TestEnqueueRefusesNoChannel(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for _, ch := range []string{"", "  "} {
		_, err := s.Enqueue(ctx, OutMessage{Key: "k" + ch, Method: "views.publish", ChannelID: ch, Payload: `{}`})
		if !errors.Is(err, ErrNoChannel) {
			t.Errorf("channel %q: got %v, want ErrNoChannel", ch, err)
		}
	}
	_, err := s.EnqueueAll(ctx, []OutMessage{
		{Key: "ok", Method: "chat.postMessage", ChannelID: "C1", Payload: `{"text":"hi"}`},
		{Key: "none", Method: "chat.postEphemeral", Payload: `{"text":"hi"}`},
	})
	if !errors.Is(err, ErrNoChannel) {
		t.Fatalf("got %v, want ErrNoChannel from the batch", err)
	}
	if n, _ := s.OutboxCounts(ctx); len(n) != 0 {
		t.Fatalf("got %v stored, want nothing from a refused batch", n)
	}
}
