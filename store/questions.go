package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Question is a question asked in a community channel, followed until it
// is answered and resolved.
type Question struct {
	ChannelID, TS string
	Asker         string
	AskedAt       time.Time
	Why           string // what made it a question
	FirstAnswerAt time.Time
	FirstAnswerer string
	ResolvedAt    time.Time
	Resolution    string // accepted (the asker ticked an answer), thanked, or solved (the asker ticked the question)
	RoutedAt      time.Time
	EscalatedAt   time.Time
	Closed        bool
}

// AddQuestion starts following a question (once), and settles it at once
// against what its thread already holds (see SettleQuestion).
func (t *Tx) AddQuestion(ctx context.Context, q Question, accept []string) error {
	_, err := t.exec(ctx, qAddQuestion, q.ChannelID, q.TS, q.Asker, ms(q.AskedAt), q.Why)
	if err != nil {
		return fmt.Errorf("add question: %w", err)
	}
	return t.SettleQuestion(ctx, q.ChannelID, q.TS, accept)
}

// acceptNames are the accept reactions the settling queries are prepared
// for (question.AcceptNames: the store cannot import bot/question).
var acceptNames = []string{"white_check_mark", "heavy_check_mark", "ballot_box_with_check", "check", "white_tick"}

// The settling queries, prepared at Open: importing history settles a
// question per question found.
const (
	// +user_id: by the message (the primary key), not by the asker's
	// reactions (reactions_user), which may be thousands.
	qQuestionTicked = `SELECT added_at FROM reactions WHERE channel_id = ? AND message_ts = ? AND +user_id = ?
		AND name IN (?, ?, ?, ?, ?) ORDER BY added_at LIMIT 1`
	qFirstAnswer = `SELECT user_id, posted_at FROM messages WHERE channel_id = ? AND thread_ts = ? AND thread_ts <> '' AND ts <> ?
		AND user_id <> ? AND user_id <> '' AND is_bot = 0 AND deleted = 0 ORDER BY posted_at, ts LIMIT 1`
	// CROSS JOIN keeps the thread's replies first, then their reactions by
	// primary key: SQLite would otherwise start from the asker's reactions.
	qAnswerTicked = `SELECT r.added_at FROM messages m CROSS JOIN reactions r ON r.channel_id = m.channel_id AND r.message_ts = m.ts
		WHERE m.channel_id = ? AND m.thread_ts = ? AND m.thread_ts <> '' AND m.ts <> ? AND m.user_id <> ? AND +r.user_id = ?
		AND r.name IN (?, ?, ?, ?, ?) ORDER BY r.added_at LIMIT 1`
	qAddQuestion = `INSERT INTO questions(channel_id, ts, asker, asked_at, why) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`
	qAnswerQuestion = `UPDATE questions SET first_answer_at = ?, first_answerer = ?
		WHERE channel_id = ? AND ts = ? AND asker <> ? AND (first_answer_at IS NULL OR first_answer_at > ?)`
	qResolveQuestion = `UPDATE questions SET resolved_at = ?, resolution = ?
		WHERE channel_id = ? AND ts = ? AND asker = ? AND resolved_at IS NULL`
	qQuestionOf = `SELECT ` + questionCols + ` FROM questions WHERE channel_id = ? AND ts = ?`
)

// questionQueries are the question tracker's statements prepared at Open.
var questionQueries = []string{qQuestionTicked, qFirstAnswer, qAnswerTicked, qQuestionOf, qAddQuestion, qAnswerQuestion, qResolveQuestion}

