package store

import (
	"context"
	"testing"
	"time"
)

func TestPins(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	err := s.Batch(ctx, func(tx *Tx) error {
		for i, m := range []Message{
			{ChannelID: "C1", TS: "1.000100", UserID: "U1", Text: "Start here: the onboarding guide", PostedAt: t0},
			{ChannelID: "C1", TS: "2.000100", UserID: "U2", Text: "Our coding standards", PostedAt: t0},
			{ChannelID: "C1", TS: "3.000100", UserID: "U2", Text: "gone", PostedAt: t0},
			{ChannelID: "C2", TS: "4.000100", UserID: "U3", Text: "Elsewhere", PostedAt: t0},
		} {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
			if err := tx.Pin(ctx, m.ChannelID, m.TS, "U9", t0.Add(time.Duration(i)*time.Hour)); err != nil {
				return err
			}
		}
		// Pinned again (Slack cannot pin a pinned message: this follows an
		// unpinning not seen) or delivered late: the latest pin stands.
		if err := tx.Pin(ctx, "C1", "1.000100", "U8", t0.Add(150*time.Minute)); err != nil {
			return err
		}
		if err := tx.Pin(ctx, "C1", "1.000100", "U7", t0.Add(-time.Hour)); err != nil {
			return err
		}
		if err := tx.DeleteMessage(ctx, "C1", "3.000100", t0); err != nil {
			return err
		}
		return tx.Unpin(ctx, "C1", "2.000100", t0.Add(10*time.Hour))
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Pinned(ctx, []string{"C1"}, t0.Add(24*time.Hour), 5)
	if err != nil || len(got) != 1 || got[0].TS != "1.000100" || !got[0].PinnedAt.Equal(t0.Add(150*time.Minute)) {
		t.Fatalf("got %+v, %v; want the onboarding guide only (unpinned, deleted and other channels left out)", got, err)
	}
	if got, _ := s.Pinned(ctx, []string{"C1", "C2"}, t0.Add(24*time.Hour), 1); len(got) != 1 || got[0].ChannelID != "C2" {
		t.Fatalf("got %+v; want the most recently pinned first, limit 1", got)
	}
	got, _ = s.Pinned(ctx, []string{"C1", "C2"}, t0.Add(160*time.Minute), 5)
	if len(got) != 1 || got[0].ChannelID != "C1" {
		t.Fatalf("got %+v; want only what was pinned by then", got)
	}
}
