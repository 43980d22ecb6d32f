package discover

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/internal/golden"
	"praxis/store"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// msg is a message of a test channel, at minutes after t0.
func msg(user string, minutes int, thread int, text string) store.ChannelMessage {
	ts := fmt.Sprintf("%d.000100", t0.Unix()+int64(minutes)*60)
	m := store.ChannelMessage{TS: ts, UserID: user, Text: text, PostedAt: t0.Add(time.Duration(minutes) * time.Minute)}
	if thread >= 0 {
		m.ThreadTS = fmt.Sprintf("%d.000100", t0.Unix()+int64(thread)*60)
	}
	return m
}

func read(c Channel, ms ...store.ChannelMessage) *History {
	r := NewReader(c)
	for _, m := range ms {
		r.Add(m)
	}
	return r.Done()
}

// TestReaderFollowsThreads: who answered whom, who started threads that
// got answers, the questions with their needs and first answer, and what
// is not a person's message left out.
func TestReaderFollowsThreads(t *testing.T) {
	h := read(Channel{ID: "C1", Name: "ops"},
		msg("U1", 0, -1, "Where can I find the documentation for the backup runbook?"),
		msg("U2", 30, 0, "Here: the wiki page on backups"),
		msg("U1", 31, 0, "thanks!"),
		msg("U3", 90, 0, "Also the restore guide"),
		msg("U2", 120, -1, "Does anyone know how other teams rotate their certificates?"),
		msg("U4", 200, -1, "Deploying the new version today"),
		store.ChannelMessage{TS: "x", UserID: "U9", Subtype: "channel_join", PostedAt: t0},
		store.ChannelMessage{TS: "y", UserID: "U8", IsBot: true, Text: "build failed", PostedAt: t0},
	)
	if h.Messages != 6 {
		t.Errorf("messages: got %d, want 6 (joins and bots left out)", h.Messages)
	}
	if got, want := h.Answers, map[string]int{"U2": 1, "U3": 1}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("answers: got %v, want %v", got, want)
	}
	if got := h.Answered["U1"]; got != 1 {
		t.Errorf("U1 started %d answered threads, want 1", got)
	}
	if h.Pairs[Pair{"U1", "U2"}] != 1 || h.Pairs[Pair{"U1", "U1"}] != 0 {
		t.Errorf("pairs: got %v, want U1→U2 once and no self-answer", h.Pairs)
	}
	if len(h.Questions) != 2 {
		t.Fatalf("questions: got %+v, want 2", h.Questions)
	}
	q := h.Questions[0]
	if !q.Answered || q.Wait != 30*time.Minute || q.Needs != NeedReference {
		t.Errorf("first question: got %+v, want answered in 30m, a reference", q)
	}
	if q := h.Questions[1]; q.Answered || q.Needs != NeedExpert|NeedPractice {
		t.Errorf("second question: got %+v, want unanswered, someone who knows and practice", q)
	}
	if len(h.Openers) != 1 || !strings.HasPrefix(h.Openers[0], "Where can I find") {
		t.Errorf("openers: got %q", h.Openers)
	}
}

// TestReaderReadsAnswersInTheChannel: in a channel that answers in the
// channel (no threads), the messages that follow a question closely are
// its answers, as bot/inchannel reads them.
func TestReaderReadsAnswersInTheChannel(t *testing.T) {
	var ms []store.ChannelMessage
	for i := range 8 {
		ms = append(ms, msg("U5", i, -1, "some chatter about the weather"))
	}
	ms = append(ms, msg("U1", 10, -1, "How do I restart the queue worker?"), msg("U2", 12, -1, "systemctl restart it"))
	h := read(Channel{ID: "C1", Name: "ops"}, ms...)
	if len(h.Questions) != 1 || !h.Questions[0].Answered || h.Questions[0].Wait != 2*time.Minute {
		t.Fatalf("questions: got %+v, want one answered after 2m", h.Questions)
	}
	if h.Answers["U2"] != 1 {
		t.Errorf("answers: got %v, want U2 once", h.Answers)
	}
}

