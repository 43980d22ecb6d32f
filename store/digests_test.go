package store

import (
	"context"
	"testing"
	"time"
)

func TestDigestChoices(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	err := s.Batch(ctx, func(tx *Tx) error {
		if err := tx.SetDigestFrequency(ctx, "U1", "daily"); err != nil {
			return err
		}
		if err := tx.SetDigestHour(ctx, "U1", 7); err != nil {
			return err
		}
		if err := tx.SetDigestHour(ctx, "U2", 8); err != nil {
			return err
		}
		if err := tx.MuteChannel(ctx, "U1", "C1"); err != nil {
			return err
		}
		if err := tx.MuteChannel(ctx, "U1", "C1"); err != nil {
			return err
		}
		return tx.RecordDigestItems(ctx, "U1", "2024-W19", []string{"thread:C1:1", "thread:C1:1", "resource:3"})
	})
	if err != nil {
		t.Fatal(err)
	}
	prefs, err := s.DigestPrefs(ctx)
	if err != nil || prefs["U1"] != (DigestPref{"U1", "daily", 7}) || prefs["U2"] != (DigestPref{"U2", "", 8}) {
		t.Fatalf("got %+v, %v", prefs, err)
	}
	muted, err := s.MutedChannels(ctx)
	if err != nil || len(muted["U1"]) != 1 || !muted["U1"]["C1"] {
		t.Fatalf("got %v, %v; want C1 muted once", muted, err)
	}
	sent, err := s.DigestItemsSent(ctx, time.Time{})
	if err != nil || len(sent["U1"]) != 2 || !sent["U1"]["resource:3"] {
		t.Fatalf("got %v, %v; want two items", sent, err)
	}
	if err := s.Batch(ctx, func(tx *Tx) error { return tx.SetDigestFrequency(ctx, "U1", "hourly") }); err == nil {
		t.Fatal("got no error for an unknown frequency")
	}
}
