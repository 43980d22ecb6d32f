package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"praxis/internal/testkit"
	"praxis/store"
)

// The preview prints a member's digest as text or as the Block Kit JSON
// the job would send, and sends nothing.
func TestDigestPreview(t *testing.T) {
	ctx := context.Background()
	db := testkit.Database(t)
	st, err := store.OpenDB(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SyncCommunities(ctx, []store.Community{{Name: "sec", Language: "en", Timezone: "UTC",
		Channels: map[string]string{"C1": "security"}}}); err != nil {
		t.Fatal(err)
	}
	members := []store.Member{{ID: "U1", TZ: "Europe/Paris"}, {ID: "U2"}, {ID: "U3", Locale: "fr-FR"}}
	if err := st.ImportMembers(ctx, members); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportChannelMembers(ctx, map[string][]string{"C1": {"U1", "U2", "U3"}}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 5, 2, 10, 0, 0, 0, time.UTC)
	err = st.Batch(ctx, func(tx *store.Tx) error {
		question := store.Message{
			ChannelID: "C1",
			TS:        "1714644000.000100",
			ThreadTS:  "1714644000.000100",
			UserID:    "U2",
			Text:      "How do we rotate TLS certificates?",
			PostedAt:  at,
		}
		answer := store.Message{
			ChannelID: "C1",
			TS:        "1714647600.000100",
			ThreadTS:  question.TS,
			UserID:    "U3",
			Text:      "With cert-manager.",
			PostedAt:  at.Add(time.Hour),
		}
		for _, m := range []store.Message{question, answer} {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	out, err := runCLI(t, nil, "digest", "--db", db, "--member", "U1", "--as-of", "2024-05-06")
	if err != nil || !strings.Contains(out, "Your Praxis digest") ||
		!strings.Contains(out, "https://slack.com/archives/C1/p1714644000000100") ||
		!strings.Contains(out, "1 reply, 2 people") {
		t.Fatalf("got %v\n%s", err, out)
	}
	out, err = runCLI(t, nil, "digest", "--db", db, "--member", "U1", "--as-of", "2024-05-06T00:00:00Z",
		"--format", "blocks")
	var msg struct {
		Channel string
		Blocks  []map[string]any
	}
	if err != nil || json.Unmarshal([]byte(out), &msg) != nil || msg.Channel != "U1" || len(msg.Blocks) < 3 ||
		!strings.Contains(out, `"digest_unsubscribe"`) {
		t.Fatalf("got %v\n%s", err, out)
	}
	out, err = runCLI(t, nil, "digest", "--db", db, "--member", "U2", "--as-of", "2024-05-06")
	if err != nil || !strings.Contains(out, "no digest") {
		t.Fatalf("got %v\n%s; want no digest for the thread's own author", err, out)
	}
	unusable := [][]string{
		{"--as-of", "2024-05-06"},
		{"--member", "U1", "--format", "pdf"},
		{"--member", "U1", "--as-of", "May"},
		{"--member", "U404"},
	}
	for _, args := range unusable {
		if _, err := runCLI(t, nil, append([]string{"digest", "--db", db}, args...)...); exitCode(err) != 2 {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
	st, _ = store.OpenDB(ctx, db, store.Options{})
	defer st.Close()
	if n, _ := st.OutboxCounts(ctx); len(n) != 0 {
		t.Fatalf("got %v in the outbox, want nothing sent", n)
	}
}