func TestNeeds(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Need
	}{
		{"Is there a doc for the VPN setup?", NeedReference},
		{"Où trouver la procédure de sauvegarde ?", NeedReference},
		{"Quelqu'un connaît Terraform ?", NeedExpert},
		{"Comment faites-vous chez vous pour les astreintes ?", NeedPractice},
		{"Any news on the new version of the API?", NeedWatch},
		{"Vous avez vu passer la nouvelle version de Kafka ?", NeedWatch},
		{"Why does the build fail?", 0},
		{"Is the docstring right?", 0}, // "doc" only as a word
	} {
		if got := Needs(tc.text); got != tc.want {
			t.Errorf("Needs(%q) = %b, want %b", tc.text, got, tc.want)
		}
	}
}

// TestLouvainSplitsTwoCliques: two groups of four channels tied inside and
// barely across are two communities, whatever the order of the nodes.
func TestLouvainSplitsTwoCliques(t *testing.T) {
	for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {7, 0, 6, 1, 5, 2, 4, 3}} {
		g := newGraph(8)
		group := func(i int) int { return order[i] / 4 }
		for i := range 8 {
			for j := i + 1; j < 8; j++ {
				w := 0.05
				if group(i) == group(j) {
					w = 1
				}
				g.add(i, j, w)
			}
		}
		part, q := louvain(g)
		for i := range 8 {
			for j := range 8 {
				if (part[i] == part[j]) != (group(i) == group(j)) {
					t.Fatalf("order %v: got %v, want the two cliques", order, part)
				}
			}
		}
		if q < 0.4 {
			t.Errorf("modularity %.3f, want above 0.4", q)
		}
	}
}

// TestLouvainKeepsAnIsolatedChannel: a channel whose people are its own
// stays alone rather than joining the rest.
func TestLouvainKeepsAnIsolatedChannel(t *testing.T) {
	g := newGraph(3)
	g.add(0, 1, 5)
	g.add(0, 0, 2)
	g.add(1, 1, 2)
	g.add(2, 2, 6)
	part, _ := louvain(g)
	if part[0] != part[1] || part[2] == part[0] {
		t.Fatalf("got %v, want 0 and 1 together, 2 alone", part)
	}
}

// world is a small workspace: two channels about backups that share their
// people, and one about design with others.
func world() []*History {
	backup := func(id, name string, off int) *History {
		var ms []store.ChannelMessage
		for i := range 12 {
			at := off + i*100
			ms = append(ms, msg("U1", at, -1, "How do we restore the postgres backup snapshots?"),
				msg("U2", at+5, at, "Restore the postgres snapshot with pgbackrest"),
				msg("U3", at+9, at, "pgbackrest restore works for snapshots"))
		}
		return read(Channel{ID: id, Name: name, Purpose: "Backups and restores of our databases"}, ms...)
	}
	var ms []store.ChannelMessage
	for i := range 12 {
		at := i * 100
		ms = append(ms, msg("U7", at, -1, "Quelqu'un a une maquette figma pour les boutons ?"),
			msg("U8", at+10*24*60, at, "La maquette figma des boutons est dans la bibliothèque"))
	}
	return []*History{backup("C1", "backups", 0), backup("C2", "backups-help", 50),
		read(Channel{ID: "C3", Name: "design", Configured: "Design"}, ms...)}
}

