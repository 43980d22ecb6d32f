package expert

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// A common word of the history (here "handle", in a fifth of its threads)
// that matched beside specific ones is not named as the topic: the reason
// says what the person's threads are about, not the question's filler.
func TestReasonsNameTheSpecificWordsFound(t *testing.T) {
	w := newWorld(t)
	for i := range 120 {
		q := fmt.Sprintf("release train %d: who signs off on the changelog?", i)
		if i%5 == 0 {
			q = fmt.Sprintf("How do we handle the on-call handover of week %d?", i)
		}
		w.QA("C1", "carol", q, false, "dave", "see the runbook")
	}
	for range 3 {
		w.QA("C1", "alice", "How do we handle secrets rotation for the billing service?", true,
			"bob", "vault rotates them; restart the pods one by one")
	}
	res, err := engine(w).Rank(context.Background(), Query{Text: "how do we handle secrets rotation?", Channel: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Experts) == 0 || res.Experts[0].User != "UBOB" {
		t.Fatalf("got %v, want bob first", users(res))
	}
	reasons := strings.Join(res.Experts[0].Reasons("en", res.Community, w.Now), "\n")
	if !strings.Contains(reasons, "answered 3 questions on *secrets rotation* in #platform") {
		t.Fatalf("got reasons\n%s\nwant the topic named by its specific words, without *handle*", reasons)
	}
	if strings.Contains(reasons, "weak") {
		t.Fatalf("got reasons\n%s\nwant a strong match", reasons)
	}
}
