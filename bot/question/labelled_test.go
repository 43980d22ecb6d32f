package question

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// testdata/labelled.jsonl holds 390 top-level messages of five public Slack
// exports (JuliaLang, Clojurians, Elm, Racket and haskell-jp's messages in
// English), drawn by a hash of their workspace, channel and ts, plus the
// ones that call for volunteers, reviews, votes or company (keyword-matched
// so that the sample holds enough of them), each labelled by reading it:
// question is true when it asks for knowledge (how, why, where, is there,
// any idea, I'm stuck), false for announcements, polls, calls for
// volunteers or testers, requests for a review or an action, invitations,
// rhetorical questions and chatter. Only the text and the label are kept,
// mentions renumbered (<@U0000001>): no user id. Even lines tuned the
// vocabularies; odd lines were held out and only measured at the end.
type labelled struct {
	Question bool   `json:"question"`
	Text     string `json:"text"`
}

func readLabelled(t *testing.T) []labelled {
	t.Helper()
	f, err := os.Open("testdata/labelled.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %d: %v", len(out)+1, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// score is Detect's precision and recall on every other message from first.
func score(sample []labelled, first int) (precision, recall float64, misses []labelled) {
	tp, fp, fn := 0, 0, 0
	for i := first; i < len(sample); i += 2 {
		l := sample[i]
		ok, _ := Detect(l.Text)
		switch {
		case ok && l.Question:
			tp++
		case ok:
			fp++
			misses = append(misses, l)
		case l.Question:
			fn++
			misses = append(misses, l)
		}
	}
	return float64(tp) / float64(tp+fp), float64(tp) / float64(tp+fn), misses
}

// TestPrecisionAndRecallOnRealMessages holds Detect to what it reaches on
// real messages, on the half the vocabularies were tuned on and on the
// held-out half: a request for action taken for a question is nudged and
// counted as unanswered; a question missed is never followed.
func TestPrecisionAndRecallOnRealMessages(t *testing.T) {
	sample := readLabelled(t)
	for _, half := range []struct {
		name              string
		first             int
		precision, recall float64
	}{
		// Before the requests vocabulary: 0.74 and 0.98 (tuning), 0.80 and
		// 0.97 (held out); after: 0.81 and 0.98, 0.84 and 0.97.
		{"tuning", 0, 0.80, 0.95},
		{"held out", 1, 0.82, 0.95},
	} {
		p, r, misses := score(sample, half.first)
		t.Logf("%s half: precision %.2f, recall %.2f", half.name, p, r)
		if p < half.precision || r < half.recall {
			for _, l := range misses {
				t.Logf("labelled %v: %q", l.Question, l.Text)
			}
			t.Errorf("%s half: precision %.2f (want ≥ %.2f), recall %.2f (want ≥ %.2f)",
				half.name, p, half.precision, r, half.recall)
		}
	}
}
