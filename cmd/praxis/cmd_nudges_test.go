package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"praxis/bot/nudge"
	"praxis/internal/testkit"
	"praxis/store"
)

// praxis nudges --dry-run lists who would be nudged, who is held out and
// who waits, and sends and records nothing.
func TestNudgesDryRun(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := testkit.Database(t)
	cfgFile := filepath.Join(dir, "praxis.yaml")
	os.WriteFile(cfgFile, []byte(`database: {`+databaseKey(db)+`}
timezone: Europe/Paris
communities:
  - name: sec
    vocation: keep our systems safe
    channels: [C0000001]
    nudges:
      enabled: true
      weekly_budget: 1
      quiet_hours: "19:00-08:00"
      skip_weekends: true
      holdout_percent: 10
      silent_weeks: 4
`), 0o600)
	p := nudge.Policy{HoldoutPercent: 10}
	pick := func(prefix string, held bool) string {
		for i := 0; ; i++ {
			if id := fmt.Sprintf("%s%d", prefix, i); p.InHoldout(id) == held {
				return id
			}
		}
	}
	newcomer, held := pick("UN", false), pick("UH", true)
	wed10 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	st, err := store.OpenDB(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SyncCommunities(ctx, []store.Community{{Name: "sec", Vocation: "keep our systems safe", Language: "en",
		Timezone: "Europe/Paris", Channels: map[string]string{"C0000001": "sec"}}}); err != nil {
		t.Fatal(err)
	}
	err = st.Batch(ctx, func(tx *store.Tx) error {
		for _, id := range []string{newcomer, held} {
			if err := tx.Membership(ctx, "C0000001", id, true, "1764057600.000100", wed10.Add(-time.Hour)); err != nil {
				return err
			}
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	dry := func(at string) string {
		t.Helper()
		var out bytes.Buffer
		e := env{getenv: func(string) string { return "" }, stdout: &out, stderr: &out}
		if err := cmdNudges(ctx, e, []string{"--dry-run", "--config", cfgFile, "--as-of", at}); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		return out.String()
	}
	out := dry("2026-11-25T09:00:00Z")
	for _, want := range []string{newcomer + "  welcome  sec", "would send", "Welcome to *sec*", "keep our systems safe",
		held + "  welcome  sec", "held out", "1 to send, 1 held out, 0 kept back"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out = dry("2026-11-25T20:00:00Z") // 21:00 in Paris
	keptBack := "kept back: quiet hours or weekend where the member lives, not before Thu 2026-11-26 08:00 CET"
	if !strings.Contains(out, keptBack) {
		t.Errorf("at 21:00 in Paris, got:\n%s", out)
	}
	st, err = store.OpenDB(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if ns, _ := st.Nudges(ctx, ""); len(ns) != 0 {
		t.Errorf("dry run recorded %v", ns)
	}
	if c, _ := st.OutboxCounts(ctx); len(c) != 0 && c["pending"] != 0 {
		t.Errorf("dry run enqueued %v", c)
	}
	if _, err := runCLI(t, nil, "nudges", "--config", cfgFile); exitCode(err) != 2 {
		t.Errorf("without --dry-run: got %v, want a usage error", err)
	}
}

// praxis nudges --dry-run --as-of a past instant reads everything as it
// stood then: an answer accepted after it is not thanked yet.
func TestNudgesDryRunAsOfIgnoresLaterEvents(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := testkit.Database(t)
	cfgFile := filepath.Join(dir, "praxis.yaml")
	os.WriteFile(cfgFile, []byte(`database: {`+databaseKey(db)+`}
timezone: UTC
communities:
  - name: sec
    vocation: keep our systems safe
    channels: [C0000001]
    nudges:
      enabled: true
      weekly_budget: 3
      quiet_hours: ""
      skip_weekends: false
      holdout_percent: 0
      silent_weeks: 4
`), 0o600)
	asked := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	accepted := asked.Add(26 * time.Hour) // Wednesday 11:00
	st, err := store.OpenDB(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SyncCommunities(ctx, []store.Community{{Name: "sec", Vocation: "keep our systems safe", Language: "en",
		Timezone: "UTC", Channels: map[string]string{"C0000001": "sec"}}}); err != nil {
		t.Fatal(err)
	}
	qts := fmt.Sprintf("%d.000100", asked.Unix())
	err = st.Batch(ctx, func(tx *store.Tx) error {
		for _, err := range []error{
			tx.PutMessage(ctx, store.Message{
				ChannelID: "C0000001",
				TS:        qts,
				UserID:    "UASK",
				Text:      "how do we rotate keys?",
				PostedAt:  asked,
			}),
			tx.AddQuestion(ctx, store.Question{ChannelID: "C0000001", TS: qts, Asker: "UASK", AskedAt: asked}, nil),
			tx.AnswerQuestion(ctx, "C0000001", qts, "UHELP", asked.Add(time.Hour)),
			tx.ResolveQuestion(ctx, "C0000001", qts, "UASK", "accepted", accepted),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	dry := func(at time.Time) string {
		t.Helper()
		var out bytes.Buffer
		e := env{getenv: func(string) string { return "" }, stdout: &out, stderr: &out}
		args := []string{"--dry-run", "--config", cfgFile, "--as-of", at.Format(time.RFC3339)}
		if err := cmdNudges(ctx, e, args); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		return out.String()
	}
	if out := dry(accepted.Add(-time.Hour)); strings.Contains(out, "UHELP  thank") {
		t.Errorf("an hour before the answer was accepted, got a thank-you:\n%s", out)
	}
	out := dry(accepted.Add(time.Hour))
	if !strings.Contains(out, "UHELP  thank  sec") || !strings.Contains(out, "would send") {
		t.Errorf("an hour after the answer was accepted, got no thank-you:\n%s", out)
	}
}
