package testkit

import (
	"context"
	"fmt"
	"testing"
	"time"

	"praxis/store"
)

// TS is the Slack timestamp of a message posted at t: its Unix second and a
// fixed ".000100", so that a test can name a message by when it was posted.
func TS(t time.Time) string { return fmt.Sprintf("%d.000100", t.Unix()) }

// Member records m's profile and the channels m is in, as an import does.
func Member(tb testing.TB, st *store.Store, m store.Member, channels ...string) {
	tb.Helper()
	ctx := context.Background()
	if err := st.ImportMembers(ctx, []store.Member{m}); err != nil {
		tb.Fatal(err)
	}
	by := map[string][]string{}
	for _, ch := range channels {
		by[ch] = []string{m.ID}
	}
	if _, err := st.ImportChannelMembers(ctx, by); err != nil {
		tb.Fatal(err)
	}
}

// Post records a message posted at at (a reply when thread is not "") and
// returns its ts, TS(at); the parent of a reply is marked as a thread's, as
// the recorder does.
func Post(tb testing.TB, st *store.Store, ch, user, thread, text string, at time.Time) string {
	tb.Helper()
	ctx := context.Background()
	m := store.Message{
		ChannelID: ch,
		TS:        TS(at),
		ThreadTS:  thread,
		UserID:    user,
		Text:      text,
		PostedAt:  at,
	}
	Do(tb, st, func(tx *store.Tx) error {
		if thread != "" {
			parent, err := st.MessageByTS(ctx, ch, thread)
			if err != nil {
				return err
			}
			parent.ThreadTS = thread
			if err := tx.PutMessage(ctx, parent); err != nil {
				return err
			}
		}
		return tx.PutMessage(ctx, m)
	})
	return m.TS
}
