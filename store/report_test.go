package store

import (
	"context"
	"testing"
	"time"
)

func TestReportReads(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	sec := Community{Name: "sec", Channels: map[string]string{"C1": "security"}}
	if _, err := s.SyncCommunities(ctx, []Community{sec}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	err := s.Batch(ctx, func(tx *Tx) error {
		for _, m := range []Message{
			{ChannelID: "C1", TS: "100.1", ThreadTS: "100.1", UserID: "U1", Text: "old parent", PostedAt: at(-48)},
			{ChannelID: "C1", TS: "200.1", ThreadTS: "100.1", UserID: "U2", Text: "reply", PostedAt: at(1)},
			{ChannelID: "C1", TS: "300.1", UserID: "U3", Text: "gone", Deleted: true, PostedAt: at(2)},
			{ChannelID: "C1", TS: "400.1", UserID: "B1", Text: "bot", Subtype: "bot_message", PostedAt: at(3)},
			{ChannelID: "C1", TS: "500.1", UserID: "U4", Subtype: "channel_join", PostedAt: at(4)},
			{ChannelID: "C9", TS: "600.1", UserID: "U5", Text: "unmapped", PostedAt: at(5)},
		} {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		q := Question{ChannelID: "C1", TS: "100.1", Asker: "U1", AskedAt: at(-48)}
		if err := tx.AddQuestion(ctx, q, nil); err != nil {
			return err
		}
		return tx.AddReaction(ctx, Reaction{ChannelID: "C1", MessageTS: "200.1", UserID: "U1", Name: "pray", At: at(6)})
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = s.ActivityMessages(ctx, at(0), at(10), at(2), func(m *ActivityMessage) error {
		line := m.TS + "/" + m.UserID + "/" + m.Text
		if m.IsBot {
			line += "/bot"
		}
		if m.Deleted {
			line += "/deleted"
		}
		got = append(got, line)
		return nil
	})
	// The reply (text not read: before textFrom), the tombstone, the bot's;
	// not the join, not the unmapped channel, not the older parent.
	if want := "[200.1/U2/ 300.1/U3//deleted 400.1/B1/bot/bot]"; err != nil || fmtList(got) != want {
		t.Errorf("activity messages: got %s, %v; want %s", fmtList(got), err, want)
	}
	authors, err := s.MessageAuthors(ctx, []MessageRef{{"C1", "100.1"}, {"C1", "999.9"}})
	if err != nil || len(authors) != 1 || authors[MessageRef{"C1", "100.1"}] != "U1" {
		t.Errorf("message authors: got %v, %v; want the parent's author only", authors, err)
	}
	var reacts []ActivityReaction
	err = s.ActivityReactions(ctx, at(0), at(10), func(r *ActivityReaction) error {
		reacts = append(reacts, *r)
		return nil
	})
	if err != nil || len(reacts) != 1 || reacts[0].UserID != "U1" || reacts[0].At != at(6).UnixMilli() {
		t.Errorf("activity reactions: got %+v, %v", reacts, err)
	}
	// The question was asked before both windows and answered at at(1): a
	// window from at(0) sees its answer, one from at(2) has nothing to do with it.
	qs, err := s.ReportQuestions(ctx, at(0), at(10))
	if err != nil || len(qs) != 1 || qs[0].FirstAnswerer != "U2" {
		t.Errorf("questions from at(0): got %+v, %v; want the question answered by U2", qs, err)
	}
	if qs, err := s.ReportQuestions(ctx, at(2), at(10)); err != nil || len(qs) != 0 {
		t.Errorf("questions from at(2): got %+v, %v; want none (answered and asked before)", qs, err)
	}
}

func fmtList(ss []string) string {
	out := "["
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out + "]"
}
