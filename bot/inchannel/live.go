package inchannel

import (
	"context"

	"praxis/bot/question"
	"praxis/store"
)

// Answered reads from what is recorded whether the open question q got its
// answer in the channel, and which message gave it: the first that Reader
// would give it as a reply (by someone else within Window, or addressing
// the asker within Mention, before the asker moves on to another question)
// when it has no thread reply and its channel answered in the channel by
// the Recent messages before it. The live router asks it; read from the
// store, it does not depend on the order events arrived in.
func Answered(ctx context.Context, st *store.Store, q store.Question) (store.ChannelMessage, bool, error) {
	thread, err := st.Thread(ctx, q.ChannelID, q.TS)
	if err != nil || len(thread) > 1 {
		return store.ChannelMessage{}, false, err
	}
	n, r, err := st.RecentShape(ctx, q.ChannelID, q.TS, Recent)
	if err != nil || !Answers(n, r) {
		return store.ChannelMessage{}, false, err
	}
	after, err := st.TopLevelAfter(ctx, q.ChannelID, q.TS, q.AskedAt.Add(Mention))
	if err != nil {
		return store.ChannelMessage{}, false, err
	}
	for _, m := range after {
		if m.UserID == q.Asker {
			if ok, _ := question.Detect(m.Text); ok {
				break // the asker moved on
			}
			continue
		}
		if replies(q.AskedAt, q.Asker, m) {
			return m, true, nil
		}
	}
	return store.ChannelMessage{}, false, nil
}
