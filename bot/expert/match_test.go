package expert

import (
	"context"
	"strings"
	"testing"
)

// rotationWorld is a community where rotating means Postgres credentials:
// bob answered every rotation question, dave and frank answer the rest, and
// no thread mentions TLS or certificates.
func rotationWorld(t *testing.T) *world {
	w := newWorld(t)
	for _, q := range []string{
		"How do we rotate the Postgres credentials of the billing service?",
		"rotate postgres credentials without downtime?",
		"Who can rotate the analytics Postgres password?",
	} {
		w.QA("C1", "alice", q, true, "bob", "use the vault role and restart the pods one by one")
	}
	for _, q := range []string{
		"helm chart values per environment?",
		"terraform plan drift on every run?",
		"grafana dashboard for the queue depth?",
		"how do I get access to the staging cluster?",
	} {
		w.QA("C1", "carol", q, false, "dave", "see the runbook in the wiki", "frank", "ask in the platform channel")
	}
	return w
}

// A question whose words only partly match the history (rotating TLS
// certificates, where only Postgres credentials were ever rotated) claims
// no expertise: the reasons name the word that matched and say the match is
// weak, nobody stands out, the regular answerers are offered as such and
// no past thread is said to answer it.
func TestWeakMatchClaimsNothing(t *testing.T) {
	w := rotationWorld(t)
	e := engine(w)
	res, err := e.Rank(context.Background(), Query{Text: "how do we rotate TLS certificates?", Channel: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Weak || len(res.Threads) != 0 {
		t.Fatalf("got weak %v, past threads %+v; want nobody standing out and no past thread", res.Weak, res.Threads)
	}
	bob := res.Experts[0]
	if bob.User != "UBOB" {
		t.Fatalf("got %v first, want bob (the ranking is not what changes)", users(res))
	}
	reasons := strings.Join(bob.Reasons("en", res.Community, w.Now), "\n")
	for _, want := range []string{"answered 3 questions on *rotate* in #platform",
		"a weak match: their threads mention *rotate* but not *TLS*, *certificates*"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("got reasons\n%s\nwant %q", reasons, want)
		}
	}
	if strings.Contains(reasons, "TLS certificates") {
		t.Errorf("got reasons\n%s\nwant the query's words not echoed as the topic", reasons)
	}
	fr := strings.Join(bob.Reasons("fr", res.Community, w.Now), "\n")
	if !strings.Contains(fr, "correspondance faible : ses fils parlent de *rotate* mais pas de *TLS*, *certificates*") {
		t.Errorf("got French reasons\n%s", fr)
	}
	if len(res.Shown()) == 0 {
		t.Fatal("got no regular answerer, want dave and frank")
	}
	for _, c := range res.Shown() {
		rs := c.Reasons("en", res.Community, w.Now)
		if len(rs) == 0 || rs[0] != "answers questions regularly in Platform" || c.Answered+c.Discussed != 0 {
			t.Errorf("got %s: %q, want them labelled as regular answerers, with no claim on the topic", c.User, rs)
		}
	}
}

// The same history backs a question on what it holds: every word matched,
// no weak match, the experts shown.
func TestStrongMatchNamesTheWordsFound(t *testing.T) {
	w := rotationWorld(t)
	e := engine(w)
	res, err := e.Rank(context.Background(), Query{Text: "anyone knows how to rotate postgres credentials?",
		Channel: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Weak || res.Shown()[0].User != "UBOB" || len(res.Threads) == 0 {
		t.Fatalf("got weak %v, shown %v, threads %d; want bob as an expert and the past threads",
			res.Weak, res.Shown(), len(res.Threads))
	}
	reasons := res.Experts[0].Reasons("en", res.Community, w.Now)
	want := "answered 3 questions on *rotate postgres credentials* in #platform, most recently today"
	if reasons[0] != want {
		t.Fatalf("got %q, want %q", reasons[0], want)
	}
	for _, r := range reasons {
		if strings.Contains(r, "weak") {
			t.Fatalf("got %q, want no weak match", reasons)
		}
	}
}

// A thread that changes after the index was built (a reply arrives) leaves
// its old document behind until the postings are compacted; what a word
// weighs must not count it, or a match judged strong on a fresh load is
// judged weak live. Here the question, its answer and the message asked
// about arrive one by one, as in a workspace, and the live engine judges
// the match as one loaded afterwards does.
func TestAChangedThreadDoesNotSkewTheMatch(t *testing.T) {
	w := newWorld(t)
	q := w.Post("C1", "alice", "", "How do we rotate the vault tokens of the CI runners?")
	live := engine(w)
	w.Post("C1", "bob", q, "vault token rotation is a cron job: `vault token renew` with the CI role")
	w.Post("C1", "bot", "", "<@UCAROL> is looking for help: _vault token rotation_")
	m := w.Post("C1", "carol", "", "our vault tokens expire during long CI jobs")
	query := Query{Text: "our vault tokens expire during long CI jobs", Channel: "C1", Asker: "UALICE", ThreadTS: m}
	got, err := live.Rank(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	want, err := engine(w).Rank(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	if got.Weak != want.Weak || len(got.Experts) == 0 || got.Experts[0].User != "UBOB" || got.Experts[0].Weak {
		t.Fatalf("live: weak %v, %v; fresh load: weak %v, %v; want bob, a strong match, both ways",
			got.Weak, users(got), want.Weak, users(want))
	}
}
