// Package reporttest is the small workspace the report packages test on: the
// model's computations and the Slack edge read the same seeded store.
package reporttest

import (
	"context"
	"slices"
	"testing"
	"time"

	"praxis/bot"
	"praxis/internal/testkit"
	"praxis/store"
)

// World is a small workspace on a real SQLite store: community "sec"
// (channels C1 and C2) and community "data" (C3), in UTC.
type World struct {
	T     testing.TB
	Ctx   context.Context
	St    *store.Store
	Comms *bot.Directory

	Q0, Q3, NewcomerTS string // seed's: the question answered in W47, the one never answered, N's hello
}

func NewWorld(t testing.TB) *World {
	t.Helper()
	w := &World{T: t, Ctx: context.Background()}
	st := testkit.Store(t, nil)
	w.St = st
	if _, err := st.SyncCommunities(w.Ctx, []store.Community{
		{Name: "sec", Language: "en", Timezone: "UTC", Channels: map[string]string{"C1": "security", "C2": "crypto"}},
		{Name: "data", Language: "fr", Timezone: "UTC", Channels: map[string]string{"C3": "data"}},
	}); err != nil {
		t.Fatal(err)
	}
	data := testkit.Community("data", "C3")
	data.Language = "fr"
	w.Comms = bot.NewDirectory([]bot.Community{testkit.Community("sec", "C1", "C2"), data}, testkit.Community(""), nil)
	return w
}

// Change changes the world's community called name.
func (w *World) Change(name string, fn func(c *bot.Community)) {
	cs := slices.Clone(w.Comms.Communities())
	for i := range cs {
		if cs[i].Name == name {
			fn(&cs[i])
		}
	}
	w.Comms.Set(cs)
}

// Community returns the world's community called name.
func (w *World) Community(name string) bot.Community {
	w.T.Helper()
	c, ok := w.Comms.Named(name)
	if !ok {
		w.T.Fatalf("no community %q", name)
	}
	return c
}

// At is a time in November 2026, UTC.
func At(day, hour, minute int) time.Time {
	return time.Date(2026, time.November, day, hour, minute, 0, 0, time.UTC)
}

// Do runs fn in a transaction of the world's store, failing the test on error.
func (w *World) Do(fn func(tx *store.Tx) error) {
	w.T.Helper()
	testkit.Do(w.T, w.St, fn)
}

// Member records a profile and the channels the member is in.
func (w *World) Member(id string, bot bool, channels ...string) {
	w.T.Helper()
	testkit.Member(w.T, w.St, store.Member{ID: id, Name: id, DisplayName: "name-" + id, IsBot: bot}, channels...)
}

// Post records a message (a reply when thread is not "") and returns its
// ts; the parent of a reply is marked as a thread's, as the recorder does.
func (w *World) Post(ch, user, thread, text string, t time.Time) string {
	w.T.Helper()
	return testkit.Post(w.T, w.St, ch, user, thread, text, t)
}

// Ask records a question posted at t and follows it; its replies, if any
// were posted before, answer it.
func (w *World) Ask(ch, user, text string, t time.Time) string {
	w.T.Helper()
	ts := w.Post(ch, user, "", text, t)
	w.Do(func(tx *store.Tx) error {
		q := store.Question{ChannelID: ch, TS: ts, Asker: user, AskedAt: t, Why: "question_mark"}
		return tx.AddQuestion(w.Ctx, q, nil)
	})
	return ts
}

// Answer posts a reply to a followed question and records it as answered.
func (w *World) Answer(ch, q, user, text string, t time.Time) string {
	w.T.Helper()
	ts := w.Post(ch, user, q, text, t)
	w.Do(func(tx *store.Tx) error { return tx.SettleQuestion(w.Ctx, ch, q, nil) })
	return ts
}

// Resolve records q as resolved by asker (how: accepted, thanked…) at t.
func (w *World) Resolve(ch, q, asker, how string, t time.Time) {
	w.T.Helper()
	w.Do(func(tx *store.Tx) error { return tx.ResolveQuestion(w.Ctx, ch, q, asker, how, t) })
}

// Join records user joining (or leaving) ch at t.
func (w *World) Join(ch, user string, joined bool, t time.Time) {
	w.T.Helper()
	w.Do(func(tx *store.Tx) error { return tx.Membership(w.Ctx, ch, user, joined, testkit.TS(t), t) })
}

// Nudge records a nudge of kind to member in community "sec" at t.
func (w *World) Nudge(member, kind, status string, t time.Time) {
	w.T.Helper()
	w.Do(func(tx *store.Tx) error {
		_, err := tx.AddNudge(w.Ctx, store.Nudge{Key: "nudge:" + kind + ":" + member + ":" + testkit.TS(t), Member: member,
			Community: "sec", Kind: kind, Subject: testkit.TS(t), Status: status, At: t})
		return err
	})
}

