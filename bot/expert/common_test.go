package expert

import (
	"context"
	"fmt"
	"testing"
)

// commonWorld is a history of threads in all, of which with are bob's
// answers on deploying the service; the others are lone messages, each on
// a word of its own.
func commonWorld(t *testing.T, threads, with int) *world {
	w := newWorld(t)
	for range with {
		w.QA("C1", "alice", "how do we deploy the service?", false, "bob", "deploy the service from the pipeline")
	}
	for i := range threads - with {
		w.Post("C1", "carol", "", "notes on "+filler(i))
	}
	return w
}

// filler is a made-up word of letters only, different for each i.
func filler(i int) string {
	return fmt.Sprintf("zork%c%c%c", 'a'+i/676%26, 'a'+i/26%26, 'a'+i%26)
}

// A word in more than a tenth of the threads of a history of 100 threads
// or more says little of a topic: a match on such words only is weak (and
// says so), though every word of the question matched. Below 100 threads,
// or under a tenth of them, the same match backs the claim.
func TestAMatchOnCommonWordsOnlyIsWeak(t *testing.T) {
	for _, c := range []struct {
		name          string
		threads, with int
		common        bool
	}{
		{"12 in 100: common", 100, 12, true},
		{"20 in 120: common", 120, 20, true},
		{"20 in 99: too few threads to tell", 99, 20, false},
		{"10 in 100: a tenth is not more than a tenth", 100, 10, false},
		{"15 in 200: under a tenth", 200, 15, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := commonWorld(t, c.threads, c.with)
			res, err := engine(w).Rank(context.Background(), Query{Text: "how do we deploy the service?",
				Channel: "C1"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Experts) == 0 || res.Experts[0].User != "UBOB" {
				t.Fatalf("got %v, want bob first", users(res))
			}
			bob := res.Experts[0]
			if len(bob.Missing) != 0 {
				t.Fatalf("got %v missing, want every word of the question matched", bob.Missing)
			}
			if bob.Weak != c.common || bob.Common != c.common || res.Weak != c.common {
				t.Errorf("got weak %v, common %v, nobody standing out %v; want %v for all three",
					bob.Weak, bob.Common, res.Weak, c.common)
			}
		})
	}
}
