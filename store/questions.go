package store

import (
	"context"
	"database/sql"
	"fmt"
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
	_, err := t.exec(ctx, `UPDATE questions SET routed_at = ?
		WHERE channel_id = ? AND ts = ? AND routed_at IS NULL`, ms(at), channel, ts)
	if err != nil {
		return fmt.Errorf("route question: %w", err)
	}
	return nil
}

// MarkEscalated records that facilitators were told about a question.
func (t *Tx) MarkEscalated(ctx context.Context, channel, ts string, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE questions SET escalated_at = ?
		WHERE channel_id = ? AND ts = ? AND escalated_at IS NULL`, ms(at), channel, ts)
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
	row := s.r.QueryRowContext(ctx, `SELECT `+questionCols+` FROM questions WHERE channel_id = ? AND ts = ?`, channel, ts)
	q, err := scanQuestion(row)
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
	args := append([]any{channel}, strArgs(acceptNames)...)
	rows, err := s.r.QueryContext(ctx, string(`SELECT message_ts, user_id, min(added_at) FROM reactions
		WHERE channel_id = ? AND name IN (`+inList(len(acceptNames))+`) GROUP BY message_ts, user_id`), args...)
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
