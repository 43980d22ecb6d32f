package bot

import (
	"sync"
	"testing"
	"time"
)

func testDirectory() *Directory {
	return NewDirectory([]Community{
		{Name: "Security guild", Language: "en", Loc: time.UTC,
			Channels: []Channel{{ID: "C1", Name: "security"}, {ID: "C2"}}},
		{Name: "Guilde data", Language: "fr", Loc: time.UTC, Channels: []Channel{{ID: "C3", Name: "data"}}},
	}, Community{Language: "en", Loc: time.UTC}, nil)
}

// A channel finds its community, a name too, whatever its case; the
// channels of every community are listed once.
func TestDirectoryByChannelAndName(t *testing.T) {
	d := testDirectory()
	want := map[string]string{"C1": "Security guild", "C2": "Security guild", "C3": "Guilde data", "C9": ""}
	for ch, want := range want {
		c, ok := d.Of(ch)
		if c.Name != want || ok != (want != "") {
			t.Errorf("Of(%s): got %q, %v; want %q", ch, c.Name, ok, want)
		}
	}
	if c, ok := d.Named(" guilde DATA "); !ok || c.Language != "fr" {
		t.Fatalf("Named: got %+v, %v; want the data guild", c, ok)
	}
	if _, ok := d.Named("Ops"); ok {
		t.Fatal("Named found a community that is not there")
	}
	if got := d.Channels(); len(got) != 3 || got[0] != "C1" || got[2] != "C3" {
		t.Fatalf("got channels %v, want C1 C2 C3", got)
	}
}

// Set replaces the communities as a whole, while readers read.
func TestDirectorySetWhileRead(t *testing.T) {
	d := testDirectory()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 1000 {
			d.Of("C1")
			d.Named("Ops")
		}
	}()
	d.Set([]Community{{Name: "Ops", Loc: time.UTC, Channels: []Channel{{ID: "C9"}}}})
	wg.Wait()
	if _, ok := d.Of("C1"); ok {
		t.Fatal("C1 still mapped after Set")
	}
	if c, ok := d.Of("C9"); !ok || c.Name != "Ops" {
		t.Fatalf("got %+v, %v; want Ops", c, ok)
	}
}

// Contributions are kept in the communities' channels only; requests and
// profile changes from anywhere.
func TestDirectoryAccept(t *testing.T) {
	d := testDirectory()
	for _, c := range []struct {
		ev   Event
		want bool
	}{
		{Event{Kind: KindMessage, Channel: "C1"}, true},
		{Event{Kind: KindMessage, Channel: "C9"}, false},
		{Event{Kind: KindReactionAdded, Channel: "C9"}, false},
		{Event{Kind: KindCommand, Channel: "C9"}, true},
		{Event{Kind: KindDirect, Channel: "D1"}, true},
		{Event{Kind: KindHomeOpened}, true},
		{Event{Kind: KindMemberChange}, true},
		{Event{Kind: KindIgnored, Channel: "C1"}, false},
	} {
		if got := d.Accept(c.ev); got != c.want {
			t.Errorf("Accept(%s in %s): got %v, want %v", c.ev.Kind, c.ev.Channel, got, c.want)
		}
	}
}
