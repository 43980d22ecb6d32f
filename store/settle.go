package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// AddQuestion starts following a question (once), and settles it at once
// against what its thread already holds (see SettleQuestion). A question
// whose message is already deleted (Slack delivered the deletion first) is
// followed closed, as if the deletion had come after it.
func (t *Tx) AddQuestion(ctx context.Context, q Question, accept []string) error {
	_, err := t.exec(ctx, qAddQuestion, q.ChannelID, q.TS, q.Asker, ms(q.AskedAt), q.Why)
	if err != nil {
		return fmt.Errorf("add question: %w", err)
	}
	if _, err := t.exec(ctx, qCloseDeleted, q.ChannelID, q.TS); err != nil {
		return fmt.Errorf("add question: %w", err)
	}
	return t.SettleQuestion(ctx, q.ChannelID, q.TS, accept)
}

// acceptNames are the accept reactions the settling queries are prepared
// for (question.AcceptNames: the store cannot import bot/question).
var acceptNames = []string{"white_check_mark", "heavy_check_mark", "ballot_box_with_check", "check", "white_tick"}

// The settling queries, prepared at Open: importing history settles a
// question per question found. A tick is an accept reaction present
// (reactions) or ever put (question_acts: kept if taken back).
const (
	// +user_id: by the message (the primary key), not by the asker's
	// reactions (reactions_user), which may be thousands.
	qQuestionTicked = `SELECT min(at) FROM (SELECT added_at AS at FROM reactions
		WHERE channel_id = ? AND message_ts = ? AND +user_id = ? AND name IN (?, ?, ?, ?, ?)
		UNION ALL SELECT at FROM question_acts WHERE channel_id = ? AND message_ts = ? AND user_id = ? AND kind = 'tick')`
	// A deleted reply counts: it was an answer when it was posted, and
	// Slack may deliver its deletion before or after it.
	qFirstAnswer = `SELECT user_id, posted_at FROM messages
		WHERE channel_id = ? AND thread_ts = ? AND thread_ts <> '' AND ts <> ?
		AND user_id <> ? AND user_id <> '' AND is_bot = 0 ORDER BY posted_at, ts LIMIT 1`
	// CROSS JOIN keeps the thread's replies first, then their reactions by
	// primary key: SQLite would otherwise start from the asker's reactions.
	qAnswerTicked = `SELECT min(at) FROM (SELECT r.added_at AS at FROM messages m
			CROSS JOIN reactions r ON r.channel_id = m.channel_id AND r.message_ts = m.ts
		WHERE m.channel_id = ? AND m.thread_ts = ? AND m.thread_ts <> '' AND m.ts <> ?
		AND m.user_id <> ? AND m.user_id <> '' AND +r.user_id = ?
		AND r.name IN (?, ?, ?, ?, ?)
		UNION ALL SELECT a.at FROM messages m
			CROSS JOIN question_acts a ON a.channel_id = m.channel_id AND a.message_ts = m.ts
		WHERE m.channel_id = ? AND m.thread_ts = ? AND m.thread_ts <> '' AND m.ts <> ?
		AND m.user_id <> ? AND m.user_id <> '' AND a.user_id = ? AND a.kind = 'tick')`
	// The asker's first thanks in the thread after its first answer.
	qThanked = `SELECT min(a.at) FROM messages m
			CROSS JOIN question_acts a ON a.channel_id = m.channel_id AND a.message_ts = m.ts
		WHERE m.channel_id = ? AND m.thread_ts = ? AND m.thread_ts <> '' AND m.ts <> ?
		AND a.user_id = ? AND a.kind = 'thanks' AND a.at > ?`
	qAddQuestion = `INSERT INTO questions(channel_id, ts, asker, asked_at, why) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`
	qCloseDeleted = `UPDATE questions SET closed = 1 WHERE channel_id = ?1 AND ts = ?2 AND closed = 0
		AND EXISTS (SELECT 1 FROM messages WHERE channel_id = ?1 AND ts = ?2 AND deleted = 1)`
	// The first answer is the earliest reply, whichever arrives first.
	qAnswerQuestion = `UPDATE questions SET first_answer_at = ?, first_answerer = ?
		WHERE channel_id = ? AND ts = ? AND asker <> ? AND (first_answer_at IS NULL OR first_answer_at >= ?)`
	// A resolution gives way only to a stronger one (solved, then accepted,
	// then thanked), or to the same one made earlier: the result depends on
	// what the asker did, not on the order it was delivered in.
	qResolveQuestion = `UPDATE questions SET resolved_at = ?1, resolution = ?2
		WHERE channel_id = ?3 AND ts = ?4 AND asker = ?5 AND (resolved_at IS NULL
			OR (CASE resolution WHEN 'solved' THEN 3 WHEN 'accepted' THEN 2 WHEN 'thanked' THEN 1 ELSE 0 END)
				< (CASE ?2 WHEN 'solved' THEN 3 WHEN 'accepted' THEN 2 WHEN 'thanked' THEN 1 ELSE 0 END)
			OR resolution = ?2 AND resolved_at > ?1)`
	qQuestionOf  = `SELECT ` + questionCols + ` FROM questions WHERE channel_id = ? AND ts = ?`
	qQuestionAct = `INSERT INTO question_acts(channel_id, message_ts, user_id, kind, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(channel_id, message_ts, user_id, kind) DO UPDATE SET at = excluded.at
		WHERE excluded.at < question_acts.at`
)

// questionQueries are the question tracker's statements prepared at Open.
var questionQueries = []sqlText{
	qQuestionTicked, qFirstAnswer, qAnswerTicked, qThanked, qQuestionOf,
	qAddQuestion, qCloseDeleted, qAnswerQuestion, qResolveQuestion, qQuestionAct,
}

