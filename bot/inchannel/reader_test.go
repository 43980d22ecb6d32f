package inchannel

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"praxis/bot/question"
	"praxis/store"
)

// repliesWhole is Replies as it was written before the channel was
// read as a stream: every top-level message in memory, each question
// looking ahead. The streaming Reader must find the same replies.
func repliesWhole(top []store.ChannelMessage) map[string][]store.ChannelMessage {
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
			if gap > Mention || len(out[q.TS]) == Max {
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
			if gap <= Window || strings.Contains(m.Text, mention) {
				out[q.TS] = append(out[q.TS], m)
			}
		}
	}
	return out
}

func TestReaderFindsWhatTheWholeChannelGives(t *testing.T) {
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
		got, want := Replies(top, func(store.ChannelMessage) bool { return true }), repliesWhole(top)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: got %d questions answered, want %d", seed, len(got), len(want))
		}
		answered += len(want)
	}
	if answered < 1000 {
		t.Fatalf("got %d questions answered in all, too few to tell", answered)
	}
}
