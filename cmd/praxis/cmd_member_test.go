package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"praxis/internal/dbbytes"
	"praxis/internal/testkit"
	"praxis/store"
)

// memberDB is a database where alice (U01) and bob (U02) each posted.
func memberDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := testkit.Database(t)
	st, err := store.OpenDB(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	if err := st.PutMember(ctx, store.Member{ID: "U01", Name: "alice", RealName: "Alice Martin"}); err != nil {
		t.Fatal(err)
	}
	err = st.Batch(ctx, func(tx *store.Tx) error {
		m := store.Message{ChannelID: "C01", TS: "1740992400.000100", UserID: "U01", Text: "zebrakms rotation", PostedAt: at}
		if err := tx.PutMessage(ctx, m); err != nil {
			return err
		}
		return tx.PutMessage(ctx, store.Message{
			ChannelID: "C01",
			TS:        "1740992460.000100",
			UserID:    "U02",
			Text:      "quokka runbook",
			PostedAt:  at,
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func runMember(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	noEnv := func(string) string { return "" }
	err := runIO(context.Background(), append([]string{"member"}, args...), noEnv, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestMemberExport(t *testing.T) {
	db := memberDB(t)
	out, _, err := runMember(t, "", "export", "--db", db, "U01")
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		Member string                      `json:"member"`
		Data   map[string][]map[string]any `json:"data"`
	}
	var one []doc
	if err := json.Unmarshal([]byte(out), &one); err != nil || len(one) != 1 {
		t.Fatalf("%v in %s; want an array of one document", err, out)
	}
	d := one[0]
	messages := d.Data["messages"]
	if d.Member != "U01" || len(messages) != 1 || messages[0]["text"] != "zebrakms rotation" ||
		d.Data["profile"][0]["name"] != "alice" {
		t.Errorf("got %s", out)
	}
	// Yes and no read as JSON's true and false, not SQLite's 1 and 0.
	if p := d.Data["profile"][0]; p["is_bot"] != false || p["deleted"] != false || messages[0]["erased"] != false {
		t.Errorf("got is_bot %#v, deleted %#v, erased %#v; want false", p["is_bot"], p["deleted"], messages[0]["erased"])
	}
	if strings.Contains(out, "quokka") {
		t.Errorf("alice's export holds bob's words")
	}
	file := filepath.Join(t.TempDir(), "both.json")
	if _, _, err := runMember(t, "", "export", "--db", db, "--out", file, "U01", "U02"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var both []doc // one JSON document, whatever the number of members
	if err := json.Unmarshal(b, &both); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	var members []string
	for _, d := range both {
		members = append(members, d.Member)
	}
	if strings.Join(members, ",") != "U01,U02" {
		t.Errorf("got documents for %v, want U01 then U02", members)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("got mode %v, %v; want 0600 for personal data", fi.Mode().Perm(), err)
	}
}

func TestMemberForget(t *testing.T) {
	ctx := context.Background()
	db := memberDB(t)
	texts := func() (alice, bob int) {
		t.Helper()
		st, err := store.OpenDB(ctx, db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, c := range []struct {
			id string
			n  *int
		}{{"U01", &alice}, {"U02", &bob}} {
			s, err := st.PrivacySummary(ctx, c.id)
			if err != nil {
				t.Fatal(err)
			}
			*c.n = s.MessagesWithText
		}
		return alice, bob
	}
	_, errOut, err := runMember(t, "no\n", "forget", "--db", db, "U01")
	if err == nil || !strings.Contains(errOut, "Type yes") {
		t.Fatalf("got %v (%q), want a refusal without a yes", err, errOut)
	}
	if a, b := texts(); a != 1 || b != 1 {
		t.Fatalf("got %d and %d messages with text, want nothing erased", a, b)
	}
	onFile := !store.IsPostgres(db) // PostgreSQL's files: docs/postgres.md, "Erasure down to the bytes"
	if found, _ := dbbytes.Holding(db, "zebrakm", "Alice Martin"); onFile && len(found) != 2 {
		t.Fatalf("before: found only %v: the test would prove nothing", found)
	}
	out, _, err := runMember(t, "yes\n", "forget", "--db", db, "U01")
	if err != nil || out != "U01: forgotten\n" {
		t.Fatalf("got %q, %v", out, err)
	}
	// Her words (and the index's term for them) and her name have left the
	// file, its log and shared memory; bob's words have not.
	if found, err := dbbytes.Holding(db, "zebrakm", "Alice Martin"); onFile && (err != nil || len(found) > 0) {
		t.Errorf("after forget, the database's bytes still hold %v (%v)", found, err)
	}
	if found, _ := dbbytes.Holding(db, "quokka"); onFile && len(found) == 0 {
		t.Error("bob's words are gone too")
	}
	if a, b := texts(); a != 0 || b != 1 {
		t.Fatalf("got %d and %d messages with text, want alice's erased only", a, b)
	}
	out, _, err = runMember(t, "", "forget", "--yes", "--db", db, "U01")
	if err != nil || !strings.Contains(out, "already forgotten") {
		t.Errorf("got %q, %v", out, err)
	}
	// An ID Praxis has never seen is most likely mistyped: refused, unless
	// --force forgets it in advance.
	out, _, err = runMember(t, "", "forget", "--yes", "--db", db, "UNOTEXIST1")
	if exitCode(err) != 1 || out != "" || !strings.Contains(err.Error(), "never seen UNOTEXIST1") {
		t.Errorf("got %q, %v; want a refusal", out, err)
	}
	out, _, err = runMember(t, "", "forget", "--yes", "--force", "--db", db, "UNOTEXIST1")
	if err != nil || out != "UNOTEXIST1: forgotten\n" {
		t.Errorf("--force: got %q, %v", out, err)
	}
	unusable := [][]string{
		{"export", "--force", "--db", db, "U01"},
		{"forget", "--db", db, "alice"},
		{"export", "--db", db},
		{"delete", "U01"},
		{"forget", "--db", db, "--out", "x", "U01"},
	}
	for _, args := range unusable {
		if _, _, err := runMember(t, "yes\n", args...); exitCode(err) != 2 {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
}
