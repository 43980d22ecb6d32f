package digest

import (
	"context"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/record"
	"praxis/internal/testkit"
	"praxis/store"
)

// world is a small community on a real SQLite store: C1 #security and C2
// #crypto, both in community "sec".
type world struct {
	t   testing.TB
	ctx context.Context
	st  *store.Store
	now time.Time
}

// utc and ts are testkit's, by short names: these tests name many instants
// and messages.
var (
	utc = testkit.UTC
	ts  = testkit.TS
)

func newWorld(t testing.TB, now time.Time) *world {
	t.Helper()
	w := &world{t: t, ctx: context.Background(), now: now}
	st := testkit.Store(t, func() time.Time { return w.now })
	w.st = st
	if _, err := st.SyncCommunities(w.ctx, []store.Community{{Name: "sec", Language: "en", Timezone: "UTC",
		Channels: map[string]string{"C1": "security", "C2": "crypto"}}}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) member(id, tz, locale string, channels ...string) {
	w.t.Helper()
	testkit.Member(w.t, w.st, store.Member{ID: id, Name: id, TZ: tz, Locale: locale}, channels...)
}

// post records a message (a reply when thread is not "") and returns its ts.
func (w *world) post(ch, user, thread, text string, at time.Time) string {
	w.t.Helper()
	return testkit.Post(w.t, w.st, ch, user, thread, text, at)
}

func (w *world) do(fn func(tx *store.Tx) error) {
	w.t.Helper()
	testkit.Do(w.t, w.st, fn)
}

// community is the configuration's view of "sec": #security (C1) and
// #crypto (C2), weekly digests on Monday at 9.
func community(maxItems int) bot.Community {
	c := testkit.Community("sec", "C1", "C2")
	c.Digest.MaxItems = maxItems
	return c
}

// directory is the communities of the configuration, cs (none: every
// channel follows the defaults), reading the world's members.
func (w *world) directory(cs ...bot.Community) *bot.Directory {
	return bot.NewDirectory(cs, testkit.Community(""), record.People(w.st))
}

// requests sends members' requests to b's routes, through a
// command.Responder over dir as serve wires it, each applied in a
// transaction.
func (w *world) requests(dir *bot.Directory, b *Builder) func(ev bot.Event) {
	w.t.Helper()
	resp, err := command.New(w.st, dir, b.Routes()...)
	if err != nil {
		w.t.Fatal(err)
	}
	return func(ev bot.Event) {
		w.t.Helper()
		step, err := resp.Prepare(w.ctx, ev)
		if err != nil {
			w.t.Fatal(err)
		}
		w.do(func(tx *store.Tx) error { return step.Run(w.ctx, tx) })
	}
}

// seed fills the week before Monday 2024-05-06: a question in #security
// answered and ticked ✅, U1's own thread, a thread in #crypto, a link, a
// newcomer.
func (w *world) seed() {
	w.member("U1", "Europe/Paris", "en-US", "C1", "C2")
	w.member("U2", "UTC", "", "C1")
	w.member("U3", "UTC", "", "C1", "C2")
	w.member("U4", "America/New_York", "fr-FR", "C1", "C2")
	day := utc("2024-05-02T10:00:00Z")
	q := w.post("C1", "U2", "", "How do we rotate TLS certificates on the ingress? We use cert-manager.", day)
	w.post("C1", "U3", q, "Set renewBefore on the Certificate. It renews a month ahead.", day.Add(time.Hour))
	ans := ts(day.Add(time.Hour))
	w.post("C1", "U2", q, "thanks!", day.Add(2*time.Hour))
	w.do(func(tx *store.Tx) error {
		return tx.AddReaction(w.ctx, store.Reaction{
			ChannelID: "C1",
			MessageTS: ans,
			UserID:    "U2",
			Name:      "white_check_mark",
			ItemUser:  "U3",
			At:        day.Add(3 * time.Hour),
		})
	})
	own := w.post("C1", "U1", "", "My own question about SSO", day.Add(4*time.Hour))
	w.post("C1", "U3", own, "Try SAML", day.Add(5*time.Hour))
	c2 := w.post("C2", "U3", "", "Post-quantum key exchange is in OpenSSL now", day.Add(6*time.Hour))
	w.post("C2", "U4", c2, "Nice, which version?", day.Add(7*time.Hour))
	w.do(func(tx *store.Tx) error {
		guide := store.Resource{
			Kind:      "link",
			URL:       "https://example.com/tls",
			Title:     "TLS guide",
			UserID:    "U3",
			ChannelID: "C1",
			MessageTS: q,
			SharedAt:  day,
		}
		if err := tx.AddResource(w.ctx, guide); err != nil {
			return err
		}
		return tx.Membership(w.ctx, "C1", "U9", true, ts(day.Add(8*time.Hour)), day.Add(8*time.Hour))
	})
	w.member("U9", "UTC", "", "C1")
}

// defaults is a directory of no community: every channel follows the
// default settings.
func defaults() *bot.Directory { return bot.NewDirectory(nil, testkit.Community(""), nil) }
