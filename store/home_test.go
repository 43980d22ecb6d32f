package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestMemberPrefsAndLanguage(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if err := s.PutMember(ctx, Member{ID: "U1", Name: "alice", Locale: "en-US"}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutMember(ctx, Member{ID: "U2", Name: "bob", Locale: "fr-FR"}); err != nil {
		t.Fatal(err)
	}
	p, err := s.MemberPrefs(ctx, "U1")
	if err != nil || p.Language != "" || p.Digest.Frequency != "" || p.Digest.Hour != -1 ||
		p.NudgesOff || p.NotSuggested || len(p.Muted) != 0 || len(p.Skills) != 0 {
		t.Fatalf("got %+v, %v; want the defaults", p, err)
	}
	err = s.Batch(ctx, func(tx *Tx) error {
		for _, f := range []func() error{
			func() error { return tx.SetLanguage(ctx, "U1", "fr") },
			func() error { return tx.SetDigestFrequency(ctx, "U1", "monthly") },
			func() error { return tx.SetDigestHour(ctx, "U1", 7) },
			func() error { return tx.SetNudgesOff(ctx, "U1", true) },
			func() error { return tx.SetSuggestable(ctx, "U1", false) },
			func() error { return tx.MuteChannel(ctx, "U1", "C2") },
			func() error { return tx.MuteChannel(ctx, "U1", "C1") },
			func() error { return tx.MuteChannel(ctx, "U1", "C3") },
			func() error { return tx.UnmuteChannel(ctx, "U1", "C3") },
			func() error { return tx.AddSkill(ctx, "U1", "helm") },
			func() error { return tx.SetSuggestable(ctx, "U2", true) },
		} {
			if err := f(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err = s.MemberPrefs(ctx, "U1")
	if err != nil || p.Language != "fr" || p.Digest != (DigestPref{"U1", "monthly", 7}) ||
		!p.NudgesOff || !p.NotSuggested ||
		!slices.Equal(p.Muted, []string{"C1", "C2"}) || !slices.Equal(p.Skills, []string{"helm"}) {
		t.Fatalf("got %+v, %v", p, err)
	}
	if p, err := s.MemberPrefs(ctx, "U2"); err != nil || p.NotSuggested {
		t.Fatalf("got %+v, %v; want bob suggestable (he said so)", p, err)
	}

	// The chosen language is the member's locale for every reader; the
	// Slack locale comes back when the choice is withdrawn, and a profile
	// sync does not overwrite the choice.
	locales := func() (string, string) {
		t.Helper()
		m, err := s.Member(ctx, "U1")
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.Members(ctx)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(all, func(m Member) bool { return m.ID == "U1" })
		return m.Locale, all[i].Locale
	}
	if one, all := locales(); one != "fr" || all != "fr" {
		t.Fatalf("got locale %q (Member) and %q (Members), want fr, as alice chose", one, all)
	}
	if err := s.PutMember(ctx, Member{ID: "U1", Name: "alice", Locale: "en-GB"}); err != nil {
		t.Fatal(err)
	}
	if one, all := locales(); one != "fr" || all != "fr" {
		t.Fatalf("after a profile sync, got %q and %q, want fr still", one, all)
	}
	if err := s.Batch(ctx, func(tx *Tx) error { return tx.SetLanguage(ctx, "U1", "") }); err != nil {
		t.Fatal(err)
	}
	if one, all := locales(); one != "en-GB" || all != "en-GB" {
		t.Fatalf("got %q and %q, want the Slack locale en-GB back", one, all)
	}
	if m, err := s.Member(ctx, "U2"); err != nil || m.Locale != "fr-FR" {
		t.Fatalf("got %+v, %v; want bob's own locale", m, err)
	}
	err = s.Batch(ctx, func(tx *Tx) error { return tx.SetLanguage(ctx, "U1", "de") })
	if !errors.Is(err, ErrLanguage) {
		t.Fatalf("got %v, want ErrLanguage", err)
	}
}

func TestMemberWeekAndThreadsAround(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	sec := Community{Name: "Sec", Language: "en", Timezone: "UTC", Channels: map[string]string{"C1": "security"}}
	if _, err := s.AddCommunities(ctx, []Community{sec}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	from, to := t0, t0.AddDate(0, 0, 7)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	before := t0.Add(-time.Hour)
	// msg is a message in C1, in the thread of thread ("": at top level).
	msg := func(ts, thread, user, text string, at time.Time) Message {
		return Message{ChannelID: "C1", TS: ts, ThreadTS: thread, UserID: user, Text: text, PostedAt: at}
	}
	// react is a reaction in C1 to a message of author.
	react := func(ts, by, name, author string, at time.Time) Reaction {
		return Reaction{ChannelID: "C1", MessageTS: ts, UserID: by, Name: name, ItemUser: author, At: at}
	}
	err := s.Batch(ctx, func(tx *Tx) error {
		for _, m := range []Message{
			// A question by bob answered by alice in the week, ticked by bob.
			msg("100.1", "100.1", "U2", "how?", at(1)),
			msg("101.1", "100.1", "U1", "like this", at(2)),
			msg("101.2", "100.1", "U1", "and this", at(2)),
			msg("102.1", "100.1", "U2", "thanks!", at(3)),
			// Alice's own question: her tick on a reply is no accepted answer of hers.
			msg("200.1", "200.1", "U1", "and you?", at(4)),
			msg("201.1", "200.1", "U3", "me", at(5)),
			// A mention of alice at top level, and chatter she is not in.
			msg("300.1", "", "U3", "merci <@U1> !", at(6)),
			msg("400.1", "", "U3", "unrelated", at(7)),
			// Before the window, and in an unmapped channel: not counted.
			msg("50.1", "", "U1", "old", before),
			{ChannelID: "C9", TS: "500.1", UserID: "U1", Text: "elsewhere <@U1>", PostedAt: at(1)},
			{ChannelID: "C1", TS: "600.1", UserID: "U1", Text: "deleted", PostedAt: at(1), Deleted: true},
		} {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		for _, r := range []Reaction{
			react("101.1", "U2", "white_check_mark", "U1", at(3)),
			react("101.2", "U2", "white_check_mark", "U1", at(3)), // same thread: once
			react("101.1", "U3", "white_check_mark", "U1", at(3)), // not the asker
			react("101.1", "U1", "tada", "U1", at(3)),             // her own
			react("201.1", "U1", "white_check_mark", "U3", at(5)),
			react("50.1", "U2", "heart", "U1", before),
		} {
			if err := tx.AddReaction(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.MemberWeek(ctx, "U1", from, to, []string{"white_check_mark"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (MemberWeek{Messages: 3, Reactions: 3, Accepted: 1}); w != want {
		t.Fatalf("got %+v, want %+v", w, want)
	}
	if w, err := s.MemberWeek(ctx, "U1", from, to, nil); err != nil || w.Accepted != 0 {
		t.Fatalf("got %+v, %v; want no accepted answer without accept reactions", w, err)
	}
	refs, err := s.ThreadsAround(ctx, "U1", from, to, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []MessageRef{{"C1", "300.1"}, {"C1", "200.1"}, {"C1", "100.1"}}
	if !slices.Equal(refs, want) {
		t.Fatalf("got %v, want %v (latest first; not the chatter, the unmapped channel or the old message)", refs, want)
	}
	if refs, err := s.ThreadsAround(ctx, "U1", from, to, 1); err != nil || len(refs) != 1 {
		t.Fatalf("got %v, %v; want the limit kept", refs, err)
	}
}

func TestMemberChannelsAndReader(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	channels := map[string]string{"C1": "security", "C2": "ops", "C3": "old", "C4": "live"}
	if _, err := s.AddCommunities(ctx, []Community{{Name: "Sec", Channels: channels}}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	err := s.Batch(ctx, func(tx *Tx) error {
		for _, m := range []struct {
			ch     string
			joined bool
		}{{"C2", true}, {"C1", true}, {"C9", true}, {"C3", true}, {"C3", false}} {
			if err := tx.Membership(ctx, m.ch, "U1", m.joined, "", t0); err != nil {
				return err
			}
		}
		for _, m := range []Message{
			{ChannelID: "C4", TS: "1.1", UserID: "U1", Text: "posted, never seen joining", PostedAt: t0},
			{ChannelID: "C3", TS: "1.2", UserID: "U1", Text: "posted, then left", PostedAt: t0},
			{ChannelID: "C9", TS: "1.3", UserID: "U1", Text: "unmapped", PostedAt: t0},
		} {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		return tx.SetLanguage(ctx, "U1", "fr")
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.MemberChannels(ctx, "U1"); err != nil || !slices.Equal(got, []string{"C1", "C2", "C4"}) {
		t.Fatalf("got %v, %v; want the mapped channels alice is in or posted in, not the one she left", got, err)
	}
	if err := s.PutMember(ctx, Member{ID: "U1", Locale: "en-US"}); err != nil {
		t.Fatal(err)
	}
	want := Reader{Chosen: "fr", Locale: "en-US", Channels: []string{"C1", "C2", "C4"}}
	if got, err := s.Reader(ctx, "U1"); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, %v; want %+v: her choice, and Slack's locale whatever she chose", got, err, want)
	}
	if got, err := s.Reader(ctx, "U9"); err != nil || !reflect.DeepEqual(got, Reader{}) {
		t.Fatalf("got %+v, %v; want nothing for an unknown member", got, err)
	}
}
