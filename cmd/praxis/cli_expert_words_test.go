package main

import (
	"encoding/json"
	"strings"
	"testing"

	"praxis/internal/testkit"
)

// expertWorldDB is a store where rotating means Postgres credentials (bob
// answers those) and kubernetes questions are answered by dave and frank.
func expertWorldDB(t *testing.T) string {
	w := testkit.NewExpertWorld(t)
	for _, q := range []string{"How do we rotate the Postgres credentials?", "rotate postgres credentials safely?",
		"Who can rotate the Postgres password?"} {
		w.QA("C1", "alice", q, true, "bob", "use the vault role and restart the pods one by one")
	}
	for _, q := range []string{"kubernetes pod stuck in CrashLoopBackOff?", "kubernetes ingress returns 502?",
		"helm chart values per environment?", "terraform plan drift on every run?"} {
		w.QA("C1", "carol", q, false, "dave", "see the runbook in the wiki", "frank", "check the probe")
	}
	return w.DB
}

// Flags after the question are flags, never words; bad values and an empty
// question are refused with what to do.
func TestExpertFlagsAfterTheQuestion(t *testing.T) {
	db := expertWorldDB(t)
	out, err := runCLI(t, nil, "expert", "--db", db, "kubernetes", "--limit", "1", "--format", "json")
	var res resultJSON
	if err != nil || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("got %v\n%s", err, out)
	}
	if res.Topic != "kubernetes" || len(res.Ranked) != 1 {
		t.Fatalf("got topic %q and %d people, want kubernetes and 1 (--limit read as a flag)", res.Topic, len(res.Ranked))
	}
	out, err = runCLI(t, nil, "expert", "--db", db, "--", "kubernetes", "--limit")
	if err != nil || !strings.Contains(out, "1. ") {
		t.Fatalf("after --, got %v\n%s", err, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"kubernetes", "--limit", "0"}, "--limit is how many people to suggest: 1 or more"},
		{[]string{"--lang", "de", "kubernetes"}, `--lang is one of en, fr, not "de"`},
		{[]string{"  "}, "expert takes a question"},
		{nil, "expert takes a question"},
	} {
		_, err := runCLI(t, nil, append([]string{"expert", "--db", db}, c.args...)...)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v (exit %d), want a usage error saying %q", c.args, err, exitCode(err), c.want)
		}
	}
}

// The answer names people (name, then id) and speaks the language asked on
// every line; a question the history does not back says nobody stands out
// and offers the regular answerers as such.
func TestExpertAnswerInWords(t *testing.T) {
	db := expertWorldDB(t)
	out, err := runCLI(t, nil, "expert", "--db", db, "--lang", "fr", "rotate postgres credentials")
	if err != nil || !strings.Contains(out, "1. bob (UBOB)") || !strings.Contains(out, "Déjà abordé dans ces fils :") ||
		strings.Contains(out, "Already answered") || !strings.Contains(out, "sur *rotate postgres credentials*") {
		t.Fatalf("got %v\n%s\nwant bob by name, every line in French", err, out)
	}
	out, err = runCLI(t, nil, "expert", "--db", db, "how do we rotate TLS certificates?")
	if err != nil || !strings.Contains(out, "Nobody stands out on “rotate TLS certificates”") ||
		!strings.Contains(out, "1. frank (UFRANK)") || !strings.Contains(out, "answered 4 threads in #platform") ||
		strings.Contains(out, "questions on *rotate TLS") ||
		strings.Contains(out, "Already answered") {
		t.Fatalf("got %v\n%s\nwant nobody standing out, the regular answerers as such", err, out)
	}
}
