package testkit

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/store"
)

// ExpertWorld is a small community written through the real store, the
// fixture of the expert engine's tests and of its Slack edge's: two
// communities (Platform in C1 and C2, Data in C3) and the members alice to
// hugo, plus a bot, each with the id "U" and their name in capitals.
type ExpertWorld struct {
	T   testing.TB
	St  *store.Store
	DB  string    // the store's file, for a command line to open too
	Now time.Time // when the next message is posted, a minute on
	seq int
}

// NewExpertWorld returns the world on 2 November 2026, 10:00 UTC.
func NewExpertWorld(t testing.TB) *ExpertWorld {
	t.Helper()
	ctx := context.Background()
	db := Database(t)
	st := StoreAt(t, db, nil)
	_, err := st.SyncCommunities(ctx, []store.Community{
		{
			Name:     "Platform",
			Language: "en",
			Timezone: "UTC",
			Channels: map[string]string{"C1": "platform", "C2": "plateforme"},
		},
		{Name: "Data", Language: "en", Timezone: "UTC", Channels: map[string]string{"C3": "data"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"alice", "bob", "carol", "dave", "eve", "frank", "gina", "hugo", "bot"} {
		m := store.Member{ID: "U" + strings.ToUpper(u), Name: u, TZ: "UTC", IsBot: u == "bot"}
		if err := st.PutMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	return &ExpertWorld{T: t, St: st, DB: db, Now: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
}

// ExpertCommunities are the world's communities as the engine is
// configured with them: Platform's topics and its named expert (hugo).
func ExpertCommunities() []bot.Community {
	return []bot.Community{
		{
			Name:    "Platform",
			Topics:  []string{"kubernetes (k8s, kube)", "terraform"},
			Experts: map[string][]string{"UHUGO": {"kubernetes"}},
		},
	}
}

// Post writes a message a minute after the last and returns its ts; thread
// "" starts a thread.
func (w *ExpertWorld) Post(ch, user, thread, text string) string {
	w.T.Helper()
	w.seq++
	w.Now = w.Now.Add(time.Minute)
	ts := fmt.Sprintf("%d.%06d", w.Now.Unix(), w.seq)
	err := w.St.Batch(context.Background(), func(tx *store.Tx) error {
		return tx.PutMessage(context.Background(), store.Message{
			ChannelID: ch,
			TS:        ts,
			ThreadTS:  thread,
			UserID:    "U" + strings.ToUpper(user),
			Text:      text,
			IsBot:     user == "bot",
			PostedAt:  w.Now,
		})
	})
	if err != nil {
		w.T.Fatal(err)
	}
	return ts
}

// React records user's reaction name on the message ts.
func (w *ExpertWorld) React(ch, ts, user, name string) {
	w.T.Helper()
	err := w.St.Batch(context.Background(), func(tx *store.Tx) error {
		return tx.AddReaction(context.Background(), store.Reaction{
			ChannelID: ch,
			MessageTS: ts,
			UserID:    "U" + strings.ToUpper(user),
			Name:      name,
			At:        w.Now,
		})
	})
	if err != nil {
		w.T.Fatal(err)
	}
}

// QA posts a question and its answers (pairs of author and text); the
// asker ticks the first answer when tick is true.
func (w *ExpertWorld) QA(ch, asker, q string, tick bool, answers ...string) string {
	ts := w.Post(ch, asker, "", q)
	for i := 0; i+1 < len(answers); i += 2 {
		r := w.Post(ch, answers[i], ts, answers[i+1])
		if tick && i == 0 {
			w.React(ch, r, asker, "white_check_mark")
		}
	}
	return ts
}
