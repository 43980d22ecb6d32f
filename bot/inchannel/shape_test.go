package inchannel

import (
	"testing"
	"time"
)

// Shape reads each question by the messages just before it: a channel that
// left threads answers in the channel once its recent messages say so,
// whatever its past; one that mixes threads and the channel does too.
func TestShapeReadsThePeriodBeforeEachQuestion(t *testing.T) {
	at := time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)
	var s Shape
	next := func(reply bool) time.Time {
		at = at.Add(time.Minute)
		s.Add(at, reply)
		return at
	}
	if s.At(at) {
		t.Fatal("a channel without messages answers in the channel, want a thread awaited")
	}
	for range 200 { // a question and two thread replies
		next(false)
		next(true)
		next(true)
	}
	if s.At(at.Add(time.Second)) {
		t.Fatal("a threaded channel answers in the channel")
	}
	for range 10 { // then a question and its answer in the channel
		next(false)
		next(false)
	}
	if s.At(at.Add(time.Second)) {
		t.Fatal("answers in the channel after 10 questions, want the threads of the period to weigh still")
	}
	for range 20 {
		next(false)
		next(false)
	}
	if !s.At(at.Add(time.Second)) {
		t.Fatal("a channel that left threads 30 questions ago does not answer in the channel")
	}
	for range 100 { // mixes: one question in a thread, one in the channel
		next(false)
		next(true)
		next(false)
		next(false)
	}
	if !s.At(at.Add(time.Second)) {
		t.Fatal("a channel that mixes does not answer in the channel")
	}
}

// A reply added ahead of its time (threads read in the order they start)
// counts only for the questions after it.
func TestShapeCountsRepliesWhenPosted(t *testing.T) {
	at := time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)
	var s Shape
	for i := range 10 {
		s.Add(at.Add(time.Duration(i)*time.Minute), false)
	}
	for i := range 10 { // replies of the first thread, a day later
		s.Add(at.Add(24*time.Hour+time.Duration(i)*time.Minute), true)
	}
	if !s.At(at.Add(time.Hour)) {
		t.Fatal("replies posted later count for a question before them")
	}
	if s.At(at.Add(48 * time.Hour)) {
		t.Fatal("replies posted before a question do not count for it")
	}
}
