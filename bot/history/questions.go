package history

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"praxis/bot/question"
	"praxis/store"
)

// FollowQuestions records the questions of channels as the live tracker
// would have (bot/expert's Tracker, heuristics only: no model reads
// history): each top-level message by a person that question.Detect calls a
// question, settled against its thread as recorded (first answer, accepted
// answer), and resolved as thanked when the asker thanks in the thread after
// an answer. An export carries no such record, and the reports, digests and
// nudges read it. Following again adds nothing; it returns the questions
// the channels hold.
func FollowQuestions(ctx context.Context, st *store.Store, channels []string) (int, error) {
	channels = slices.Sorted(slices.Values(channels))
	total := 0
	for _, ch := range channels {
		var msgs []store.ChannelMessage
		if err := st.ScanChannel(ctx, ch, func(m store.ChannelMessage) error {
			if !m.IsBot && !m.Deleted && m.UserID != "" && m.Subtype == "" {
				if len(m.Text) > maxQuestionText {
					m.Text = strings.ToValidUTF8(m.Text[:maxQuestionText], "") // what Detect and IsThanks read of a long message
				}
				msgs = append(msgs, m)
			}
			return nil
		}); err != nil {
			return total, err
		}
		asker := map[string]string{} // question ts → asker
		err := st.Batch(ctx, func(tx *store.Tx) error {
			clear(asker)
			for _, m := range msgs {
				if m.ThreadTS != "" && m.ThreadTS != m.TS {
					continue
				}
				if ok, why := question.Detect(m.Text); ok {
					asker[m.TS] = m.UserID
					q := store.Question{ChannelID: ch, TS: m.TS, Asker: m.UserID, AskedAt: m.PostedAt, Why: why}
					if err := tx.AddQuestion(ctx, q, question.AcceptNames); err != nil {
						return err
					}
				}
			}
			for _, m := range msgs {
				if m.ThreadTS == "" || m.ThreadTS == m.TS || asker[m.ThreadTS] != m.UserID || !question.IsThanks(m.Text) {
					continue
				}
				q, ok, err := tx.QuestionOf(ctx, ch, m.ThreadTS)
				if err != nil {
					return err
				}
				if ok && q.Resolution == "" && !q.FirstAnswerAt.IsZero() && q.FirstAnswerAt.Before(m.PostedAt) {
					if err := tx.ResolveQuestion(ctx, ch, m.ThreadTS, m.UserID, "thanked", m.PostedAt); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("follow the questions of %s: %w", ch, err)
		}
		total += len(asker)
	}
	return total, nil
}

// maxQuestionText bounds what is read of a message to tell a question or a
// thanks: both are said in the first lines.
const maxQuestionText = 2000
