package dispatch

import (
	"fmt"
	"testing"
	"time"
)

// A full stash makes room for the newest entry by dropping the oldest.
func TestStashKeepsTheNewest(t *testing.T) {
	s := NewStash[int](time.Hour, 3)
	for i := range 5 {
		s.Put(fmt.Sprint(i), i)
		time.Sleep(time.Millisecond) // distinct times
	}
	for i := range 5 {
		v, ok := s.Get(fmt.Sprint(i))
		if want := i >= 2; ok != want || (ok && v != i) {
			t.Errorf("entry %d: got %v, %v; want kept %v", i, v, ok, want)
		}
	}
	if s.Len() != 3 {
		t.Fatalf("got %d entries, want 3", s.Len())
	}
	s.Put("4", 40) // an entry put again replaces, and evicts nothing
	if v, _ := s.Get("4"); v != 40 || s.Len() != 3 {
		t.Fatalf("got %v and %d entries", v, s.Len())
	}
	if _, ok := s.Get("2"); !ok {
		t.Fatal("replacing an entry evicted another")
	}
}
