package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// follower records what the store told it (see OnCommit).
type follower struct {
	mu   sync.Mutex
	told []Changes
}

func follow(s *Store) *follower {
	f := &follower{}
	s.OnCommit(func(c Changes) { f.mu.Lock(); f.told = append(f.told, c); f.mu.Unlock() })
	return f
}

// take returns what was told since the last take.
func (f *follower) take() []Changes {
	f.mu.Lock()
	defer f.mu.Unlock()
	told := f.told
	f.told = nil
	return told
}

var changesOpts = cmpopts.EquateEmpty()

var errRollback = errors.New("rolled back")

// Each recording method marks what it changes; the followers hear of it
// once the transaction is committed, and never of a transaction rolled
// back or whose commit failed. A write that changes nothing they follow
// (or nothing at all) tells nothing.
func TestTxMarksWhatItChanges(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	parent := Message{ChannelID: "C1", TS: "1700000000.000100", UserID: "U1", Text: "how?", PostedAt: at}
	reply := Message{ChannelID: "C1", TS: "1700000060.000100", ThreadTS: parent.TS, UserID: "U2", Text: "so", PostedAt: at}
	rx := Reaction{ChannelID: "C1", MessageTS: reply.TS, UserID: "U1", Name: "white_check_mark", At: at}
	out := OutMessage{Key: "k1", Method: "chat.postMessage", ChannelID: "C1", Payload: "{}"}
	thread := []MessageRef{{ChannelID: "C1", TS: parent.TS}}
	f := follow(s)
	for _, c := range []struct {
		name string
		fn   func(tx *Tx) error
		want []Changes
	}{
		{"put a message", func(tx *Tx) error { return tx.PutMessage(ctx, parent) }, []Changes{{Messages: thread}}},
		{"put a reply: its thread", func(tx *Tx) error { return tx.PutMessage(ctx, reply) }, []Changes{{Messages: thread}}},
		{"edit a message", func(tx *Tx) error {
			m := reply
			m.Text, m.EditedTS = "so, really", "1700000099.000100"
			return tx.EditMessage(ctx, m)
		}, []Changes{{Messages: thread}}},
		{"add a reaction", func(tx *Tx) error { return tx.AddReaction(ctx, rx) },
			[]Changes{{Messages: []MessageRef{{ChannelID: "C1", TS: reply.TS}}}}},
		{"remove a reaction", func(tx *Tx) error { return tx.RemoveReaction(ctx, rx) },
			[]Changes{{Messages: []MessageRef{{ChannelID: "C1", TS: reply.TS}}}}},
		{"delete a message", func(tx *Tx) error { return tx.DeleteMessage(ctx, "C1", reply.TS, at) },
			[]Changes{{Messages: []MessageRef{{ChannelID: "C1", TS: reply.TS}}}}},
		{"enqueue", func(tx *Tx) error { _, err := tx.Enqueue(ctx, out); return err }, []Changes{{Outbox: true}}},
		{"enqueue a key already there", func(tx *Tx) error { _, err := tx.Enqueue(ctx, out); return err }, nil},
		{"opt out of suggestions", func(tx *Tx) error { return tx.SetSuggestable(ctx, "U1", false) },
			[]Changes{{People: true}}},
		{"add a skill", func(tx *Tx) error { return tx.AddSkill(ctx, "U1", "go") }, []Changes{{People: true}}},
		{"add a skill already there", func(tx *Tx) error { return tx.AddSkill(ctx, "U1", "go") }, nil},
		{"remove a skill", func(tx *Tx) error { _, err := tx.RemoveSkill(ctx, "U1", "go"); return err },
			[]Changes{{People: true}}},
		{"remove a skill not there", func(tx *Tx) error { _, err := tx.RemoveSkill(ctx, "U1", "go"); return err }, nil},
		{"ping", func(tx *Tx) error {
			return tx.AddPing(ctx, Ping{MemberID: "U2", ChannelID: "C1", QuestionTS: parent.TS, Kind: "routed", At: at})
		}, []Changes{{People: true}}},
		{"pause", func(tx *Tx) error { _, err := tx.Pause(ctx, "U1"); return err }, []Changes{{People: true}}},
		{"pause again", func(tx *Tx) error { _, err := tx.Pause(ctx, "U1"); return err }, nil},
		{"resume", func(tx *Tx) error { _, err := tx.Resume(ctx, "U1"); return err }, []Changes{{People: true}}},
		{"forget", func(tx *Tx) error { _, err := tx.Forget(ctx, "U2"); return err },
			[]Changes{{People: true, Erased: true}}},
		{"forget again", func(tx *Tx) error { _, err := tx.Forget(ctx, "U2"); return err }, nil},
		{"what no one follows", func(tx *Tx) error {
			if err := tx.SetDigestFrequency(ctx, "U1", "monthly"); err != nil {
				return err
			}
			return tx.Membership(ctx, "C1", "U1", true, "", at)
		}, nil},
		{"several marks in one transaction, told once", func(tx *Tx) error {
			if _, err := tx.Enqueue(ctx, OutMessage{Key: "k2", Method: "chat.postMessage", ChannelID: "C1",
				Payload: "{}"}); err != nil {
				return err
			}
			if err := tx.AddSkill(ctx, "U1", "sql"); err != nil {
				return err
			}
			return tx.PutMessage(ctx, Message{ChannelID: "C2", TS: "1700000200.000100", UserID: "U1", Text: "hi", PostedAt: at})
		}, []Changes{{Outbox: true, People: true, Messages: []MessageRef{{ChannelID: "C2", TS: "1700000200.000100"}}}}},
	} {
		err := s.Batch(ctx, func(tx *Tx) error { return errors.Join(c.fn(tx), errRollback) })
		if !errors.Is(err, errRollback) {
			t.Fatalf("%s, rolled back: %v", c.name, err)
		}
		if got := f.take(); len(got) != 0 {
			t.Errorf("%s, rolled back: told %+v, want nothing", c.name, got)
		}
		cctx, cancel := context.WithCancel(ctx)
		err = s.Batch(cctx, func(tx *Tx) error {
			err := c.fn(tx)
			cancel() // the transaction is rolled back: its commit fails
			return err
		})
		if err == nil {
			t.Fatalf("%s: the commit did not fail", c.name)
		}
		if got := f.take(); len(got) != 0 {
			t.Errorf("%s, commit failed: told %+v, want nothing", c.name, got)
		}
		if err := s.Batch(ctx, c.fn); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(c.want, f.take(), changesOpts); diff != "" {
			t.Errorf("%s: told (-want +got):\n%s", c.name, diff)
		}
	}
}

