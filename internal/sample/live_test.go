package sample

import (
	"reflect"
	"testing"
)

func TestLive(t *testing.T) {
	w := New(Options{Seed: 9})
	acts := w.Live(3)
	if !reflect.DeepEqual(acts, New(Options{Seed: 9}).Live(3)) {
		t.Fatal("Live differs between two runs")
	}
	if len(acts) < 50 {
		t.Fatalf("got %d actions in 3 days, want a lively demo", len(acts))
	}
	users, channels := map[string]bool{}, map[string]map[string]bool{}
	for _, u := range w.Users {
		users[u.ID] = !u.Deleted
	}
	for _, c := range w.Channels {
		channels[c.ID] = map[string]bool{}
		for _, m := range c.Members {
			channels[c.ID][m] = true
		}
	}
	kinds := map[ActionKind]int{}
	deleted := map[int]bool{}
	for i, a := range acts {
		kinds[a.Kind]++
		if !users[a.User] || channels[a.Channel] == nil {
			t.Fatalf("action %d: unknown or deleted user %q, or unknown channel %q", i, a.User, a.Channel)
		}
		if i > 0 && a.At.Before(acts[i-1].At) {
			t.Errorf("action %d at %v, before the previous one", i, a.At)
		}
		if !a.At.After(w.Options.End) && !a.At.Equal(w.Options.End) || a.At.After(w.Options.End.AddDate(0, 0, 3)) {
			t.Errorf("action %d at %v, not in the 3 days after End", i, a.At)
		}
		switch a.Kind {
		case ActJoin:
			if channels[a.Channel][a.User] {
				t.Errorf("action %d: %s joins %s, of which they are a member", i, a.User, a.Channel)
			}
			channels[a.Channel][a.User] = true
		case ActMessage:
			if a.Parent != -1 || (a.Text == "" && a.File == nil) {
				t.Errorf("action %d: message with parent %d, text %q", i, a.Parent, a.Text)
			}
		}
		if a.Kind == ActMessage || a.Kind == ActJoin {
			continue
		}
		if a.Parent < 0 || a.Parent >= i {
			t.Fatalf("action %d (%s): parent %d, want an earlier action", i, a.Kind, a.Parent)
		}
		p := acts[a.Parent]
		okKind := p.Kind == ActMessage || p.Kind == ActReply && a.Kind != ActReply
		if !okKind || p.Channel != a.Channel || deleted[a.Parent] {
			t.Errorf("action %d (%s): parent %d is a %s in %s (deleted %v)",
				i, a.Kind, a.Parent, p.Kind, p.Channel, deleted[a.Parent])
		}
		switch a.Kind {
		case ActReact:
			if a.Reaction == "" || a.User == p.User {
				t.Errorf("action %d: reaction %q by %s to their own message", i, a.Reaction, a.User)
			}
		case ActEdit, ActDelete:
			if a.User != p.User || a.Kind == ActEdit && (a.Text == "" || a.Text == p.Text) {
				t.Errorf("action %d: %s by %s of %s's message %q → %q", i, a.Kind, a.User, p.User, p.Text, a.Text)
			}
			if a.Kind == ActDelete {
				deleted[a.Parent] = true
			}
		}
	}
	for _, k := range []ActionKind{ActMessage, ActReply, ActReact, ActJoin, ActEdit} {
		if kinds[k] == 0 {
			t.Errorf("no %s action in %v", k, kinds)
		}
	}
	if w.Live(0) != nil {
		t.Error("Live(0) is not empty")
	}
}
