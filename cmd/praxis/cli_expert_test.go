package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"praxis/bot/sample"
)

// The expert commands on a generated workspace: one question, JSON, a batch
// with a malformed line, and the evaluation.
func TestExpertCommands(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "export")
	ws := sample.New(sample.Options{Seed: 7, Messages: 4000})
	if _, err := ws.WriteDir(export); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "p.db")
	if out, err := runCLI(t, nil, "import", "--all-channels", "--db", db, export); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	topic := ws.Communities[0].Topics[0]
	out, err := runCLI(t, nil, "expert", "--db", db, "how do we handle "+topic+"?")
	if err != nil || !strings.Contains(out, "1. U") || !strings.Contains(out, "answered") {
		t.Fatalf("got %v\n%s", err, out)
	}
	out, err = runCLI(t, nil, "expert", "--db", db, "--format", "json", "--limit", "2", "--lang", "fr", topic)
	var one struct {
		Ranked []struct {
			User    string
			Score   float64
			Reasons []string
		}
	}
	if err != nil || json.Unmarshal([]byte(out), &one) != nil || len(one.Ranked) != 2 || one.Ranked[0].Score <= 0 ||
		!strings.Contains(strings.Join(one.Ranked[0].Reasons, " "), "a répondu") {
		t.Fatalf("got %v\n%s", err, out)
	}

	in := strings.NewReader(`{"id": "q1", "text": "how do we handle ` + topic + `?"}
not json
{"id": "q2", "text": "", "channel": "C404"}
{"id": "q3", "text": "` + strings.Repeat("x", 100_000) + `"}
{"id": "q4", "text": "` + topic + `"}`)
	var buf bytes.Buffer
	err = runIO(context.Background(), []string{"expert", "--db", db, "--batch"}, func(string) string { return "" }, in, &buf, &buf)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 5 || !strings.Contains(lines[3], "longer than 64 KiB") || !strings.Contains(lines[4], `"id":"q4"`) {
		t.Fatalf("got %d lines, want one per query, the rest going on after a line too long\n%.2000s", len(lines), buf.String())
	}
	var l1, l2, l3 resultJSON
	for i, p := range []*resultJSON{&l1, &l2, &l3} {
		if err := json.Unmarshal([]byte(lines[i]), p); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
	}
	if l1.ID != "q1" || len(l1.Ranked) == 0 || l2.Error == "" || l3.ID != "q2" || len(l3.Ranked) != 0 {
		t.Fatalf("got %+v / %+v / %+v", l1, l2, l3)
	}

	out, err = runCLI(t, nil, "eval", "experts", "--max-questions", "200", export)
	if err != nil || !strings.Contains(out, "MRR") || !strings.Contains(out, "against the better baseline") {
		t.Fatalf("got %v\n%s", err, out)
	}
	if _, err := runCLI(t, nil, "expert", "--db", db); exitCode(err) != 2 {
		t.Fatalf("got %v, want a usage error without a question", err)
	}
	if _, err := runCLI(t, nil, "expert", "--db", db, "--community", "Nope", "x"); exitCode(err) != 2 || !strings.Contains(err.Error(), "known:") {
		t.Fatalf("got %v, want a usage error naming the known communities", err)
	}
}
