package expert

import (
	"context"
	"slices"
	"testing"
	"time"

	"praxis/internal/testkit"
	"praxis/store"
)

// withLeads makes Platform's channels public ones plus the private
// #platform-leads (G9), where only carol and frank are, beside others.
func withLeads(t *testing.T, w *world, public map[string]string, others ...store.Community) {
	t.Helper()
	ctx := context.Background()
	platform := store.Community{Name: "Platform", Language: "en", Timezone: "UTC",
		Channels: map[string]string{"G9": "platform-leads"}, Private: map[string]bool{"G9": true}}
	for id, name := range public {
		platform.Channels[id], platform.Private[id] = name, false
	}
	if _, err := w.St.SyncCommunities(ctx, append([]store.Community{platform}, others...)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.St.ImportChannelMembers(ctx, map[string][]string{"G9": {"UCAROL", "UFRANK"}}); err != nil {
		t.Fatal(err)
	}
}

// A private channel's threads count, as evidence and as past threads, only
// for a reader who is in it, or when the answer is posted in it; the
// command line (no viewer) sees everything.
func TestPrivateChannelsShownOnlyToTheirMembers(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	withLeads(t, w, map[string]string{"C1": "platform", "C2": "plateforme"},
		store.Community{Name: "Data", Language: "en", Timezone: "UTC", Channels: map[string]string{"C3": "data"}})
	// Only the private channel knows about the reorganisation budget.
	w.QA("G9", "carol", "How is the reorganisation budget for the platform team split?", true,
		"frank", "The reorganisation budget is split by squad headcount.")
	w.QA("C1", "alice", "How do we rotate the kubernetes certificates?", true, "bob", "kubeadm certs renew, yearly.")
	e := engine(w)
	ask := func(q Query) Result {
		t.Helper()
		q.Text, q.Channel = "who knows the reorganisation budget split?", "C1"
		res, err := e.Rank(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	sees := func(res Result) bool {
		for _, th := range res.Threads {
			if th.ChannelID == "G9" {
				return true
			}
		}
		return slices.ContainsFunc(res.Experts, func(c Candidate) bool { return c.User == "UFRANK" })
	}
	for _, c := range []struct {
		name string
		q    Query
		want bool
	}{
		{"an outsider", Query{Asker: "UALICE", Viewer: "UALICE"}, false},
		{"a member of the private channel", Query{Asker: "UCAROL", Viewer: "UCAROL"}, true},
		{"posted in the private channel", Query{Asker: "UALICE", ShownIn: "G9"}, true},
		{"posted elsewhere", Query{Asker: "UALICE", ShownIn: "C1"}, false},
		{"the command line", Query{}, true},
	} {
		if got := sees(ask(c.q)); got != c.want {
			t.Errorf("%s: sees the private thread or its answerer: %v, want %v", c.name, got, c.want)
		}
	}
}

// The asker's ties read in a private channel (who answered them there)
// count only where its threads may be seen: an answer posted elsewhere
// neither ranks nor says "answered your questions" from them.
func TestPrivateTiesWithTheAsker(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	withLeads(t, w, map[string]string{"C1": "platform"})
	w.QA("G9", "carol", "How is the reorganisation budget for the platform team split?", false,
		"frank", "By squad headcount.")
	w.QA("C1", "alice", "How do we rotate the kubernetes certificates?", true, "bob", "kubeadm certs renew, yearly.")
	e := engine(w)
	helped := func(q Query) int {
		t.Helper()
		q.Text, q.Channel, q.Asker, q.Limit = "anyone around for a quick question?", "C1", "UCAROL", 10
		res, err := e.Rank(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range res.Experts {
			if c.User == "UFRANK" {
				return max(c.HelpedAsker, 1)
			}
		}
		return 0
	}
	if n := helped(Query{ShownIn: "C1"}); n != 0 {
		t.Errorf("posted in #platform: frank ranked (helped %d) from a private thread", n)
	}
	if n := helped(Query{Viewer: "UCAROL"}); n == 0 {
		t.Error("shown to carol, who is in the private channel: frank not ranked, want him (he answered her there)")
	}
}

// A member who asks to be forgotten is never suggested again, from the
// commit on (the store tells the engine), not at the next rebuild.
func TestForgottenNeverSuggested(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.QA("C1", "alice", "How do we rotate the kubernetes certificates?", true, "bob", "kubeadm certs renew, yearly.")
	e := engine(w)
	ask := func() bool {
		res, err := e.Rank(ctx, Query{Text: "rotating kubernetes certificates", Asker: "UCAROL", Channel: "C1"})
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(res.Experts, func(c Candidate) bool { return c.User == "UBOB" })
	}
	if !ask() {
		t.Fatal("bob is not suggested before he is forgotten")
	}
	if _, err := w.St.Forget(ctx, "UBOB"); err != nil {
		t.Fatal(err)
	}
	if ask() {
		t.Fatal("bob is still suggested once forgotten")
	}
}

// Once words are erased in the store (here a member forgotten), the
// engine, told by the store, rebuilds its index in the background: their
// threads are no longer found by those words.
func TestReloadForgetsErasedWords(t *testing.T) {
	w := newWorld(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w.QA("C1", "carol", "How is the reorganisation budget split between squads?", true, "bob", "by squad headcount")
	e := engine(w)
	go e.Run(ctx)
	found := func() bool {
		res, err := e.Rank(ctx, Query{Text: "reorganisation budget split", Asker: "UALICE", Channel: "C1"})
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Threads) > 0
	}
	if !found() {
		t.Fatal("the thread is not found before the erasure")
	}
	if _, err := w.St.Forget(ctx, "UCAROL"); err != nil {
		t.Fatal(err)
	}
	testkit.WaitFor(t, 10*time.Second, "the forgotten question's words to find its thread no more",
		func() bool { return !found() })
}
