package history

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"praxis/bot/inchannel"
	"praxis/bot/question"
	"praxis/store"
)

// FollowQuestions records the questions of channels as the live tracker
// would have (bot/expert's Tracker, heuristics only: no model reads
// history): each top-level message by a person that question.Detect calls a
// question, settled against its thread by the rules of
// store.SettleQuestion (first answer; solved when the asker ticks the
// question, accepted when they tick a reply) and resolved as thanked when
// the asker thanks in the thread after an answer. Where the channel answers
// in the channel rather than in threads (bot/inchannel, per channel and
// per period), a question without a thread reply is settled against the
// messages that answer it there. An export carries no such
// record, and the reports, digests and nudges read it. Each channel is read
// once, a thread at a time (store.ScanThreads), and settled in memory, so a
// million messages take seconds, not one round of queries per question,
// and a channel of millions costs no more memory than its largest thread.
// Following again adds nothing; it returns the questions the channels hold.
func FollowQuestions(ctx context.Context, st *store.Store, channels []string) (int, error) {
	channels = slices.Sorted(slices.Values(channels))
	total := 0
	for _, ch := range channels {
		n, err := followChannel(ctx, st, ch)
		total += n
		if err != nil {
			return total, fmt.Errorf("follow the questions of %s: %w", ch, err)
		}
	}
	return total, nil
}

// questionBatch is how many questions are recorded per transaction.
const questionBatch = 10000

// followChannel settles a channel's questions from one read of its threads
// and one of its accept reactions, and records them in batches.
func followChannel(ctx context.Context, st *store.Store, ch string) (int, error) {
	ticks, err := st.AcceptTicks(ctx, ch)
	if err != nil {
		return 0, err
	}
	var batch []store.Question
	total := 0
	flush := func() error {
		err := st.Batch(ctx, func(tx *store.Tx) error {
			for _, q := range batch {
				if err := tx.RecordQuestion(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		total, batch = total+len(batch), batch[:0]
		return err
	}
	var failed error
	r := inchannel.Reader[store.ChannelThread]{Emit: func(t store.ChannelThread, _ store.ChannelMessage,
		rs []store.ChannelMessage) {
		if len(t.Replies) == 0 {
			t.Replies = rs // answered in the channel (bot/inchannel)
		}
		if q, ok := settle(ch, t, ticks); ok && failed == nil {
			if batch = append(batch, q); len(batch) == questionBatch {
				failed = flush()
			}
		}
	}}
	var shape inchannel.Shape
	err = st.ScanThreads(ctx, ch, maxQuestionReplies, func(t store.ChannelThread) error {
		r.Add(t.Parent, t, inchannel.AddThread(&shape, t))
		return failed
	})
	r.Flush()
	if err == nil {
		err = cmp.Or(failed, flush())
	}
	return total, err
}

// maxQuestionReplies is how much of a thread's replies is read to settle
// its question (see store.ScanThreads): its first answer and thanks come
// early.
const maxQuestionReplies = 4 << 20

// FollowAllQuestions is FollowQuestions for every channel mapped to a
// community, as `praxis import` runs it after an import.
func FollowAllQuestions(ctx context.Context, st *store.Store) (int, error) {
	mapped, err := st.MappedChannels(ctx)
	if err != nil {
		return 0, err
	}
	return FollowQuestions(ctx, st, slices.Collect(maps.Keys(mapped)))
}

// settle returns the question a thread starts, settled against its
// replies, if its parent is one.
func settle(ch string, t store.ChannelThread, ticks map[string]map[string]time.Time) (store.Question, bool) {
	person := func(m store.ChannelMessage) bool { return !m.IsBot && !m.Deleted && m.UserID != "" }
	p := t.Parent
	if p == nil || !person(*p) || p.Subtype != "" {
		return store.Question{}, false
	}
	ok, why := question.Detect(questionText(p.Text))
	if !ok {
		return store.Question{}, false
	}
	q := store.Question{ChannelID: ch, TS: p.TS, Asker: p.UserID, AskedAt: p.PostedAt, Why: why}
	// The first answer, in the order SettleQuestion reads replies:
	// posted_at, then ts; the asker's first tick on a reply by someone else.
	var first *store.ChannelMessage
	var accepted time.Time
	for i, m := range t.Replies {
		if m.UserID == q.Asker || m.UserID == "" {
			continue
		}
		if at, ticked := ticks[m.TS][q.Asker]; ticked && (accepted.IsZero() || at.Before(accepted)) {
			accepted = at
		}
		// A deleted reply counts, as in store.SettleQuestion: it answered
		// when it was posted.
		if !m.IsBot && (first == nil || cmp.Or(m.PostedAt.Compare(first.PostedAt), strings.Compare(m.TS, first.TS)) < 0) {
			first = &t.Replies[i]
		}
	}
	if first != nil {
		q.FirstAnswerAt, q.FirstAnswerer = first.PostedAt, first.UserID
	}
	switch at, solved := ticks[q.TS][q.Asker]; {
	case solved:
		q.Resolution, q.ResolvedAt = "solved", at
	case first != nil && !accepted.IsZero():
		q.Resolution, q.ResolvedAt = "accepted", accepted
	}
	// A thanks from the asker after an answer resolves it, as the tracker does.
	for _, m := range t.Replies {
		if q.Resolution == "" && first != nil && m.UserID == q.Asker && person(m) && m.Subtype == "" &&
			q.FirstAnswerAt.Before(m.PostedAt) && question.IsThanks(questionText(m.Text)) {
			q.Resolution, q.ResolvedAt = "thanked", m.PostedAt
		}
	}
	return q, true
}

// questionText is what Detect and IsThanks read of a message: a question
// or a thanks is said in the first lines.
func questionText(text string) string {
	if len(text) > maxQuestionText {
		return strings.ToValidUTF8(text[:maxQuestionText], "")
	}
	return text
}

// maxQuestionText bounds what is read of a message to tell a question or a
// thanks: both are said in the first lines.
const maxQuestionText = 2000
