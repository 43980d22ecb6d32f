package history

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"praxis/bot/question"
	"praxis/store"
)

// FollowQuestions records the questions of channels as the live tracker
// would have (bot/expert's Tracker, heuristics only: no model reads
// history): each top-level message by a person that question.Detect calls a
// question, settled against its thread by the rules of
// store.SettleQuestion (first answer; solved when the asker ticks the
// question, accepted when they tick a reply) and resolved as thanked when
// the asker thanks in the thread after an answer. An export carries no such
// record, and the reports, digests and nudges read it. Each channel is read
// once and settled in memory, so a million messages take seconds, not one
// round of queries per question. Following again adds nothing; it returns
// the questions the channels hold.
func FollowQuestions(ctx context.Context, st *store.Store, channels []string) (int, error) {
	channels = slices.Sorted(slices.Values(channels))
	total := 0
	for _, ch := range channels {
		qs, err := channelQuestions(ctx, st, ch)
		if err != nil {
			return total, err
		}
		err = st.Batch(ctx, func(tx *store.Tx) error {
			for _, q := range qs {
				if err := tx.RecordQuestion(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("follow the questions of %s: %w", ch, err)
		}
		total += len(qs)
	}
	return total, nil
}

// FollowAllQuestions is FollowQuestions for every channel mapped to a
// community, as `praxis import` runs it after an import.
func FollowAllQuestions(ctx context.Context, st *store.Store) (int, error) {
	mapped, err := st.MappedChannels(ctx)
	if err != nil {
		return 0, err
	}
	return FollowQuestions(ctx, st, slices.Collect(maps.Keys(mapped)))
}

// channelQuestions finds and settles a channel's questions from one scan
// of its messages and one read of its accept reactions.
func channelQuestions(ctx context.Context, st *store.Store, ch string) ([]store.Question, error) {
	var msgs []store.ChannelMessage
	if err := st.ScanChannel(ctx, ch, func(m store.ChannelMessage) error {
		if len(m.Text) > maxQuestionText {
			m.Text = strings.ToValidUTF8(m.Text[:maxQuestionText], "") // what Detect and IsThanks read
		}
		msgs = append(msgs, m)
		return nil
	}); err != nil {
		return nil, err
	}
	ticks, err := st.AcceptTicks(ctx, ch)
	if err != nil {
		return nil, err
	}
	person := func(m store.ChannelMessage) bool { return !m.IsBot && !m.Deleted && m.UserID != "" }
	byTS := map[string]int{} // question ts → index in qs
	var qs []store.Question
	for _, m := range msgs {
		if (m.ThreadTS == "" || m.ThreadTS == m.TS) && person(m) && m.Subtype == "" {
			if ok, why := question.Detect(m.Text); ok {
				byTS[m.TS] = len(qs)
				qs = append(qs, store.Question{ChannelID: ch, TS: m.TS, Asker: m.UserID, AskedAt: m.PostedAt, Why: why})
			}
		}
	}
	// Replies, in the order SettleQuestion reads them: posted_at, then ts.
	replies := slices.Clone(msgs)
	slices.SortStableFunc(replies, func(a, b store.ChannelMessage) int {
		return cmp.Or(a.PostedAt.Compare(b.PostedAt), strings.Compare(a.TS, b.TS))
	})
	accepted := map[string]time.Time{} // question ts → the asker's first tick on a reply by someone else
	for _, m := range replies {
		i, ok := byTS[m.ThreadTS]
		if !ok || m.TS == m.ThreadTS {
			continue
		}
		q := &qs[i]
		if m.UserID != q.Asker && m.UserID != "" {
			if at, ticked := ticks[m.TS][q.Asker]; ticked && (accepted[q.TS].IsZero() || at.Before(accepted[q.TS])) {
				accepted[q.TS] = at
			}
		}
		// A deleted reply counts, as in store.SettleQuestion: it answered
		// when it was posted.
		if !m.IsBot && m.UserID != "" && m.UserID != q.Asker && q.FirstAnswerAt.IsZero() {
			q.FirstAnswerAt, q.FirstAnswerer = m.PostedAt, m.UserID
		}
	}
	for i := range qs {
		q := &qs[i]
		switch at, solved := ticks[q.TS][q.Asker]; {
		case solved:
			q.Resolution, q.ResolvedAt = "solved", at
		case !q.FirstAnswerAt.IsZero() && !accepted[q.TS].IsZero():
			q.Resolution, q.ResolvedAt = "accepted", accepted[q.TS]
		}
	}
	// A thanks from the asker after an answer resolves it, as the tracker does.
	for _, m := range msgs {
		i, ok := byTS[m.ThreadTS]
		if !ok || m.TS == m.ThreadTS || !person(m) || m.Subtype != "" {
			continue
		}
		q := &qs[i]
		if m.UserID == q.Asker && q.Resolution == "" && !q.FirstAnswerAt.IsZero() && q.FirstAnswerAt.Before(m.PostedAt) && question.IsThanks(m.Text) {
			q.Resolution, q.ResolvedAt = "thanked", m.PostedAt
		}
	}
	return qs, nil
}

// maxQuestionText bounds what is read of a message to tell a question or a
// thanks: both are said in the first lines.
const maxQuestionText = 2000
