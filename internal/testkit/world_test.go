package testkit

import (
	"context"
	"testing"
	"time"

	"praxis/store"
)

// Member records the profile and the channels; Post names a message by its
// instant and marks a reply's parent as a thread's, as the recorder does.
func TestWorld(t *testing.T) {
	ctx := context.Background()
	at := UTC("2026-11-16T10:00:00Z")
	st := Store(t, func() time.Time { return at })
	if _, err := st.SyncCommunities(ctx, []store.Community{{Name: "sec", Language: "en", Timezone: "UTC",
		Channels: map[string]string{"C1": "security", "C2": "crypto"}}}); err != nil {
		t.Fatal(err)
	}
	Member(t, st, store.Member{ID: "U1", Name: "alice", TZ: "Europe/Paris"}, "C1", "C2")
	if m, err := st.Member(ctx, "U1"); err != nil || m.Name != "alice" || m.TZ != "Europe/Paris" {
		t.Errorf("got %+v, %v; want alice's profile", m, err)
	}
	ms, err := st.ChannelMemberships(ctx)
	if err != nil || len(ms) != 2 || ms[0].ChannelID != "C1" || ms[1].ChannelID != "C2" || ms[1].MemberID != "U1" {
		t.Errorf("got %+v, %v; want U1 in C1 and C2", ms, err)
	}
	q := Post(t, st, "C1", "U1", "", "How do we rotate keys?", at)
	if q != "1794823200.000100" || q != TS(at) {
		t.Errorf("got ts %q, want %q", q, TS(at))
	}
	r := Post(t, st, "C1", "U2", q, "With the vault.", at.Add(time.Minute))
	for ts, want := range map[string]string{q: q, r: q} {
		if m, err := st.MessageByTS(ctx, "C1", ts); err != nil || m.ThreadTS != want {
			t.Errorf("message %s: got thread %q, %v; want %q", ts, m.ThreadTS, err, want)
		}
	}
}
