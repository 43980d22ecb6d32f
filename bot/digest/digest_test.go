package digest

import (
	"slices"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/bot/digest/digesttest"
	"praxis/bot/i18n"
	"praxis/store"
)

func keys(d Digest) []string { return d.Keys() }

func TestSelection(t *testing.T) {
	w := digesttest.NewWorld(t, weekTo)
	w.Seed()
	opts := Options{Directory: w.Directory(digesttest.Community(8)), TeamURL: "https://acme.slack.com"}
	b := NewReader(w.St, bot.Deps{}, opts)
	build := func(member string) Digest {
		t.Helper()
		d, err := b.Build(w.Ctx, member, weekFrom, weekTo)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	q := "thread:C1:" + ts(utc("2024-05-02T10:00:00Z"))
	own := "thread:C1:" + ts(utc("2024-05-02T14:00:00Z"))
	c2 := "thread:C2:" + ts(utc("2024-05-02T16:00:00Z"))

	d := build("U1")
	got := keys(d)
	want := []string{c2, q, "resource:1", "newcomer:C1:U9"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("U1: got %v, want %v (own thread %s excluded)", got, want, own)
	}
	th := d.Threads[slices.IndexFunc(d.Threads, func(it Item) bool { return it.Key == q })]
	if !th.Accepted || th.Answer != "Set renewBefore on the Certificate." || th.Replies != 2 || th.People != 2 ||
		th.Link != "https://acme.slack.com/archives/C1/p"+strings.Replace(th.TS, ".", "", 1) {
		t.Fatalf("got %+v, want accepted, its answer's first sentence, 2 replies, 2 people, a permalink", th)
	}

	t.Run("own posts and threads joined", func(t *testing.T) {
		for _, k := range keys(build("U3")) {
			if strings.HasPrefix(k, "thread:") || k == "resource:1" {
				t.Errorf("U3 got %s, which they posted in", k)
			}
		}
	})
	t.Run("muted", func(t *testing.T) {
		w.Do(func(tx *store.Tx) error { return tx.MuteChannel(w.Ctx, "U1", "C2") })
		if slices.Contains(keys(build("U1")), c2) {
			t.Fatal("got a muted channel's thread")
		}
	})
	t.Run("already sent", func(t *testing.T) {
		w.Do(func(tx *store.Tx) error { return tx.RecordDigestItems(w.Ctx, "U1", "2024-W18", []string{q}) })
		if got := keys(build("U1")); slices.Contains(got, q) || len(got) != 2 {
			t.Fatalf("got %v, want the resource and the newcomer only", got)
		}
	})
	t.Run("cap", func(t *testing.T) {
		b2 := NewReader(w.St, bot.Deps{}, Options{Directory: w.Directory(digesttest.Community(2))})
		d, _ := b2.Build(w.Ctx, "U4", weekFrom, weekTo)
		if n := len(d.Items()); n != 2 {
			t.Fatalf("got %d items, want 2 (max_items)", n)
		}
	})
	t.Run("empty", func(t *testing.T) {
		w.Do(func(tx *store.Tx) error {
			return tx.RecordDigestItems(w.Ctx, "U1", "2024-W18", []string{"resource:1", "newcomer:C1:U9"})
		})
		if d := build("U1"); !d.Empty() {
			t.Fatalf("got %v, want an empty digest", keys(d))
		}
		var n int
		if err := b.BuildAll(w.Ctx, weekFrom, weekTo, func(d Digest) error {
			if d.Member == "U1" {
				t.Error("BuildAll gave U1's empty digest")
			}
			n++
			return nil
		}); err != nil || n == 0 {
			t.Fatalf("got %d digests, %v", n, err)
		}
	})
	t.Run("own week", func(t *testing.T) {
		if w := build("U3").Week; w != (Week{Messages: 3, Reactions: 1, Accepted: 1, Thanks: 1}) {
			t.Fatalf("got %+v, want 3 messages, 1 reaction, 1 accepted, 1 thanks", w)
		}
	})
}

// A digest holds its own items and no more: the threads it shows in a
// slice of their own, not a view of every candidate of its member's
// channels. BuildAll keeps every member's digest at once (the hourly job
// too), and a view kept each member's hundreds of candidates alive: 1.9 GB
// for the 10,000 digests of the million-message store.
func TestDigestHoldsOnlyItsItems(t *testing.T) {
	const maxItems, threads = 3, 40
	w := threadsWorld(t, threads)
	r := NewReader(w.St, bot.Deps{}, Options{Directory: w.Directory(digesttest.Community(maxItems))})
	n := 0
	err := r.BuildAll(w.Ctx, weekFrom, weekTo, func(d Digest) error {
		n++
		if len(d.Threads) != maxItems || cap(d.Threads) != maxItems {
			t.Errorf("%s: got %d threads in a slice of %d, want %d in %d (of %d candidates)",
				d.Member, len(d.Threads), cap(d.Threads), maxItems, maxItems, threads)
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("got %d digests, %v", n, err)
	}
}

func TestCatalogComplete(t *testing.T) {
	for _, p := range catalog.Problems() {
		t.Error(p)
	}
	_ = i18n.Languages
}

// An answer's first sentence ends outside Slack's markup (cutting to
// length is bot.Quote's, tested there).
func TestFirstSentence(t *testing.T) {
	if got := firstSentence("Set it. Then go"); got != "Set it. Then go" {
		t.Fatalf("got %q (too short a sentence to cut)", got)
	}
	if got := firstSentence("Use renewBefore on it! Then wait."); got != "Use renewBefore on it!" {
		t.Fatalf("got %q", got)
	}
	const linked = "Read <https://wiki.example.com/x|the page. Then> this."
	if got := firstSentence(linked + " Done."); got != linked {
		t.Fatalf("got %q", got)
	}
}
