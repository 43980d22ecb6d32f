package store

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Fatalf("got version %d, %v; want >= 1", v, err)
	}
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	applied, err := s.Migrate(ctx)
	if err != nil || len(applied) != 0 {
		t.Fatalf("got %v, %v; want nothing applied twice", applied, err)
	}
	var fk, timeout int
	var mode string
	if err := s.r.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("got foreign_keys %d, %v; want 1", fk, err)
	}
	if err := s.r.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("got journal_mode %q, %v; want wal", mode, err)
	}
	if err := s.w.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&timeout); err != nil || timeout != 10000 {
		t.Fatalf("got busy_timeout %d, %v; want 10000", timeout, err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestInboxDedup(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	fresh, err := s.PutInbox(ctx, []InboxItem{{EventID: "Ev1", Source: "http", Payload: []byte(`{}`)},
		{EventID: "Ev2", Source: "http", Payload: []byte(`{}`)}, {EventID: "Ev1", Source: "socket", Payload: []byte(`{}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, true, false}; fresh[0] != want[0] || fresh[1] != want[1] || fresh[2] != want[2] {
		t.Fatalf("got %v, want %v", fresh, want)
	}
	rows, err := s.PendingInbox(ctx, 0, 10)
	if err != nil || len(rows) != 2 {
		t.Fatalf("got %d pending, %v; want 2", len(rows), err)
	}
	if err := s.Process(ctx, rows[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	parked, err := s.FailInbox(ctx, rows[1].ID, context.DeadlineExceeded, 2)
	if err != nil || parked {
		t.Fatalf("got parked %v, %v; want false", parked, err)
	}
	if parked, _ = s.FailInbox(ctx, rows[1].ID, context.DeadlineExceeded, 2); !parked {
		t.Fatal("got not parked after max attempts")
	}
	if n, _ := s.InboxDepth(ctx); n != 0 {
		t.Fatalf("got depth %d, want 0", n)
	}
}

func TestMessageEditDeleteOrdering(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	at := time.Unix(1700000000, 0)
	events := 0
	apply := func(fn func(*Tx) error) {
		t.Helper()
		events++
		fresh, err := s.PutInbox(ctx, []InboxItem{{EventID: "Ev" + strconv.Itoa(events), Source: "t", Payload: []byte("{}")}})
		if err != nil || !fresh[0] {
			t.Fatal(err)
		}
		rows, _ := s.PendingInbox(ctx, 0, 1)
		if err := s.Process(ctx, rows[0].ID, fn); err != nil {
			t.Fatal(err)
		}
	}
	// The edit arrives before the original message: the newer text must win.
	apply(func(tx *Tx) error {
		return tx.EditMessage(ctx, Message{
			ChannelID: "C1",
			TS:        "1700000000.000100",
			UserID:    "U1",
			Text:      "café edited",
			EditedTS:  "1700000050.000000",
			PostedAt:  at,
		})
	})
	apply(func(tx *Tx) error {
		return tx.PutMessage(ctx, Message{
			ChannelID: "C1",
			TS:        "1700000000.000100",
			UserID:    "U1",
			Text:      "cafe original",
			PostedAt:  at,
		})
	})
	m, err := s.MessageByTS(ctx, "C1", "1700000000.000100")
	if err != nil || m.Text != "café edited" {
		t.Fatalf("got %q, %v; want the edited text", m.Text, err)
	}
	found, err := s.Search(ctx, "cafe", 10)
	if err != nil || len(found) != 1 {
		t.Fatalf("got %d results, %v; want diacritics folded", len(found), err)
	}
	apply(func(tx *Tx) error { return tx.DeleteMessage(ctx, "C1", "1700000000.000100", at) })
	if m, _ = s.MessageByTS(ctx, "C1", "1700000000.000100"); !m.Deleted || m.Text != "" {
		t.Fatalf("got %+v after the deletion, want an empty tombstone", m)
	}
	// A late re-delivery of the original must not resurrect it.
	apply(func(tx *Tx) error {
		return tx.PutMessage(ctx, Message{
			ChannelID: "C1",
			TS:        "1700000000.000100",
			UserID:    "U1",
			Text:      "cafe original",
			PostedAt:  at,
		})
	})
	m, _ = s.MessageByTS(ctx, "C1", "1700000000.000100")
	if !m.Deleted || m.Text != "" {
		t.Fatalf("got %+v, want an empty tombstone", m)
	}
	if found, _ = s.Search(ctx, "cafe", 10); len(found) != 0 {
		t.Fatalf("got %d results for a deleted message, want 0", len(found))
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Fatalf("full-text index out of step with the messages: %v", err)
	}
}

func TestOutboxLifecycle(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	s := openTestWith(t, Options{Now: func() time.Time { return now }})
	m := OutMessage{Key: "welcome:U1", Method: "chat.postMessage", ChannelID: "C1", Payload: `{"text":"hi"}`}
	if ok, err := s.Enqueue(ctx, m); !ok || err != nil {
		t.Fatalf("got %v, %v; want enqueued", ok, err)
	}
	if ok, _ := s.Enqueue(ctx, m); ok {
		t.Fatal("got a second enqueue of the same key, want it ignored")
	}
	due, _ := s.DueOutbox(ctx, 10)
	if len(due) != 1 {
		t.Fatalf("got %d due, want 1", len(due))
	}
	if err := s.MarkSending(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}
	if doubt, _ := s.InDoubtOutbox(ctx, time.Minute); len(doubt) != 1 {
		t.Fatalf("got %d in doubt, want 1", len(doubt))
	}
	if err := s.MarkRetry(ctx, due[0].ID, now.Add(time.Minute), "ratelimited"); err != nil {
		t.Fatal(err)
	}
	if due, _ = s.DueOutbox(ctx, 10); len(due) != 0 {
		t.Fatalf("got %d due before the retry time, want 0", len(due))
	}
	now = now.Add(2 * time.Minute)
	due, _ = s.DueOutbox(ctx, 10)
	if len(due) != 1 {
		t.Fatalf("got %d due after the retry time, want 1", len(due))
	}
	if err := s.MarkSent(ctx, due[0].ID, "C1", "1700000120.000100"); err != nil {
		t.Fatal(err)
	}
	row, err := s.OutboxByKey(ctx, m.Key)
	if err != nil || row.Status != OutSent || row.TS != "1700000120.000100" || row.Attempts != 1 {
		t.Fatalf("got %+v, %v", row, err)
	}
}

func TestParseTS(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1700000000.000100", 1700000000000100, true},
		{"1700000000", 1700000000000000, true},
		{"x", 0, false},
		{"-1.5", 0, false},
	} {
		got, ok := ParseTS(tc.in)
		if ok != tc.ok || (ok && got.UnixMicro() != tc.want) {
			t.Errorf("ParseTS(%q) = %v, %v; want %d, %v", tc.in, got.UnixMicro(), ok, tc.want, tc.ok)
		}
	}
}
