package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

var nudgeNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func post(t *testing.T, s *Store, ch, user string, at time.Time) {
	t.Helper()
	ts := fmt.Sprintf("%d.%06d", at.Unix(), at.Nanosecond()/1000)
	err := s.Batch(context.Background(), func(tx *Tx) error {
		return tx.PutMessage(context.Background(), Message{ChannelID: ch, TS: ts, UserID: user, Text: "hello", PostedAt: at})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func join(t *testing.T, s *Store, ch, user string, at time.Time) {
	t.Helper()
	ts := fmt.Sprintf("%d.000000", at.Unix())
	err := s.Batch(context.Background(), func(tx *Tx) error {
		return tx.Membership(context.Background(), ch, user, true, ts, at)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func memberIDs(cs []NudgeCandidate) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Member)
	}
	return strings.Join(out, " ")
}

func addNudge(t *testing.T, s *Store, n Nudge) {
	t.Helper()
	err := s.Batch(context.Background(), func(tx *Tx) error {
		_, err := tx.AddNudge(context.Background(), n)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNudgeCandidates(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	chs := []string{"C1"}
	day := 24 * time.Hour
	// Newcomers: U1 joined an hour ago, U2 four days ago, U3 an hour ago but was welcomed.
	join(t, s, "C1", "U1", nudgeNow.Add(-time.Hour))
	join(t, s, "C1", "U2", nudgeNow.Add(-4*day))
	join(t, s, "C1", "U3", nudgeNow.Add(-time.Hour))
	addNudge(t, s, Nudge{
		Key:       "k3",
		Member:    "U3",
		Community: "sec",
		Kind:      "welcome",
		Subject:   "sec",
		Status:    NudgeHoldout,
		At:        nudgeNow,
	})
	got, err := s.Newcomers(ctx, "sec", chs, nudgeNow.Add(-72*time.Hour), nudgeNow)
	if err != nil || memberIDs(got) != "U1" {
		t.Fatalf("newcomers: got %v, %v; want U1", got, err)
	}
	// Readers: imported R1 (no join date) never posted; R2 posted; U2 joined 4 days ago (< 4 weeks).
	if _, err := s.ImportChannelMembers(ctx, map[string][]string{"C1": {"R1", "R2"}}); err != nil {
		t.Fatal(err)
	}
	post(t, s, "C1", "R2", nudgeNow.Add(-100*day))
	got, err = s.Readers(ctx, "sec", chs, nudgeNow.Add(-28*day), nudgeNow.Add(-28*day), nudgeNow)
	if err != nil || memberIDs(got) != "R1" {
		t.Fatalf("readers: got %v, %v; want R1", got, err)
	}
	// Regulars: Q posted every 2 days until 10 days ago, A every 2 days until yesterday.
	for i := 0; i < 6; i++ {
		post(t, s, "C1", "Q", nudgeNow.Add(-time.Duration(10+2*i)*day))
		post(t, s, "C1", "A", nudgeNow.Add(-time.Duration(1+2*i)*day))
	}
	post(t, s, "C1", "B", nudgeNow.Add(-day)) // B posted twice only: not a regular
	post(t, s, "C1", "B", nudgeNow.Add(-2*day))
	got, err = s.Regulars(ctx, "sec", chs, time.UTC, nudgeNow)
	if err != nil || memberIDs(got) != "A Q" || len(got[1].Active) != 6 || !got[1].At.Equal(nudgeNow.Add(-10*day)) ||
		!got[1].Active[5].Equal(nudgeNow.Add(-20*day)) {
		t.Fatalf("regulars: got %+v, %v; want A and Q, Q with their 6 active days, newest first", got, err)
	}
	// L posts in the evening in Los Angeles, the next morning there in UTC.
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []int{20, 21, 22} {
		post(t, s, "C2", "L", time.Date(2026, 11, d, 20, 0, 0, 0, la))
		post(t, s, "C2", "L", time.Date(2026, 11, d+1, 10, 0, 0, 0, la))
	}
	if got, _ = s.Regulars(ctx, "sec", []string{"C2"}, la, nudgeNow); len(got) != 1 || len(got[0].Active) != 4 {
		t.Errorf("regulars by Los Angeles' dates: got %+v, want L active 4 days", got)
	}
	if got, _ = s.Regulars(ctx, "sec", []string{"C2"}, time.UTC, nudgeNow); len(got) != 1 || len(got[0].Active) != 3 {
		t.Errorf("regulars by UTC dates: got %+v, want L active 3 days", got)
	}
	addNudge(t, s, Nudge{
		Key:       "kq",
		Member:    "Q",
		Community: "sec",
		Kind:      "reengage",
		Subject:   "x",
		Status:    NudgeSent,
		At:        nudgeNow.Add(-time.Hour),
	})
	if got, _ = s.Regulars(ctx, "sec", chs, time.UTC, nudgeNow); memberIDs(got) != "A" {
		t.Fatalf("regulars after Q was re-engaged: got %+v, want A alone", got)
	}
	// Accepted answers.
	err = s.Batch(ctx, func(tx *Tx) error {
		for i, at := range []time.Time{nudgeNow.Add(-2 * time.Hour), nudgeNow.Add(-3 * day)} {
			ts := fmt.Sprintf("17000000%02d.000100", i)
			q := Question{ChannelID: "C1", TS: ts, Asker: "U9", AskedAt: at.Add(-time.Hour)}
			if err := tx.AddQuestion(ctx, q, nil); err != nil {
				return err
			}
			if err := tx.AnswerQuestion(ctx, "C1", ts, "H", at.Add(-30*time.Minute)); err != nil {
				return err
			}
			if err := tx.ResolveQuestion(ctx, "C1", ts, "U9", "accepted", at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err = s.AcceptedAnswers(ctx, "sec", chs, nudgeNow.Add(-day), nudgeNow)
	if err != nil || len(got) != 1 || got[0].Member != "H" || got[0].TS != "1700000000.000100" {
		t.Fatalf("accepted: got %+v, %v; want H for the recent one", got, err)
	}
	top, err := s.TopAnswerers(ctx, chs, nudgeNow.Add(-90*24*time.Hour), nudgeNow, 2, "U1")
	if err != nil || fmt.Sprint(top) != "[H A]" {
		t.Fatalf("top answerers: got %v, %v; want [H A]", top, err)
	}
}

func TestNudgeStateAndSettle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	day := 24 * time.Hour
	for i, n := range []Nudge{
		{Key: "a", Member: "U1", Kind: "reader", Status: NudgeSent, At: nudgeNow.Add(-30 * day)},
		{Key: "b", Member: "U1", Kind: "reader", Status: NudgeSent, At: nudgeNow.Add(-20 * day)},
		{Key: "c", Member: "U1", Kind: "reader", Status: NudgeSent, At: nudgeNow.Add(-10 * day)},
		{Key: "d", Member: "U2", Kind: "reader", Status: NudgeHoldout, At: nudgeNow.Add(-10 * day)},
		{Key: "e", Member: "U3", Kind: "reader", Status: NudgeHoldout, At: nudgeNow.Add(-10 * day)},
		{Key: "f", Member: "U1", Kind: "thank", Status: NudgeSent, At: nudgeNow.Add(-time.Hour)},
	} {
		n.Community, n.Subject = "sec", fmt.Sprint(i)
		addNudge(t, s, n)
	}
	post(t, s, "C1", "U1", nudgeNow.Add(-29*day)) // after a: contributed
	post(t, s, "C1", "U2", nudgeNow.Add(-9*day))  // holdout U2 contributed too
	err := s.Batch(ctx, func(tx *Tx) error {
		return tx.AddReaction(ctx, Reaction{
			ChannelID: "C1",
			MessageTS: "1.0",
			UserID:    "U3",
			Name:      "eyes",
			At:        nudgeNow.Add(-2 * day),
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.SettleNudges(ctx, nudgeNow)
	if err != nil || n != 5 {
		t.Fatalf("settled %d, %v; want 5 (not the one an hour old)", n, err)
	}
	all, _ := s.Nudges(ctx, "")
	want := map[string]string{
		"a": "true true",
		"b": "true false",
		"c": "true false",
		"d": "true true",
		"e": "true false",
		"f": "false false",
	}
	for _, n := range all {
		if got := fmt.Sprint(n.Checked, " ", n.Contributed); got != want[n.Key] {
			t.Errorf("nudge %s: got checked/contributed %s, want %s", n.Key, got, want[n.Key])
		}
	}
	st, err := s.NudgeState(ctx, "U1", nudgeNow.Add(-2*day), nudgeNow)
	// The thank-you of an hour ago counts in the week's budget, not in the
	// back-off: the last nudge that asked something is 10 days old.
	if err != nil || st.SentThisWeek != 1 || st.Ignored != 2 || !st.LastSent.Equal(nudgeNow.Add(-10*day)) ||
		st.OptedOut {
		t.Fatalf("got %+v, %v; want 1 this week, 2 ignored, last asked 10 days ago", st, err)
	}
	if err := s.Batch(ctx, func(tx *Tx) error { return tx.SetNudgesOff(ctx, "U1", true) }); err != nil {
		t.Fatal(err)
	}
	if st, _ = s.NudgeState(ctx, "U1", nudgeNow, nudgeNow); !st.OptedOut {
		t.Fatal("opted out not seen")
	}
}

// Read as of a past instant (praxis nudges --dry-run --as-of), the nudges'
// queries see nothing that happened after it: an answer accepted later, a
// later join, leave, post, pin or nudge, a later first answer.
func TestNudgeQueriesAsOf(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	chs := []string{"C1"}
	day := 24 * time.Hour
	asOf := nudgeNow.Add(-3 * day)
	after := asOf.Add(time.Hour)
	join(t, s, "C1", "U1", asOf.Add(-time.Hour)) // a newcomer then, who left after
	join(t, s, "C1", "U5", after)                // joined after
	err := s.Batch(ctx, func(tx *Tx) error {
		if err := tx.Membership(ctx, "C1", "U1", false, fmt.Sprintf("%d.000000", after.Unix()), after); err != nil {
			return err
		}
		// Asked before, answered and accepted after.
		q := Question{ChannelID: "C1", TS: "1700000000.000100", Asker: "U9", AskedAt: asOf.Add(-2 * time.Hour)}
		if err := tx.AddQuestion(ctx, q, nil); err != nil {
			return err
		}
		if err := tx.AnswerQuestion(ctx, "C1", "1700000000.000100", "H", after); err != nil {
			return err
		}
		if err := tx.ResolveQuestion(ctx, "C1", "1700000000.000100", "U9", "accepted", after.Add(time.Minute)); err != nil {
			return err
		}
		return tx.Pin(ctx, "C1", "1700000000.000100", "U9", after)
	})
	if err != nil {
		t.Fatal(err)
	}
	post(t, s, "C1", "U9", asOf.Add(-2*time.Hour))
	addNudge(t, s, Nudge{
		Key:       "later",
		Member:    "U1",
		Community: "sec",
		Kind:      "welcome",
		Subject:   "sec",
		Status:    NudgeSent,
		At:        after,
	})

	if got, err := s.AcceptedAnswers(ctx, "sec", chs, asOf.Add(-3*day), asOf); err != nil || len(got) != 0 {
		t.Errorf("accepted as of before the acceptance: got %+v, %v; want none", got, err)
	}
	if got, err := s.AcceptedAnswers(ctx, "sec", chs, asOf.Add(-3*day), nudgeNow); err != nil || memberIDs(got) != "H" {
		t.Errorf("accepted now: got %+v, %v; want H", got, err)
	}
	if got, err := s.Newcomers(ctx, "sec", chs, asOf.Add(-3*day), asOf); err != nil || memberIDs(got) != "U1" {
		t.Errorf("newcomers: got %+v, %v; want U1 (still there, not yet welcomed), not U5 (joined after)", got, err)
	}
	if got, err := s.Readers(ctx, "sec", chs, asOf, asOf.Add(-28*day), asOf); err != nil || memberIDs(got) != "U1" {
		t.Errorf("readers: got %+v, %v; want U1", got, err)
	}
	if top, err := s.TopAnswerers(ctx, chs, asOf.Add(-90*day), asOf, 3); err != nil || fmt.Sprint(top) != "[U9]" {
		t.Errorf("top answerers: got %v, %v; want [U9]: H answered after", top, err)
	}
	if qs, err := s.OpenQuestionsAsOf(ctx, asOf.Add(-14*day), asOf); err != nil || len(qs) != 1 {
		t.Errorf("open questions then: got %+v, %v; want the question answered after", qs, err)
	}
	if qs, err := s.OpenQuestionsAsOf(ctx, asOf.Add(-14*day), nudgeNow); err != nil || len(qs) != 0 {
		t.Errorf("open questions now: got %+v, %v; want none", qs, err)
	}
	if ps, err := s.Pinned(ctx, chs, asOf, 5); err != nil || len(ps) != 0 {
		t.Errorf("pinned then: got %+v, %v; want none", ps, err)
	}
	st, err := s.NudgeState(ctx, "U1", asOf.Add(-day), asOf)
	if err != nil || st.SentThisWeek != 0 || !st.LastSent.IsZero() {
		t.Errorf("nudge state then: got %+v, %v; want no nudge yet", st, err)
	}
}

// A thank-you needs no answer: measured without a contribution, it is not
// an ignored nudge, and the back-off counts from the last nudge that asked.
func TestThanksAreNeverIgnored(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	day := 24 * time.Hour
	for i, n := range []Nudge{
		{Key: "a", Kind: "reader", At: nudgeNow.Add(-40 * day)},
		{Key: "b", Kind: "thank", At: nudgeNow.Add(-30 * day)},
		{Key: "c", Kind: "thank", At: nudgeNow.Add(-20 * day)},
	} {
		n.Member, n.Community, n.Subject, n.Status = "U1", "sec", fmt.Sprint(i), NudgeSent
		addNudge(t, s, n)
	}
	if n, err := s.SettleNudges(ctx, nudgeNow); err != nil || n != 3 {
		t.Fatalf("settled %d, %v; want 3", n, err)
	}
	st, err := s.NudgeState(ctx, "U1", nudgeNow.Add(-2*day), nudgeNow)
	if err != nil || st.Ignored != 1 || !st.LastSent.Equal(nudgeNow.Add(-40*day)) {
		t.Fatalf("got %+v, %v; want 1 ignored (the reader's step), last asked 40 days ago", st, err)
	}
}