// SettleQuestion brings a followed question up to date with its thread as
// recorded: the first reply by someone else is its first answer, and a
// reply by someone else that the asker reacted to with one of the accept
// reactions resolves it as accepted. Slack does not promise the order of
// events (a ✅ may be recorded before the reply it is on), so this reads
// the state rather than trusting the last event.
func (t *Tx) SettleQuestion(ctx context.Context, channel, ts string, accept []string) error {
	q, ok, err := t.QuestionOf(ctx, channel, ts)
	if err != nil || !ok {
		return err
	}
	if len(accept) == 0 {
		accept = acceptNames
	}
	qTicked, qAnswer := qQuestionTicked, qAnswerTicked
	if !slices.Equal(accept, acceptNames) { // other names: the same queries, not prepared
		in := "(" + inList(len(accept)) + ")"
		qTicked = strings.Replace(qTicked, "(?, ?, ?, ?, ?)", in, 1)
		qAnswer = strings.Replace(qAnswer, "(?, ?, ?, ?, ?)", in, 1)
	}
	// The asker ticking the question itself marks it solved, answered or not.
	if q.ResolvedAt.IsZero() {
		var ticked int64
		err := t.queryRow(ctx, qTicked, append([]any{channel, ts, q.Asker}, strArgs(accept)...)...).Scan(&ticked)
		switch {
		case err == nil:
			if err := t.ResolveQuestion(ctx, channel, ts, q.Asker, "solved", fromMS(ticked)); err != nil {
				return err
			}
			q.ResolvedAt = fromMS(ticked)
		case err != sql.ErrNoRows:
			return fmt.Errorf("settle question: %w", err)
		}
	}
	var by string
	var at int64
	err = t.queryRow(ctx, qFirstAnswer, channel, ts, ts, q.Asker).Scan(&by, &at)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settle question: %w", err)
	}
	if err := t.AnswerQuestion(ctx, channel, ts, by, fromMS(at)); err != nil {
		return err
	}
	if !q.ResolvedAt.IsZero() {
		return nil
	}
	var ticked int64
	err = t.queryRow(ctx, qAnswer, append([]any{channel, ts, ts, q.Asker, q.Asker}, strArgs(accept)...)...).Scan(&ticked)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settle question: %w", err)
	}
	return t.ResolveQuestion(ctx, channel, ts, q.Asker, "accepted", fromMS(ticked))
}

// AnswerQuestion records a reply to a followed question by someone other
// than the asker; only the first one is kept.
func (t *Tx) AnswerQuestion(ctx context.Context, channel, ts, by string, at time.Time) error {
	_, err := t.exec(ctx, qAnswerQuestion, ms(at), by, channel, ts, by, ms(at))
	if err != nil {
		return fmt.Errorf("answer question: %w", err)
	}
	return nil
}

// ResolveQuestion records that the asker accepted or thanked an answer.
// by is who resolves it: only the asker can.
func (t *Tx) ResolveQuestion(ctx context.Context, channel, ts, by, how string, at time.Time) error {
	_, err := t.exec(ctx, qResolveQuestion, ms(at), how, channel, ts, by)
	if err != nil {
		return fmt.Errorf("resolve question: %w", err)
	}
	return nil
}

// CloseQuestion stops following a question (its message was deleted).
func (t *Tx) CloseQuestion(ctx context.Context, channel, ts string) error {
	if _, err := t.exec(ctx, `UPDATE questions SET closed = 1 WHERE channel_id = ? AND ts = ?`, channel, ts); err != nil {
		return fmt.Errorf("close question: %w", err)
	}
	return nil
}

// QuestionOf returns the followed question whose thread a message belongs
// to, if any.
func (t *Tx) QuestionOf(ctx context.Context, channel, threadTS string) (Question, bool, error) {
	q, err := scanQuestion(t.queryRow(ctx, qQuestionOf, channel, threadTS))
	if err == sql.ErrNoRows {
		return Question{}, false, nil
	}
	return q, err == nil, err
}

// MarkRouted records that experts were invited to an unanswered question.
func (t *Tx) MarkRouted(ctx context.Context, channel, ts string, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE questions SET routed_at = ? WHERE channel_id = ? AND ts = ? AND routed_at IS NULL`, ms(at), channel, ts)
	if err != nil {
		return fmt.Errorf("route question: %w", err)
	}
	return nil
}

// MarkEscalated records that facilitators were told about a question.
func (t *Tx) MarkEscalated(ctx context.Context, channel, ts string, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE questions SET escalated_at = ? WHERE channel_id = ? AND ts = ? AND escalated_at IS NULL`, ms(at), channel, ts)
	if err != nil {
		return fmt.Errorf("escalate question: %w", err)
	}
	return nil
}

// OpenQuestions returns the followed questions nobody answered (and the
// asker did not mark solved), asked since a time, oldest first.
func (s *Store) OpenQuestions(ctx context.Context, since time.Time) ([]Question, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+questionCols+` FROM questions
		WHERE first_answer_at IS NULL AND resolved_at IS NULL AND closed = 0 AND asked_at >= ? ORDER BY asked_at`, ms(since))
	return scanQuestions(rows, err, "open questions")
}

// OpenQuestionsAsOf returns the followed questions asked between since and
// at that nobody had answered, nor the asker marked solved, by at, oldest
// first: OpenQuestions as it read at that instant (the nudges, which can
// be planned as of a past instant). OpenQuestions, read every minute by
// the router, keeps its own query on the index of open questions.
func (s *Store) OpenQuestionsAsOf(ctx context.Context, since, at time.Time) ([]Question, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+questionCols+` FROM questions
		WHERE closed = 0 AND asked_at >= ?1 AND asked_at <= ?2 AND (first_answer_at IS NULL OR first_answer_at > ?2)
		AND (resolved_at IS NULL OR resolved_at > ?2) ORDER BY asked_at`, ms(since), ms(at))
	return scanQuestions(rows, err, "open questions")
}

