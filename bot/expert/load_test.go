package expert

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/question"
	"praxis/store"
)

// flatRepliesWhole is flatReplies as it was written before the channel was
// read as a stream: every top-level message in memory, each question
// looking ahead. The streaming flatReader must find the same replies.
func flatRepliesWhole(top []store.ChannelMessage) map[string][]store.ChannelMessage {
	out := map[string][]store.ChannelMessage{}
	for i, q := range top {
		if q.IsBot || q.Deleted || q.UserID == "" {
			continue
		}
		if ok, _ := question.Detect(q.Text); !ok {
			continue
		}
		mention := "<@" + q.UserID
		for _, m := range top[i+1:] {
			gap := m.PostedAt.Sub(q.PostedAt)
			if gap > flatMention || len(out[q.TS]) == flatMax {
				break
			}
			if m.UserID == q.UserID {
				if ok, _ := question.Detect(m.Text); ok {
					break
				}
				continue
			}
			if m.IsBot || m.Deleted || m.UserID == "" {
				continue
			}
			if gap <= flatWindow || strings.Contains(m.Text, mention) {
				out[q.TS] = append(out[q.TS], m)
			}
		}
	}
	return out
}

func TestFlatReaderFindsWhatTheWholeChannelGives(t *testing.T) {
	texts := []string{
		"how do I rotate the kms keys?",
		"use the runbook",
		"<@U1> see the wiki",
		"thanks!",
		"anyone knows terraform?",
		"deploy done",
		"why is the build red?",
		"fixed",
	}
	answered := 0
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 7))
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var top []store.ChannelMessage
		for i := range 60 + rng.IntN(200) {
			at = at.Add(time.Duration(rng.IntN(40)) * time.Minute)
			m := store.ChannelMessage{
				TS:       at.Format("20060102150405") + string(rune('a'+i%26)),
				UserID:   []string{"U1", "U2", "U3", "", "U4"}[rng.IntN(5)],
				Text:     texts[rng.IntN(len(texts))],
				IsBot:    rng.IntN(10) == 0,
				Deleted:  rng.IntN(20) == 0,
				PostedAt: at,
			}
			top = append(top, m)
		}
		got, want := flatReplies(top), flatRepliesWhole(top)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: got %d questions answered, want %d", seed, len(got), len(want))
		}
		answered += len(want)
	}
	if answered < 1000 {
		t.Fatalf("got %d questions answered in all, too few to tell", answered)
	}
}

// The index holds at most MaxThreads threads, the most recent ones.
func TestIndexHoldsTheMostRecentThreads(t *testing.T) {
	w := newWorld(t)
	var asked []string
	for i := range 12 {
		question := "how do we rotate the kms keys in region " + string(rune('a'+i)) + "?"
		asked = append(asked, w.QA("C1", "alice", question, false, "bob", "with the runbook"))
	}
	now := w.Now
	e := New(w.St, bot.Deps{Now: func() time.Time { return now }}, Options{MaxThreads: 5})
	if err := e.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, d := range e.ix.docs {
		if !d.dead {
			kept = append(kept, d.ts)
		}
	}
	if !reflect.DeepEqual(kept, asked[7:]) {
		t.Fatalf("got threads %v, want the 5 most recent %v", kept, asked[7:])
	}
}
