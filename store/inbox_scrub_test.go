package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The raw event of a paused or forgotten member's message is emptied in the
// inbox once processed: the store keeps none of their words, nor does the
// inbox. Others' events are kept as they came.
func TestInboxKeepsNothingOfPausedOrForgottenMembers(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if err := s.Batch(ctx, func(tx *Tx) error {
		if _, err := tx.Pause(ctx, "UPAUSED"); err != nil {
			return err
		}
		_, err := tx.Forget(ctx, "UGONE")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	at := s.Now().Add(time.Minute) // after the pause, on the store's clock
	events := []struct{ id, user, text string }{
		{"Ev1", "UPAUSED", "my secret words"}, {"Ev2", "UGONE", "forgotten words"}, {"Ev3", "UOTHER", "ordinary words"},
	}
	var items []InboxItem
	for _, e := range events {
		items = append(items, InboxItem{
			EventID: e.id,
			Source:  "test",
			Payload: []byte(`{"user":"` + e.user + `","text":"` + e.text + `"}`),
		})
	}
	if _, err := s.PutInbox(ctx, items); err != nil {
		t.Fatal(err)
	}
	rows, err := s.PendingInbox(ctx, 0, 10)
	if err != nil || len(rows) != 3 {
		t.Fatalf("got %d rows, %v", len(rows), err)
	}
	ids := []int64{rows[0].ID, rows[1].ID, rows[2].ID}
	if _, err := s.ProcessBatch(ctx, ids, func(i int, tx *Tx) error {
		e := events[i]
		return tx.PutMessage(ctx, Message{
			ChannelID: "C1",
			TS:        "1790000000.00010" + string(rune('0'+i)),
			UserID:    e.user,
			Text:      e.text,
			PostedAt:  at,
		})
	}); err != nil {
		t.Fatal(err)
	}
	for i, e := range events {
		var payload []byte
		row := s.r.QueryRowContext(ctx, `SELECT payload FROM inbox WHERE id = ?`, ids[i])
		if err := row.Scan(&payload); err != nil {
			t.Fatal(err)
		}
		if kept := strings.Contains(string(payload), e.text); kept != (e.user == "UOTHER") {
			t.Errorf("%s: inbox payload %q; want it emptied unless the author is recorded", e.user, payload)
		}
	}
}

// What waits in the outbox for a member who asks to be forgotten (an export
// of all their data, a digest) is never sent.
func TestForgetDropsWhatWaitsForThem(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, m := range []OutMessage{
		{Key: "export:Ev1", Method: "files.upload", ChannelID: "UGONE", Payload: `{"text":"all of it"}`},
		{Key: "digest:UOTHER:2026-W48", Method: "chat.postMessage", ChannelID: "UOTHER", Payload: `{"text":"hello"}`},
	} {
		if _, err := s.Enqueue(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Forget(ctx, "UGONE"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OutboxByKey(ctx, "export:Ev1"); err != ErrNotFound {
		t.Errorf("got %v; want the pending export dropped", err)
	}
	if _, err := s.OutboxByKey(ctx, "digest:UOTHER:2026-W48"); err != nil {
		t.Errorf("another member's message: %v", err)
	}
}

// A link's label is words: a paused member's share is not recorded, a
// forgotten member's is kept without label or author, and retention
// blanks the labels of shares as old as the text it erases.
func TestResourcesFollowPrivacy(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := s.Now()
	if err := s.Batch(ctx, func(tx *Tx) error {
		if _, err := tx.Pause(ctx, "UPAUSED"); err != nil {
			return err
		}
		if _, err := tx.Forget(ctx, "UGONE"); err != nil {
			return err
		}
		for i, u := range []string{"UPAUSED", "UGONE", "UOTHER"} {
			letter := Resource{
				Kind:      "link",
				URL:       "https://x.example/" + u,
				Title:     "my medical leave letter",
				UserID:    u,
				ChannelID: "C1",
				MessageTS: fmt.Sprintf("1790000000.00010%d", i),
				SharedAt:  now.Add(time.Minute),
			}
			if err := tx.AddResource(ctx, letter); err != nil {
				return err
			}
		}
		return tx.AddResource(ctx, Resource{Kind: "link", URL: "https://x.example/old", Title: "old label", UserID: "UOTHER",
			ChannelID: "C1", MessageTS: "1600000000.000100", SharedAt: now.AddDate(-2, 0, 0)})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EraseBefore(ctx, now.AddDate(-1, 0, 0)); err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	rows, err := s.r.QueryContext(ctx, `SELECT url, title, user_id FROM resources`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u, title, user string
		rows.Scan(&u, &title, &user)
		got[u] = [2]string{title, user}
	}
	rows.Close()
	want := map[string][2]string{
		"https://x.example/UGONE":  {"", ""},
		"https://x.example/UOTHER": {"my medical leave letter", "UOTHER"},
		"https://x.example/old":    {"", "UOTHER"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
}

// Forgetting drops the queued messages that name the member too, and a
// message being sent at that moment is emptied once sent.
func TestForgetReachesTheOutbox(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	digest := func(key, member, text string) OutMessage {
		return OutMessage{Key: key, Method: "chat.postMessage", ChannelID: member, Payload: `{"text":"` + text + `"}`}
	}
	for _, m := range []OutMessage{
		digest("digest:U2:2026-W48", "U2", "<@UGONE> joined #security"),
		{Key: "export:Ev9", Method: "files.upload", ChannelID: "UGONE", Payload: `{"file":{"data":"all of it"}}`},
		digest("digest:U3:2026-W48", "U3", "hello"),
		digest("digest:U4:2026-W48", "U4", "&gt; ask @Gone Member about it"),
		digest("digest:U5:2026-W47", "U5", "@Gone Member said so"),
	} {
		if _, err := s.Enqueue(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ImportMembers(ctx, []Member{{ID: "UGONE", Name: "gone", RealName: "Gone Member"}}); err != nil {
		t.Fatal(err)
	}
	sent, _ := s.OutboxByKey(ctx, "digest:U5:2026-W47")
	if err := s.MarkSent(ctx, sent.ID, "D5", "5.0"); err != nil {
		t.Fatal(err)
	}
	sending, _ := s.OutboxByKey(ctx, "export:Ev9")
	if _, err := s.w.ExecContext(ctx, `UPDATE outbox SET status = 'sending' WHERE id = ?`, sending.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forget(ctx, "UGONE"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OutboxByKey(ctx, "digest:U2:2026-W48"); err != ErrNotFound {
		t.Errorf("got %v; want the digest naming the forgotten member dropped", err)
	}
	if _, err := s.OutboxByKey(ctx, "digest:U4:2026-W48"); err != ErrNotFound {
		t.Errorf("got %v; want the digest quoting the forgotten member by name dropped", err)
	}
	if row, _ := s.OutboxByKey(ctx, "digest:U5:2026-W47"); row.Payload != "{}" {
		t.Errorf("got %+v; want the sent digest quoting them by name emptied", row)
	}
	if err := s.MarkSent(ctx, sending.ID, "D1", "F1"); err != nil {
		t.Fatal(err)
	}
	if row, _ := s.OutboxByKey(ctx, "export:Ev9"); row.Payload != "{}" || row.Status != OutSent {
		t.Errorf("got %+v; want the export in flight emptied once sent", row)
	}
	if row, _ := s.OutboxByKey(ctx, "digest:U3:2026-W48"); row.Payload != `{"text":"hello"}` {
		t.Errorf("got %+v; want another member's message as it was", row)
	}
}

// An event a handler withholds (a shortcut on someone else's message)
// leaves no payload in the inbox once processed.
func TestWithheldEventLeavesNoPayload(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	payload := []byte(`{"message":{"text":"someone else's words"}}`)
	if _, err := s.PutInbox(ctx, []InboxItem{{EventID: "Sc1", Source: "test", Payload: payload}}); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.PendingInbox(ctx, 0, 1)
	if err := s.Process(ctx, rows[0].ID, func(tx *Tx) error { tx.Withhold(); return nil }); err != nil {
		t.Fatal(err)
	}
	var kept []byte
	row := s.r.QueryRowContext(ctx, `SELECT payload FROM inbox WHERE id = ?`, rows[0].ID)
	if err := row.Scan(&kept); err != nil || len(kept) != 0 {
		t.Fatalf("got payload %q, %v; want it emptied", kept, err)
	}
}

// What a member posted during a pause they ended stays without text even
// when it arrives after they resumed (a back-fill after an outage).
func TestPauseOutlivesResume(t *testing.T) {
	clock := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	s := openTestWith(t, Options{Now: func() time.Time { return clock }})
	ctx := context.Background()
	do := func(fn func(tx *Tx) error) {
		t.Helper()
		if err := s.Batch(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	do(func(tx *Tx) error { _, err := tx.Pause(ctx, "U1"); return err })
	clock = clock.Add(2 * time.Hour)
	do(func(tx *Tx) error { _, err := tx.Resume(ctx, "U1"); return err })
	clock = clock.Add(time.Hour)
	post := func(ts string, at time.Time, text string) {
		do(func(tx *Tx) error {
			return tx.PutMessage(ctx, Message{ChannelID: "C1", TS: ts, UserID: "U1", Text: text, PostedAt: at})
		})
	}
	post("1.000100", time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC), "said during my pause") // back-filled now
	post("2.000100", time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC), "said after resuming")
	post("3.000100", time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), "said before pausing")
	for ts, want := range map[string]string{
		"1.000100": "",
		"2.000100": "said after resuming",
		"3.000100": "said before pausing",
	} {
		if m, err := s.MessageByTS(ctx, "C1", ts); err != nil || m.Text != want {
			t.Errorf("%s: got %q, %v; want %q", ts, m.Text, err, want)
		}
	}
}

// A batch's events commit together, except the one that fails: its writes
// are rolled back and its row stays to be tried again; one processed
// already (by another worker, or before a restart) is not applied twice.
func TestProcessBatchRollsBackOnlyTheFailingEvent(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var items []InboxItem
	for i := range 4 {
		items = append(items, InboxItem{EventID: fmt.Sprintf("Ev%d", i), Source: "test", Payload: []byte(`{}`)})
	}
	if _, err := s.PutInbox(ctx, items); err != nil {
		t.Fatal(err)
	}
	rows, err := s.PendingInbox(ctx, 0, 10)
	if err != nil || len(rows) != 4 {
		t.Fatalf("got %d rows, %v", len(rows), err)
	}
	ids := []int64{rows[0].ID, rows[1].ID, rows[2].ID, rows[3].ID}
	if err := s.Process(ctx, ids[1], nil); err != nil { // done before the batch
		t.Fatal(err)
	}
	for _, failing := range []bool{true, false} { // written whole, then a savepoint each
		applied := 0
		errs, err := s.ProcessBatch(ctx, ids, func(i int, tx *Tx) error {
			applied++
			m := Message{ChannelID: "C1", TS: fmt.Sprintf("1790000000.00010%d", i), UserID: "U1", Text: "words",
				PostedAt: s.Now()}
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
			if i == 2 && failing {
				return fmt.Errorf("event %d fails after writing", i)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		stats, _ := s.Stats(ctx)
		pending, _ := s.InboxDepth(ctx)
		if failing {
			if errs[0] != nil || errs[1] != ErrProcessed || errs[2] == nil || errs[3] != nil {
				t.Fatalf("errs %v; want nil, ErrProcessed, the failure, nil", errs)
			}
			if stats.Messages != 2 || pending != 1 {
				t.Errorf("%d messages, %d pending; want 2 (the failing one's rolled back), 1", stats.Messages, pending)
			}
			continue
		}
		if errs[2] != nil || errs[0] != ErrProcessed || applied != 1 {
			t.Errorf("again: errs %v, %d applied; want only the failed one applied", errs, applied)
		}
		if stats.Messages != 3 || pending != 0 {
			t.Errorf("again: %d messages, %d pending; want 3, 0", stats.Messages, pending)
		}
	}
}
