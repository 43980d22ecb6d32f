package report

import (
	"context"
	"slices"
	"testing"
	"time"

	"praxis/bot"
	"praxis/internal/testkit"
	"praxis/store"
)

// buildWorld is a small workspace on a real SQLite store: community "sec"
// (channels C1 and C2) and community "data" (C3), in UTC.
type buildWorld struct {
	t     testing.TB
	ctx   context.Context
	st    *store.Store
	comms *bot.Directory

	q0, q3, newcomerTS string // seed's: the question answered in W47, the one never answered, N's hello
}

func newBuildWorld(t testing.TB) *buildWorld {
	t.Helper()
	w := &buildWorld{t: t, ctx: context.Background()}
	st := testkit.Store(t, nil)
	w.st = st
	if _, err := st.SyncCommunities(w.ctx, []store.Community{
		{Name: "sec", Language: "en", Timezone: "UTC", Channels: map[string]string{"C1": "security", "C2": "crypto"}},
		{Name: "data", Language: "fr", Timezone: "UTC", Channels: map[string]string{"C3": "data"}},
	}); err != nil {
		t.Fatal(err)
	}
	data := testkit.Community("data", "C3")
	data.Language = "fr"
	w.comms = bot.NewDirectory([]bot.Community{testkit.Community("sec", "C1", "C2"), data}, testkit.Community(""), nil)
	return w
}

// change changes the world's community called name.
func (w *buildWorld) change(name string, fn func(c *bot.Community)) {
	cs := slices.Clone(w.comms.Communities())
	for i := range cs {
		if cs[i].Name == name {
			fn(&cs[i])
		}
	}
	w.comms.Set(cs)
}

// community returns the world's community called name.
func (w *buildWorld) community(name string) bot.Community {
	w.t.Helper()
	c, ok := w.comms.Named(name)
	if !ok {
		w.t.Fatalf("no community %q", name)
	}
	return c
}

// at is a time in November 2026, UTC.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, time.November, day, hour, minute, 0, 0, time.UTC)
}

func (w *buildWorld) do(fn func(tx *store.Tx) error) {
	w.t.Helper()
	testkit.Do(w.t, w.st, fn)
}

// member records a profile and the channels the member is in.
func (w *buildWorld) member(id string, bot bool, channels ...string) {
	w.t.Helper()
	testkit.Member(w.t, w.st, store.Member{ID: id, Name: id, DisplayName: "name-" + id, IsBot: bot}, channels...)
}

// post records a message (a reply when thread is not "") and returns its
// ts; the parent of a reply is marked as a thread's, as the recorder does.
func (w *buildWorld) post(ch, user, thread, text string, t time.Time) string {
	w.t.Helper()
	return testkit.Post(w.t, w.st, ch, user, thread, text, t)
}

// ask records a question posted at t and follows it; its replies, if any
// were posted before, answer it.
func (w *buildWorld) ask(ch, user, text string, t time.Time) string {
	w.t.Helper()
	ts := w.post(ch, user, "", text, t)
	w.do(func(tx *store.Tx) error {
		q := store.Question{ChannelID: ch, TS: ts, Asker: user, AskedAt: t, Why: "question_mark"}
		return tx.AddQuestion(w.ctx, q, nil)
	})
	return ts
}

// answer posts a reply to a followed question and records it as answered.
func (w *buildWorld) answer(ch, q, user, text string, t time.Time) string {
	w.t.Helper()
	ts := w.post(ch, user, q, text, t)
	w.do(func(tx *store.Tx) error { return tx.SettleQuestion(w.ctx, ch, q, nil) })
	return ts
}

func (w *buildWorld) resolve(ch, q, asker, how string, t time.Time) {
	w.t.Helper()
	w.do(func(tx *store.Tx) error { return tx.ResolveQuestion(w.ctx, ch, q, asker, how, t) })
}

func (w *buildWorld) join(ch, user string, joined bool, t time.Time) {
	w.t.Helper()
	w.do(func(tx *store.Tx) error { return tx.Membership(w.ctx, ch, user, joined, testkit.TS(t), t) })
}

func (w *buildWorld) nudge(member, kind, status string, t time.Time) {
	w.t.Helper()
	w.do(func(tx *store.Tx) error {
		_, err := tx.AddNudge(w.ctx, store.Nudge{Key: "nudge:" + kind + ":" + member + ":" + testkit.TS(t), Member: member,
			Community: "sec", Kind: kind, Subject: testkit.TS(t), Status: status, At: t})
		return err
	})
}

