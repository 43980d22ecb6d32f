// Package digesttest is the small workspace the digest packages test on:
// the model's selection and plans and the Slack edge's job and buttons read
// the same seeded store, and ask the same fake model for summaries.
package digesttest

import (
	"context"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/record"
	"praxis/internal/testkit"
	"praxis/store"
)

// The week Seed fills: Monday 29 April to Monday 6 May 2024, UTC.
var (
	WeekFrom = testkit.UTC("2024-04-29T00:00:00Z")
	WeekTo   = testkit.UTC("2024-05-06T00:00:00Z")
)

// World is a small community on a real SQLite store: C1 #security and C2
// #crypto, both in community "sec". Its store's clock reads Now.
type World struct {
	T   testing.TB
	Ctx context.Context
	St  *store.Store
	Now time.Time
}

// NewWorld returns a world whose clock is at now.
func NewWorld(t testing.TB, now time.Time) *World {
	t.Helper()
	w := &World{T: t, Ctx: context.Background(), Now: now}
	st := testkit.Store(t, func() time.Time { return w.Now })
	w.St = st
	if _, err := st.SyncCommunities(w.Ctx, []store.Community{{Name: "sec", Language: "en", Timezone: "UTC",
		Channels: map[string]string{"C1": "security", "C2": "crypto"}}}); err != nil {
		t.Fatal(err)
	}
	return w
}

// Member records a member (their Slack time zone and locale) and the
// channels they are in.
func (w *World) Member(id, tz, locale string, channels ...string) {
	w.T.Helper()
	testkit.Member(w.T, w.St, store.Member{ID: id, Name: id, TZ: tz, Locale: locale}, channels...)
}

// Post records a message (a reply when thread is not "") and returns its ts.
func (w *World) Post(ch, user, thread, text string, at time.Time) string {
	w.T.Helper()
	return testkit.Post(w.T, w.St, ch, user, thread, text, at)
}

// Do runs fn in a transaction of the world's store, failing the test on
// error.
func (w *World) Do(fn func(tx *store.Tx) error) {
	w.T.Helper()
	testkit.Do(w.T, w.St, fn)
}

// Community is the configuration's view of "sec": #security (C1) and
// #crypto (C2), weekly digests on Monday at 9, at most maxItems items.
func Community(maxItems int) bot.Community {
	c := testkit.Community("sec", "C1", "C2")
	c.Digest.MaxItems = maxItems
	return c
}

// Directory is the communities of the configuration, cs (none: every
// channel follows the defaults), reading the world's members.
func (w *World) Directory(cs ...bot.Community) *bot.Directory {
	return bot.NewDirectory(cs, testkit.Community(""), record.People(w.St))
}

// Defaults is a directory of no community: every channel follows the
// default settings.
func Defaults() *bot.Directory { return bot.NewDirectory(nil, testkit.Community(""), nil) }

// Seed fills the week before Monday 2024-05-06: a question in #security
// answered and ticked ✅, U1's own thread, a thread in #crypto, a link, a
// newcomer.
func (w *World) Seed() {
	w.Member("U1", "Europe/Paris", "en-US", "C1", "C2")
	w.Member("U2", "UTC", "", "C1")
	w.Member("U3", "UTC", "", "C1", "C2")
	w.Member("U4", "America/New_York", "fr-FR", "C1", "C2")
	day := testkit.UTC("2024-05-02T10:00:00Z")
	q := w.Post("C1", "U2", "", "How do we rotate TLS certificates on the ingress? We use cert-manager.", day)
	w.Post("C1", "U3", q, "Set renewBefore on the Certificate. It renews a month ahead.", day.Add(time.Hour))
	ans := testkit.TS(day.Add(time.Hour))
	w.Post("C1", "U2", q, "thanks!", day.Add(2*time.Hour))
	w.Do(func(tx *store.Tx) error {
		return tx.AddReaction(w.Ctx, store.Reaction{
			ChannelID: "C1",
			MessageTS: ans,
			UserID:    "U2",
			Name:      "white_check_mark",
			ItemUser:  "U3",
			At:        day.Add(3 * time.Hour),
		})
	})
	own := w.Post("C1", "U1", "", "My own question about SSO", day.Add(4*time.Hour))
	w.Post("C1", "U3", own, "Try SAML", day.Add(5*time.Hour))
	c2 := w.Post("C2", "U3", "", "Post-quantum key exchange is in OpenSSL now", day.Add(6*time.Hour))
	w.Post("C2", "U4", c2, "Nice, which version?", day.Add(7*time.Hour))
	w.Do(func(tx *store.Tx) error {
		guide := store.Resource{
			Kind:      "link",
			URL:       "https://example.com/tls",
			Title:     "TLS guide",
			UserID:    "U3",
			ChannelID: "C1",
			MessageTS: q,
			SharedAt:  day,
		}
		if err := tx.AddResource(w.Ctx, guide); err != nil {
			return err
		}
		return tx.Membership(w.Ctx, "C1", "U9", true, testkit.TS(day.Add(8*time.Hour)), day.Add(8*time.Hour))
	})
	w.Member("U9", "UTC", "", "C1")
}
