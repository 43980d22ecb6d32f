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

// An event whose id holds a NUL (a hostile or broken sender) is stored with
// the others of its batch, not refused with them.
func TestEventIDWithNULIsStored(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	fresh, err := s.PutInbox(ctx, []InboxItem{
		{EventID: "Ev\x001", Source: "test", Payload: []byte(`{}`)},
		{EventID: "Ev2", Source: "test", Payload: []byte(`{}`)},
		{EventID: "Ev2", Source: "test", Payload: []byte(`{}`)}, // redelivered within the batch
	})
	if err != nil {
		t.Fatalf("storing an event id with a NUL: %v", err)
	}
	if !fresh[0] || !fresh[1] || fresh[2] {
		t.Errorf("fresh %v; want the two events new, the redelivery not", fresh)
	}
	if n, _ := s.InboxDepth(ctx); n != 2 {
		t.Errorf("%d events stored, want 2", n)
	}
}

// In a batch of events (whose new messages PostgreSQL inserts together), a
// NUL in a message's text or in its ts is dropped as elsewhere: the message
// is recorded, and found by its words.
func TestBatchWithNULIsRecordedAndFound(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	fresh, err := s.PutInbox(ctx, []InboxItem{{EventID: "Ev1", Source: "test", Payload: []byte(`{}`)},
		{EventID: "Ev2", Source: "test", Payload: []byte(`{}`)}})
	if err != nil || len(fresh) != 2 {
		t.Fatal(err)
	}
	rows, err := s.PendingInbox(ctx, 0, 10)
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	msgs := []Message{
		{ChannelID: "C1", TS: "1.000100", UserID: "U1", Text: "rotate\x00 the zebra keys", PostedAt: time.Unix(1, 0)},
		{ChannelID: "C1", TS: "2.000\x00100", UserID: "U1", Text: "quokka certificates", PostedAt: time.Unix(2, 0)},
	}
	errs, err := s.ProcessBatch(ctx, []int64{rows[0].ID, rows[1].ID}, func(i int, tx *Tx) error {
		return tx.PutMessage(ctx, msgs[i])
	})
	if err != nil || errs[0] != nil || errs[1] != nil {
		t.Fatalf("recording texts with a NUL: %v %v", err, errs)
	}
	for _, word := range []string{"zebra", "quokka"} {
		if found, err := s.Search(ctx, word, 5); err != nil || len(found) != 1 {
			t.Errorf("searching %q: %d found (%v), want 1", word, len(found), err)
		}
	}
}