// seed fills the world the tests of Build read; the comments say what each
// event is for. The period is 2026-W47 (Monday November 16 to Sunday 22),
// the previous one 2026-W46 (November 9 to 15).
func (w *buildWorld) seed() {
	w.member("A", false, "C1")       // the helper: answers every week
	w.member("B", false, "C1")       // the asker
	w.member("R", false, "C1")       // a reader: never posts
	w.member("L", false, "C1")       // active in W46, leaves in W47
	w.member("Q", false, "C1")       // active in W46 only: gone quiet
	w.member("X", false, "C1", "C3") // a bridge between sec and data
	w.member("D", false, "C2")       // posts then deletes
	w.member("RET", false, "C2")     // returns after a quiet week
	w.member("S", false, "C1")       // slipping: 3 a week, then nothing
	w.member("BOT", true, "C1")      // a bot: never counted

	// S: 3 messages a week for the 8 weeks from Monday August 31.
	for k := range 8 {
		for h := 10; h <= 12; h++ {
			w.post("C1", "S", "", "a tip", time.Date(2026, time.August, 31+7*k, h, 0, 0, 0, time.UTC))
		}
	}
	// A answers one of B's threads every week from W40 (September 28) to W45.
	for k := range 6 {
		day := time.Date(2026, time.September, 28+7*k, 14, 0, 0, 0, time.UTC)
		p := w.post("C1", "B", "", "a thought", day)
		w.post("C1", "A", p, "a reply", day.Add(time.Hour))
	}
	w.post("C2", "RET", "", "back soon", at(2, 10, 0)) // W45

	// W46.
	q4 := w.ask("C1", "B", "How do I rotate keys?", at(10, 10, 0))
	w.answer("C1", q4, "A", "Use the vault.", at(10, 11, 0)) // 1 working hour
	w.q0 = w.ask("C1", "B", "Where is the audit log?", at(12, 10, 0))
	w.post("C1", "Q", "", "hello", at(11, 9, 0))
	w.post("C1", "L", "", "a tip", at(11, 10, 0))

	// W47.
	w.join("C1", "N", true, at(17, 8, 0))
	w.join("C1", "N2", true, at(19, 8, 0))
	w.join("C1", "L", false, at(17, 9, 0))
	w.answer("C1", w.q0, "X", "In the SIEM.", at(17, 10, 0)) // 27 working hours after it was asked
	q1 := w.ask("C1", "B", "How do we deploy on Fridays?", at(16, 10, 0))
	w.answer("C1", q1, "A", "Deploy on Mondays instead.", at(16, 12, 0)) // 2 working hours
	w.resolve("C1", q1, "B", "accepted", at(16, 12, 30))
	q2 := w.ask("C1", "B", "Which scanner do we use?", at(17, 17, 0))
	w.answer("C1", q2, "A", "Trivy.", at(18, 11, 0)) // 1 + 2 = 3 working hours
	w.post("C1", "B", q2, "thanks!", at(18, 11, 30))
	w.resolve("C1", q2, "B", "thanked", at(18, 11, 30))
	w.q3 = w.ask("C1", "B", "Anyone know the VPN policy?\nWe need it for the audit.", at(20, 17, 30)) // never answered
	hi := w.post("C1", "N", "", "Hi all, I'm new here", at(18, 9, 0))
	w.post("C1", "A", hi, "Welcome!", at(18, 9, 30))
	w.newcomerTS = hi
	w.post("C2", "D", "", "oops", at(19, 10, 0))
	w.do(func(tx *store.Tx) error {
		return tx.DeleteMessage(w.ctx, "C2", testkit.TS(at(19, 10, 0)), at(19, 10, 5))
	})
	w.post("C2", "RET", "", "I'm back", at(20, 10, 0))
	w.post("C3", "X", "", "a data tip", at(18, 10, 0))
	w.do(func(tx *store.Tx) error {
		bot := store.Message{
			ChannelID: "C1",
			TS:        testkit.TS(at(19, 11, 0)),
			UserID:    "BOT",
			Text:      "Build passed",
			IsBot:     true,
			PostedAt:  at(19, 11, 0),
		}
		if err := tx.PutMessage(w.ctx, bot); err != nil {
			return err
		}
		botEyes := store.Reaction{ChannelID: "C1", MessageTS: w.q3, UserID: "BOT", Name: "eyes", At: at(20, 18, 0)}
		if err := tx.AddReaction(w.ctx, botEyes); err != nil {
			return err
		}
		wave := store.Reaction{ChannelID: "C1", MessageTS: hi, UserID: "A", Name: "wave", ItemUser: "N", At: at(18, 9, 31)}
		if err := tx.AddReaction(w.ctx, wave); err != nil {
			return err
		}
		return tx.AddResource(w.ctx, store.Resource{
			Kind:      "link",
			URL:       "https://example.com/guide",
			UserID:    "A",
			ChannelID: "C1",
			MessageTS: testkit.TS(at(18, 12, 0)),
			SharedAt:  at(18, 12, 0),
		})
	})

	// Nudges: two sent (RET contributed within 7 days, Q did not), one held
	// out (R, who never contributes), and one sent during W47, too recent
	// to be measured.
	w.nudge("RET", "reengage", store.NudgeSent, time.Date(2026, time.October, 30, 10, 0, 0, 0, time.UTC))
	w.nudge("Q", "reengage", store.NudgeSent, at(12, 10, 0))
	w.nudge("R", "reader", store.NudgeHoldout, at(5, 10, 0))
	w.nudge("N2", "welcome", store.NudgeSent, at(19, 10, 0))
}
