package store

import (
	"context"
	"testing"
	"time"
)

// A message whose text holds a NUL character (Slack delivers what members
// paste) is recorded on both databases: PostgreSQL's text cannot hold it,
// so it is dropped there, and the message is found by its words.
func TestTextWithNULIsRecorded(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	m := Message{ChannelID: "C1", TS: "1.000100", UserID: "U1", Text: "rotate\x00 the zebra keys",
		PostedAt: time.Unix(1, 0)}
	if err := s.Batch(ctx, func(tx *Tx) error { return tx.PutMessage(ctx, m) }); err != nil {
		t.Fatalf("recording a text with a NUL: %v", err)
	}
	got, err := s.MessageByTS(ctx, "C1", "1.000100")
	if err != nil {
		t.Fatal(err)
	}
	want := m.Text
	if s.Shared() {
		want = "rotate the zebra keys"
	}
	if got.Text != want {
		t.Errorf("got %q, want %q", got.Text, want)
	}
}