// In a batch of savepoints (the dispatcher's), an item rolled back takes
// its marks with it; the others' are told, once, at the commit.
func TestSavepointRolledBackTellsNothingOfIt(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := follow(s)
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	errs, err := s.Savepoints(ctx, 3, func(i int, tx *Tx) error {
		switch i {
		case 0:
			return tx.PutMessage(ctx, Message{ChannelID: "C1", TS: "1.000100", UserID: "U1", Text: "a", PostedAt: at})
		case 1:
			if _, err := tx.Enqueue(ctx, OutMessage{Key: "k", Method: "chat.postMessage", ChannelID: "C1",
				Payload: "{}"}); err != nil {
				return err
			}
			if err := tx.AddSkill(ctx, "U1", "go"); err != nil {
				return err
			}
			return errRollback
		}
		return tx.PutMessage(ctx, Message{ChannelID: "C1", TS: "2.000100", UserID: "U1", Text: "b", PostedAt: at})
	})
	if err != nil || !errors.Is(errs[1], errRollback) {
		t.Fatalf("got %v, %v; want the second item rolled back alone", errs, err)
	}
	want := []Changes{{Messages: []MessageRef{{ChannelID: "C1", TS: "1.000100"}, {ChannelID: "C1", TS: "2.000100"}}}}
	if diff := cmp.Diff(want, f.take(), changesOpts); diff != "" {
		t.Errorf("told (-want +got):\n%s", diff)
	}
}