// scanQuestions reads the rows of a query of questionCols.
func scanQuestions(rows *sql.Rows, err error, what string) ([]Question, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []Question
	for rows.Next() {
		q, err := scanQuestion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// QuestionByTS returns a followed question.
func (s *Store) QuestionByTS(ctx context.Context, channel, ts string) (Question, error) {
	q, err := scanQuestion(s.r.QueryRowContext(ctx, `SELECT `+questionCols+` FROM questions WHERE channel_id = ? AND ts = ?`, channel, ts))
	if err == sql.ErrNoRows {
		return q, ErrNotFound
	}
	return q, err
}

const questionCols = `channel_id, ts, asker, asked_at, why, first_answer_at, first_answerer, resolved_at, resolution,
	routed_at, escalated_at, closed`

type rowScanner interface{ Scan(...any) error }

func scanQuestion(r rowScanner) (Question, error) {
	var q Question
	var asked int64
	var first, resolved, routed, escalated sql.NullInt64
	err := r.Scan(&q.ChannelID, &q.TS, &q.Asker, &asked, &q.Why, &first, &q.FirstAnswerer, &resolved, &q.Resolution,
		&routed, &escalated, &q.Closed)
	if err == sql.ErrNoRows {
		return q, err
	}
	if err != nil {
		return q, fmt.Errorf("question: %w", err)
	}
	q.AskedAt, q.FirstAnswerAt, q.ResolvedAt = fromMS(asked), nullTime(first), nullTime(resolved)
	q.RoutedAt, q.EscalatedAt = nullTime(routed), nullTime(escalated)
	return q, nil
}

// ThreadOf returns the thread a message belongs to (its own ts for a
// top-level message) and its author; "" when the message is not recorded.
func (t *Tx) ThreadOf(ctx context.Context, channel, ts string) (thread, author string, err error) {
	err = t.queryRow(ctx, `SELECT CASE WHEN thread_ts = '' THEN ts ELSE thread_ts END, user_id FROM messages
		WHERE channel_id = ? AND ts = ?`, channel, ts).Scan(&thread, &author)
	if err == sql.ErrNoRows {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("thread of %s/%s: %w", channel, ts, err)
	}
	return thread, author, nil
}

// AcceptTicks returns, for a channel, when each member first put an accept
// reaction (acceptNames) on each message: by message ts, then member. It
// lets a history's questions be settled in one read (see RecordQuestion).
func (s *Store) AcceptTicks(ctx context.Context, channel string) (map[string]map[string]time.Time, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT message_ts, user_id, min(added_at) FROM reactions
		WHERE channel_id = ? AND name IN (`+inList(len(acceptNames))+`) GROUP BY message_ts, user_id`, append([]any{channel}, strArgs(acceptNames)...)...)
	if err != nil {
		return nil, fmt.Errorf("accept ticks: %w", err)
	}
	defer rows.Close()
	out := map[string]map[string]time.Time{}
	for rows.Next() {
		var ts, user string
		var at int64
		if err := rows.Scan(&ts, &user, &at); err != nil {
			return nil, fmt.Errorf("accept ticks: %w", err)
		}
		if out[ts] == nil {
			out[ts] = map[string]time.Time{}
		}
		out[ts][user] = fromMS(at)
	}
	return out, rows.Err()
}

// RecordQuestion records a question already settled by the caller (its
// first answer and resolution, as SettleQuestion would find them): once,
// and without undoing what is recorded (an earlier answer, a resolution).
func (t *Tx) RecordQuestion(ctx context.Context, q Question) error {
	if _, err := t.exec(ctx, qAddQuestion, q.ChannelID, q.TS, q.Asker, ms(q.AskedAt), q.Why); err != nil {
		return fmt.Errorf("record question: %w", err)
	}
	if !q.FirstAnswerAt.IsZero() {
		if err := t.AnswerQuestion(ctx, q.ChannelID, q.TS, q.FirstAnswerer, q.FirstAnswerAt); err != nil {
			return err
		}
	}
	if q.Resolution != "" {
		return t.ResolveQuestion(ctx, q.ChannelID, q.TS, q.Asker, q.Resolution, q.ResolvedAt)
	}
	return nil
}