// SettleQuestion brings a followed question up to date with its thread as
// recorded: the earliest reply by someone else is its first answer; the
// asker ticking the question resolves it as solved, else ticking a reply by
// someone else as accepted, else thanking in the thread after the first
// answer as thanked (see MarkTick, MarkThanks). Slack does not promise the
// order of events (a ✅ or a thanks may be recorded before the question or
// the reply it is on), so this reads what is recorded rather than trusting
// the last event, and any order of arrival settles the same.
func (t *Tx) SettleQuestion(ctx context.Context, channel, ts string, accept []string) error {
	q, ok, err := t.QuestionOf(ctx, channel, ts)
	if err != nil || !ok || q.Asker == "" {
		return err // a forgotten asker's question keeps what it had
	}
	if len(accept) == 0 {
		accept = acceptNames
	}
	var qTicked, qAnswer sqlText = qQuestionTicked, qAnswerTicked
	if !slices.Equal(accept, acceptNames) { // other names: the same queries, not prepared
		in := "(" + inList(len(accept)) + ")"
		qTicked = qTicked.replaceOnce("(?, ?, ?, ?, ?)", in)
		qAnswer = qAnswer.replaceOnce("(?, ?, ?, ?, ?)", in)
	}
	if err := t.settleAnswer(ctx, &q); err != nil {
		return err
	}
	names := strArgs(accept)
	solved, err := t.firstAt(ctx, qTicked, append(append([]any{channel, ts, q.Asker}, names...), channel, ts, q.Asker)...)
	if err != nil || !solved.IsZero() {
		return t.resolve(ctx, q, "solved", solved, err)
	}
	if q.FirstAnswerAt.IsZero() {
		return nil
	}
	head := []any{channel, ts, ts, q.Asker, q.Asker}
	accepted, err := t.firstAt(ctx, qAnswer, append(append(head, names...), head...)...)
	if err != nil || !accepted.IsZero() {
		return t.resolve(ctx, q, "accepted", accepted, err)
	}
	thanked, err := t.firstAt(ctx, qThanked, channel, ts, ts, q.Asker, ms(q.FirstAnswerAt))
	return t.resolve(ctx, q, "thanked", thanked, err)
}

// settleAnswer records the earliest reply by someone else as the first
// answer, and leaves in q the first answer recorded.
func (t *Tx) settleAnswer(ctx context.Context, q *Question) error {
	var by string
	var at int64
	err := t.queryRow(ctx, qFirstAnswer, q.ChannelID, q.TS, q.TS, q.Asker).Scan(&by, &at)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settle question: %w", err)
	}
	if !q.FirstAnswerAt.IsZero() && ms(q.FirstAnswerAt) < at {
		return nil // an earlier answer, from someone since forgotten
	}
	q.FirstAnswerAt, q.FirstAnswerer = fromMS(at), by
	return t.AnswerQuestion(ctx, q.ChannelID, q.TS, by, q.FirstAnswerAt)
}

// firstAt runs a query of min(at): zero when nothing matched.
func (t *Tx) firstAt(ctx context.Context, query sqlText, args ...any) (time.Time, error) {
	var at sql.NullInt64
	if err := t.queryRow(ctx, query, args...).Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("settle question: %w", err)
	}
	return nullTime(at), nil
}

// resolve records a resolution found at a time (none when zero).
func (t *Tx) resolve(ctx context.Context, q Question, how string, at time.Time, err error) error {
	if err != nil || at.IsZero() {
		return err
	}
	return t.ResolveQuestion(ctx, q.ChannelID, q.TS, q.Asker, how, at)
}

// MarkTick records that a member put an accept reaction on a message, at
// a time, whether or not the message or its question is recorded yet: a
// question arriving later is settled with it (see SettleQuestion). The
// earliest tick of each member on each message is kept, even once taken
// back: a question once resolved stays so.
func (t *Tx) MarkTick(ctx context.Context, channel, ts, member string, at time.Time) error {
	return t.questionAct(ctx, channel, ts, member, "tick", at)
}

// MarkThanks records that a member's thread reply thanks someone (the
// caller tells it from the text), so that the question it closes is
// resolved as thanked whichever of the two arrives first.
func (t *Tx) MarkThanks(ctx context.Context, channel, ts, member string, at time.Time) error {
	return t.questionAct(ctx, channel, ts, member, "thanks", at)
}

func (t *Tx) questionAct(ctx context.Context, channel, ts, member, kind string, at time.Time) error {
	if forgotten, err := t.forgotten(ctx, member); err != nil || forgotten {
		t.withheld = t.withheld || forgotten
		return err
	}
	if _, err := t.exec(ctx, qQuestionAct, channel, ts, member, kind, ms(at)); err != nil {
		return fmt.Errorf("question %s %s/%s: %w", kind, channel, ts, err)
	}
	return nil
}

// AnswerQuestion records a reply to a followed question by someone other
// than the asker; only the earliest one is kept.
func (t *Tx) AnswerQuestion(ctx context.Context, channel, ts, by string, at time.Time) error {
	_, err := t.exec(ctx, qAnswerQuestion, ms(at), by, channel, ts, by, ms(at))
	if err != nil {
		return fmt.Errorf("answer question: %w", err)
	}
	return nil
}

// ResolveQuestion records that the asker marked the question solved,
// accepted or thanked an answer, at a time. by is who resolves it: only the
// asker can. A resolution gives way only to a stronger one or to the same
// one made earlier (see qResolveQuestion).
func (t *Tx) ResolveQuestion(ctx context.Context, channel, ts, by, how string, at time.Time) error {
	_, err := t.exec(ctx, qResolveQuestion, ms(at), how, channel, ts, by)
	if err != nil {
		return fmt.Errorf("resolve question: %w", err)
	}
	return nil
}