// The store's own methods that write outside a caller's transaction tell
// what they changed too.
func TestStoreMethodsMarkWhatTheyChange(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	member := Member{ID: "U1", Name: "alice", TZ: "Europe/Paris"}
	f := follow(s)
	for _, c := range []struct {
		name string
		fn   func() error
		want []Changes
	}{
		{"a new member", func() error { return s.PutMember(ctx, member) }, []Changes{{People: true}}},
		{"a profile synced again, unchanged", func() error { return s.PutMember(ctx, member) }, nil},
		{"a new display name", func() error {
			m := member
			m.DisplayName = "ali"
			return s.PutMember(ctx, m)
		}, nil},
		{"away", func() error {
			m := member
			m.Status = ":palm_tree: On vacation"
			return s.PutMember(ctx, m)
		}, []Changes{{People: true}}},
		{"deactivated", func() error {
			m := member
			m.Deleted = true
			return s.PutMember(ctx, m)
		}, []Changes{{People: true}}},
		{"members imported", func() error { return s.ImportMembers(ctx, []Member{{ID: "U2", Name: "bob"}}) },
			[]Changes{{People: true}}},
		{"members imported again", func() error { return s.ImportMembers(ctx, []Member{{ID: "U2", Name: "bob"}}) }, nil},
		{"opt out", func() error { return s.SetSuggestable(ctx, "U1", false) }, []Changes{{People: true}}},
		{"ping", func() error {
			return s.AddPing(ctx, Ping{MemberID: "U1", ChannelID: "C1", QuestionTS: "1.1", Kind: "routed", At: at})
		}, []Changes{{People: true}}},
		{"ping again", func() error {
			return s.AddPing(ctx, Ping{MemberID: "U1", ChannelID: "C1", QuestionTS: "1.1", Kind: "routed", At: at})
		}, nil},
		{"enqueue", func() error {
			_, err := s.Enqueue(ctx, OutMessage{Key: "k1", Method: "chat.postMessage", ChannelID: "C1", Payload: "{}"})
			return err
		}, []Changes{{Outbox: true}}},
		{"enqueue a key already there", func() error {
			_, err := s.Enqueue(ctx, OutMessage{Key: "k1", Method: "chat.postMessage", ChannelID: "C1", Payload: "{}"})
			return err
		}, nil},
		{"enqueue several", func() error {
			_, err := s.EnqueueAll(ctx, []OutMessage{{Key: "k2", Method: "chat.postMessage", ChannelID: "C1", Payload: "{}"}})
			return err
		}, []Changes{{Outbox: true}}},
		{"forget", func() error { _, err := s.Forget(ctx, "U2"); return err }, []Changes{{People: true, Erased: true}}},
	} {
		err := c.fn()
		if errors.Is(err, ErrPinged) {
			err = nil
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(c.want, f.take(), changesOpts); diff != "" {
			t.Errorf("%s: told (-want +got):\n%s", c.name, diff)
		}
	}
}

// Retention erases in many short transactions; its followers are told
// once, when it is done, that words were erased, and not at all when it
// erased nothing.
func TestEraseBeforeTellsOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	err := s.Batch(ctx, func(tx *Tx) error {
		for i := range retentionChunk + 10 {
			m := Message{ChannelID: "C1", TS: fmt.Sprintf("%d.000100", at.Unix()+int64(i)), UserID: "U1", Text: "old words",
				PostedAt: at.Add(time.Duration(i) * time.Second)}
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f := follow(s)
	e, err := s.EraseBefore(ctx, at.Add(time.Hour))
	if err != nil || e.Messages != retentionChunk+10 {
		t.Fatalf("got %+v, %v; want every message erased", e, err)
	}
	if diff := cmp.Diff([]Changes{{Erased: true}}, f.take(), changesOpts); diff != "" {
		t.Errorf("told (-want +got):\n%s", diff)
	}
	if _, err := s.EraseBefore(ctx, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := f.take(); len(got) != 0 {
		t.Errorf("retention run again: told %+v, want nothing", got)
	}
}

// While no one follows the store's commits (an import), the messages a
// transaction writes are not gathered; on PostgreSQL they are, for the
// other replicas (the change log).
func TestUnfollowedTxGathersNoMessages(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	want := 0
	if s.Shared() {
		want = 1
	}
	err := s.Batch(ctx, func(tx *Tx) error {
		m := Message{ChannelID: "C1", TS: "1.000100", UserID: "U1", Text: "a", PostedAt: time.Unix(1, 0)}
		err := tx.PutMessage(ctx, m)
		if n := len(tx.changed.Messages); n != want {
			t.Errorf("got %d messages gathered with no follower, want %d", n, want)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
