package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// ScanThreads gives each thread once, in ts order, with its replies in
// order: threads whose parent is not recorded, and replies to a parent
// recorded without a thread_ts, included; replies past the limit counted.
func TestScanThreads(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ts := func(n int) string { return fmt.Sprintf("17000000%02d.000000", n) }
	msgs := []Message{
		{TS: ts(10), UserID: "U1", Text: "standalone, replied to later"},
		{TS: ts(20), ThreadTS: ts(20), UserID: "U1", Text: "parent"},
		{TS: ts(30), ThreadTS: ts(20), UserID: "U2", Text: "reply 1"},
		{TS: ts(40), ThreadTS: ts(20), UserID: "U3", Text: "reply 2"},
		{TS: ts(50), ThreadTS: ts(15), UserID: "U2", Text: "reply to a parent never recorded"},
		{TS: ts(60), ThreadTS: ts(10), UserID: "U3", Text: "late reply to the standalone"},
		{TS: ts(70), ThreadTS: ts(70), UserID: "U1", Text: "busy parent"},
		{TS: ts(71), ThreadTS: ts(70), UserID: "U2", Text: "a"},
		{TS: ts(72), ThreadTS: ts(70), UserID: "U2", Text: "b"},
		{TS: ts(73), ThreadTS: ts(70), UserID: "U2", Text: "c"},
		{TS: ts(80), UserID: "U1", Text: "last"},
	}
	if err := s.Batch(ctx, func(tx *Tx) error {
		for _, m := range msgs {
			m.ChannelID, m.PostedAt = "C1", tsTime(m.TS, time.Time{})
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := s.ScanThreads(ctx, "C1", 2*replyOverhead+14, func(th ChannelThread) error {
		parent := "-"
		if th.Parent != nil {
			parent = th.Parent.Text
		}
		var rs []string
		for _, r := range th.Replies {
			rs = append(rs, r.Text)
		}
		got = append(got, fmt.Sprintf("%s %s [%s] +%d", th.Key[8:10], parent, strings.Join(rs, "; "), th.Dropped))
		return nil
	})
	want := []string{
		"10 standalone, replied to later [late reply to the standalone] +0",
		"15 - [reply to a parent never recorded] +0",
		"20 parent [reply 1; reply 2] +0",
		"70 busy parent [a; b] +1",
		"80 last [] +0",
	}
	if err != nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got %v\n%s\nwant\n%s", err, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n, r, err := s.ChannelShape(ctx, "C1"); err != nil || n != 11 || r != 7 {
		t.Fatalf("got %d messages, %d replies, %v; want 11, 7", n, r, err)
	}
}