// Seed fills the world the tests of Build read; the comments say what each
// event is for. The period is 2026-W47 (Monday November 16 to Sunday 22),
// the previous one 2026-W46 (November 9 to 15).
func (w *World) Seed() {
	w.Member("A", false, "C1")       // the helper: answers every week
	w.Member("B", false, "C1")       // the asker
	w.Member("R", false, "C1")       // a reader: never posts
	w.Member("L", false, "C1")       // active in W46, leaves in W47
	w.Member("Q", false, "C1")       // active in W46 only: gone quiet
	w.Member("X", false, "C1", "C3") // a bridge between sec and data
	w.Member("D", false, "C2")       // posts then deletes
	w.Member("RET", false, "C2")     // returns after a quiet week
	w.Member("S", false, "C1")       // slipping: 3 a week, then nothing
	w.Member("BOT", true, "C1")      // a bot: never counted

	// S: 3 messages a week for the 8 weeks from Monday August 31.
	for k := range 8 {
		for h := 10; h <= 12; h++ {
			w.Post("C1", "S", "", "a tip", time.Date(2026, time.August, 31+7*k, h, 0, 0, 0, time.UTC))
		}
	}
	// A answers one of B's threads every week from W40 (September 28) to W45.
	for k := range 6 {
		day := time.Date(2026, time.September, 28+7*k, 14, 0, 0, 0, time.UTC)
		p := w.Post("C1", "B", "", "a thought", day)
		w.Post("C1", "A", p, "a reply", day.Add(time.Hour))
	}
	w.Post("C2", "RET", "", "back soon", At(2, 10, 0)) // W45

	// W46.
	q4 := w.Ask("C1", "B", "How do I rotate keys?", At(10, 10, 0))
	w.Answer("C1", q4, "A", "Use the vault.", At(10, 11, 0)) // 1 working hour
	w.Q0 = w.Ask("C1", "B", "Where is the audit log?", At(12, 10, 0))
	w.Post("C1", "Q", "", "hello", At(11, 9, 0))
	w.Post("C1", "L", "", "a tip", At(11, 10, 0))

	// W47.
	w.Join("C1", "N", true, At(17, 8, 0))
	w.Join("C1", "N2", true, At(19, 8, 0))
	w.Join("C1", "L", false, At(17, 9, 0))
	w.Answer("C1", w.Q0, "X", "In the SIEM.", At(17, 10, 0)) // 27 working hours after it was asked
	q1 := w.Ask("C1", "B", "How do we deploy on Fridays?", At(16, 10, 0))
	w.Answer("C1", q1, "A", "Deploy on Mondays instead.", At(16, 12, 0)) // 2 working hours
	w.Resolve("C1", q1, "B", "accepted", At(16, 12, 30))
	q2 := w.Ask("C1", "B", "Which scanner do we use?", At(17, 17, 0))
	w.Answer("C1", q2, "A", "Trivy.", At(18, 11, 0)) // 1 + 2 = 3 working hours
	w.Post("C1", "B", q2, "thanks!", At(18, 11, 30))
	w.Resolve("C1", q2, "B", "thanked", At(18, 11, 30))
	w.Q3 = w.Ask("C1", "B", "Anyone know the VPN policy?\nWe need it for the audit.", At(20, 17, 30)) // never answered
	hi := w.Post("C1", "N", "", "Hi all, I'm new here", At(18, 9, 0))
	w.Post("C1", "A", hi, "Welcome!", At(18, 9, 30))
	w.NewcomerTS = hi
	w.Post("C2", "D", "", "oops", At(19, 10, 0))
	w.Do(func(tx *store.Tx) error {
		return tx.DeleteMessage(w.Ctx, "C2", testkit.TS(At(19, 10, 0)), At(19, 10, 5))
	})
	w.Post("C2", "RET", "", "I'm back", At(20, 10, 0))
	w.Post("C3", "X", "", "a data tip", At(18, 10, 0))
	w.Do(func(tx *store.Tx) error {
		bot := store.Message{
			ChannelID: "C1",
			TS:        testkit.TS(At(19, 11, 0)),
			UserID:    "BOT",
			Text:      "Build passed",
			IsBot:     true,
			PostedAt:  At(19, 11, 0),
		}
		if err := tx.PutMessage(w.Ctx, bot); err != nil {
			return err
		}
		botEyes := store.Reaction{ChannelID: "C1", MessageTS: w.Q3, UserID: "BOT", Name: "eyes", At: At(20, 18, 0)}
		if err := tx.AddReaction(w.Ctx, botEyes); err != nil {
			return err
		}
		wave := store.Reaction{ChannelID: "C1", MessageTS: hi, UserID: "A", Name: "wave", ItemUser: "N", At: At(18, 9, 31)}
		if err := tx.AddReaction(w.Ctx, wave); err != nil {
			return err
		}
		return tx.AddResource(w.Ctx, store.Resource{
			Kind:      "link",
			URL:       "https://example.com/guide",
			UserID:    "A",
			ChannelID: "C1",
			MessageTS: testkit.TS(At(18, 12, 0)),
			SharedAt:  At(18, 12, 0),
		})
	})

	// Nudges: two sent (RET contributed within 7 days, Q did not), one held
	// out (R, who never contributes), and one sent during W47, too recent
	// to be measured.
	w.Nudge("RET", "reengage", store.NudgeSent, time.Date(2026, time.October, 30, 10, 0, 0, 0, time.UTC))
	w.Nudge("Q", "reengage", store.NudgeSent, At(12, 10, 0))
	w.Nudge("R", "reader", store.NudgeHoldout, At(5, 10, 0))
	w.Nudge("N2", "welcome", store.NudgeSent, At(19, 10, 0))
}
