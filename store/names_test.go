package store

import (
	"context"
	"testing"
)

// Quotes show people by the name Slack shows, and public channels by name;
// a private channel, a forgotten member or an unknown id has none.
func TestNames(t *testing.T) {
	s, ctx := openTest(t), context.Background()
	if err := s.ImportMembers(ctx, []Member{{ID: "U1", Name: "alice", RealName: "Alice Martin", DisplayName: "Alice"},
		{ID: "U2", Name: "bob", RealName: "Bob Roy"}, {ID: "U3", Name: "carol"}}); err != nil {
		t.Fatal(err)
	}
	platform := Community{
		Name:     "Platform",
		Channels: map[string]string{"C1": "platform-guild", "G1": "secret"},
		Private:  map[string]bool{"C1": false, "G1": true},
	}
	if _, err := s.SyncCommunities(ctx, []Community{platform}); err != nil {
		t.Fatal(err)
	}
	n := s.Names(ctx)
	for id, want := range map[string]string{"U1": "Alice", "U2": "Bob Roy", "U3": "carol", "U9": ""} {
		if got := n.Member(id); got != want {
			t.Errorf("Member(%s): got %q, want %q", id, got, want)
		}
	}
	for id, want := range map[string]string{"C1": "platform-guild", "G1": "", "C9": ""} {
		if got := n.Channel(id); got != want {
			t.Errorf("Channel(%s): got %q, want %q", id, got, want)
		}
	}
	if err := s.Batch(ctx, func(tx *Tx) error { _, err := tx.Forget(ctx, "U2"); return err }); err != nil {
		t.Fatal(err)
	}
	if got := s.Names(ctx).Member("U2"); got != "" {
		t.Errorf("forgotten member: got %q, want no name", got)
	}
}
