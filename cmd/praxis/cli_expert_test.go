package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"praxis/internal/sample"
	"praxis/internal/testkit"
	"praxis/store"
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
	db := testkit.Database(t)
	out, err := runCLI(t, nil, "import", "--all-channels", "--db", db, export)
	if err != nil || !strings.Contains(out, "Expert ranking") {
		t.Fatalf("import: %v\n%s\nwant the expert ranking fitted after the import", err, out)
	}
	topic := ws.Communities[0].Topics[0]
	out, err = runCLI(t, nil, "expert", "--db", db, "how do we handle "+topic+"?")
	if err != nil || !strings.Contains(out, "1. ") || !strings.Contains(out, " (U") || !strings.Contains(out, "answered") {
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
	err = runIO(context.Background(), []string{
		"expert",
		"--db",
		db,
		"--batch",
	}, func(string) string { return "" }, in, &buf, &buf)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 5 || !strings.Contains(lines[3], "longer than 64 KiB") || !strings.Contains(lines[4], `"id":"q4"`) {
		t.Fatalf("got %d lines, want one per query, the rest going on after a line too long\n%.2000s",
			len(lines), buf.String())
	}
	var l1, l2, l3 resultJSON
	for i, p := range []*resultJSON{&l1, &l2, &l3} {
		if err := json.Unmarshal([]byte(lines[i]), p); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
	}
	q2Refused := l3.ID == "q2" && len(l3.Ranked) == 0 && strings.Contains(l3.Error, "unknown channel")
	if l1.ID != "q1" || len(l1.Ranked) == 0 || l2.Error == "" || !q2Refused {
		t.Fatalf("got %+v / %+v / %+v, want q2's unknown channel an error", l1, l2, l3)
	}
	expertBatchChannels(t, db, ws.Channels[0].Name, topic)
	expertBatchInOrder(t, db, topic)

	out, err = runCLI(t, nil, "eval", "experts", "--max-questions", "200", export)
	if err != nil || !strings.Contains(out, "MRR") || !strings.Contains(out, "against the better baseline") {
		t.Fatalf("got %v\n%s", err, out)
	}
	out, err = runCLI(t, nil, "eval", "experts", "--max-questions", "100", "--undated", "--format", "json", export)
	var undated struct {
		Undated bool
		Methods []struct{ MRR float64 }
	}
	report := out[strings.LastIndex(out, "\n{")+1:] // after the progress lines
	if err != nil || json.Unmarshal([]byte(report), &undated) != nil || !undated.Undated ||
		len(undated.Methods) != 4 || undated.Methods[0].MRR <= undated.Methods[3].MRR {
		t.Fatalf("got %v\n%.2000s\nwant the questions put without their instant, Praxis above BM25", err, out)
	}
	if _, err := runCLI(t, nil, "expert", "--db", db); exitCode(err) != 2 {
		t.Fatalf("got %v, want a usage error without a question", err)
	}
	_, err = runCLI(t, nil, "expert", "--db", db, "--community", "Nope", "x")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "known:") {
		t.Fatalf("got %v, want a usage error naming the known communities", err)
	}
}

// In --batch, a channel is an id, a name or #name, and the three rank
// alike; "ts" ranks with what was known then (nothing, before the history
// began); --explain says what each feature adds.
func expertBatchChannels(t *testing.T, db, channel, topic string) {
	t.Helper()
	st, err := store.OpenDB(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	cs, err := st.Communities(context.Background())
	for _, c := range cs {
		for cid, name := range c.Channels {
			if name == channel {
				id = cid
			}
		}
	}
	st.Close()
	if err != nil || id == "" {
		t.Fatalf("channel %s not found: %v", channel, err)
	}
	var in strings.Builder
	for i, ch := range []string{id, channel, "#" + channel} {
		fmt.Fprintf(&in, `{"id": "c%d", "text": "how do we handle %s?", "channel": %q}`+"\n", i, topic, ch)
	}
	old := `{"id": "old", "text": "how do we handle %s?", "channel": %q, "ts": "1000000000.000100"}` + "\n"
	fmt.Fprintf(&in, old, topic, id)
	fmt.Fprintf(&in, `{"id": "bad", "text": "x", "ts": "yesterday"}`+"\n")
	var buf bytes.Buffer
	args := []string{"expert", "--db", db, "--batch", "--explain", "--limit", "5"}
	noEnv := func(string) string { return "" }
	if err := runIO(context.Background(), args, noEnv, strings.NewReader(in.String()), &buf, &buf); err != nil {
		t.Fatal(err)
	}
	var got []resultJSON
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var r resultJSON
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got = append(got, r)
	}
	if len(got) != 5 || len(got[0].Ranked) == 0 || got[0].Error != "" {
		t.Fatalf("got %+v", got)
	}
	for _, r := range got[1:3] {
		if fmt.Sprint(r.Ranked) != fmt.Sprint(got[0].Ranked) {
			t.Errorf("%s ranked %v, the channel's id %v", r.ID, r.Ranked, got[0].Ranked)
		}
	}
	if len(got[0].Ranked[0].Explain) == 0 {
		t.Errorf("got no explanation: %+v", got[0].Ranked[0])
	}
	sum := 0.0
	for _, x := range got[0].Ranked[0].Explain {
		sum += x.Adds
	}
	if sum <= 0 {
		t.Errorf("the features add %v to the first person's score", sum)
	}
	if len(got[3].Ranked) != 0 || got[3].Error != "" {
		t.Errorf("as of 2001, before the history: got %+v, want nobody", got[3])
	}
	if !strings.Contains(got[4].Error, "not a Slack timestamp") {
		t.Errorf("got %+v, want a bad ts an error", got[4])
	}
}

// --batch ranks on every core and answers in the order of the lines,
// across more lines than it reads at once, errors included.
func expertBatchInOrder(t *testing.T, db, topic string) {
	t.Helper()
	var in strings.Builder
	var want []string
	for i := range 2*batchWindow + 37 {
		id := fmt.Sprint("q", i)
		if i%7 == 3 {
			fmt.Fprintf(&in, `{"id": %q, "text": "x", "channel": "#nowhere"}`+"\n", id)
		} else {
			fmt.Fprintf(&in, `{"id": %q, "text": "how do we handle %s, case %d?"}`+"\n", id, topic, i)
		}
		want = append(want, id)
	}
	var buf bytes.Buffer
	args := []string{"expert", "--db", db, "--batch"}
	noEnv := func(string) string { return "" }
	if err := runIO(context.Background(), args, noEnv, strings.NewReader(in.String()), &buf, &buf); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var r resultJSON
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if failed := r.Error != ""; failed != (i%7 == 3) {
			t.Fatalf("line %d: got %+v, want an error only for the unknown channel", i, r)
		}
		got = append(got, r.ID)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %d answers out of order or missing, want %d in order", len(got), len(want))
	}
}