func TestFindGroupsAndDescribes(t *testing.T) {
	res := Find(world(), map[string]string{"U2": "Alice Martin"})
	if len(res.Communities) != 2 {
		t.Fatalf("got %d communities, want 2", len(res.Communities))
	}
	var names [][]string
	for _, c := range res.Communities {
		var ids []string
		for _, ch := range c.Channels {
			ids = append(ids, ch.ID)
		}
		slices.Sort(ids)
		names = append(names, ids)
	}
	// design: every question answered after 10 days (slow: half unmet),
	// 12 messages a week or so; backups: every one answered at once.
	if fmt.Sprint(names) != "[[C3] [C1 C2]]" {
		t.Fatalf("got %v, want design first (its needs unmet), then the two backup channels", names)
	}
	b := res.Communities[1]
	if !slices.Contains(b.Subjects, "pgbackrest") || !slices.Contains(b.Subjects, "snapshots") {
		t.Errorf("subjects: got %v, want pgbackrest and snapshots among them", b.Subjects)
	}
	if len(b.Core) == 0 || b.Core[0].ID != "U2" && b.Core[0].ID != "U3" {
		t.Errorf("core: got %+v, want the answerers first", b.Core)
	}
	if b.Vocation != "Backups and restores of our databases" {
		t.Errorf("vocation: got %q, want the channels' purpose", b.Vocation)
	}
	d := res.Communities[0]
	if d.Language != "fr" || !strings.Contains(d.Vocation, "figma") {
		t.Errorf("design: got language %q, vocation %q, want French, about its subjects", d.Language, d.Vocation)
	}
	// Every answer after a day: 6 of its 12 questions unmet, shrunk toward
	// the workspace's 6 of 36 by 10 questions.
	if want := (6 + 10*6.0/36) / (12 + 10); math.Abs(d.Unmet-want) > 1e-9 {
		t.Errorf("design: unmet %.4f, want %.4f", d.Unmet, want)
	}
}

// TestPrint shows what a facilitator reads, in English and French, as
// text and Markdown (golden files).
func TestPrint(t *testing.T) {
	res := Find(world(), map[string]string{"U2": "Alice *Martin*"})
	for _, f := range []Format{{Lang: "en", Source: "export.zip"}, {Lang: "fr", Source: "export.zip", Limit: 1},
		{Lang: "en", Markdown: true, Source: "export.zip"}} {
		var b strings.Builder
		if err := Print(&b, res, f); err != nil {
			t.Fatal(err)
		}
		ext := "txt"
		if f.Markdown {
			ext = "md"
		}
		golden.Check(t, "print_"+f.Lang+"."+ext, b.String())
	}
	var b strings.Builder
	if err := WriteConfig(&b, res, "en"); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "communities.yaml", b.String())
}

func TestCatalog(t *testing.T) {
	if p := catalog.Problems(); len(p) > 0 {
		t.Fatal(p)
	}
}

// TestReaderBoundsItsVocabulary: a channel of ever new words counts
// maxTerms of them, not all: what a hostile history costs is bounded.
func TestReaderBoundsItsVocabulary(t *testing.T) {
	r := NewReader(Channel{ID: "C1", Name: "flood"})
	r.Add(msg("U1", 0, -1, "root"))
	for i := range maxTerms + 1000 {
		m := msg("U2", 1, 0, fmt.Sprintf("w%d", i))
		r.Add(m)
	}
	if n := len(r.h.Terms); n != maxTerms {
		t.Fatalf("got %d terms, want %d", n, maxTerms)
	}
}

// TestReaderKeepsItsTerms: a term counted again keeps the key it was
// first counted under, whatever the tokenizer's buffers hold afterwards:
// a map assignment replaces an equal string key with the one given, and
// the one terms.Each gives lives only during the call. Without that, the
// same history gave different subjects from one run to the next.
func TestReaderKeepsItsTerms(t *testing.T) {
	r := NewReader(Channel{ID: "C1", Name: "ops"})
	for i := range 50 {
		r.Add(msg("U1", i, -1, "k8s upgrade to v129 on s3"))
		r.Add(msg("U2", i, -1, fmt.Sprintf("zz%d qq%d", i, i)))
	}
	h := r.Done()
	want := map[string]int{"k8s": 50, "v129": 50, "s3": 50, "upgrad": 50}
	for term, n := range want {
		if h.Terms[term] != n || h.Words[term] == "" {
			t.Errorf("term %q: got %d (%q), want %d; the terms: %v", term, h.Terms[term], h.Words[term], n, h.Terms)
		}
	}
}
