package store

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"praxis/store/terms"
)

// The full-text index (messages_fts) holds, for each live message with
// words worth indexing, the terms package store/terms computes from its
// text; the row's rowid is the message's id. It is contentless: it cannot
// give the text back, only find rows, and Search joins messages for the rest.

// afterMigration runs Go code right after a migration, in its transaction:
// the index that 0004 rebuilt empty is filled from the messages, so that a
// crash leaves either the old schema or the new one complete.
var afterMigration = map[int]func(context.Context, *sql.Tx) error{
	4: func(ctx context.Context, tx *sql.Tx) error { return indexMessages(ctx, tx, 0) },
}

// ftsOp is a change to the full-text index, applied at commit (see Tx.fts).
type ftsOp struct {
	id    int64
	terms string // "" removes the row
	fresh bool   // the message is new: no row to replace
}

func (t *Tx) applyFTS(ctx context.Context) error {
	for ops := t.fts; len(ops) > 0; {
		op, n := ops[0], 1
		var err error
		switch {
		case t.s.pg && op.fresh && op.terms != "":
			n = freshRun(ops)
			err = t.insertFTS(ctx, ops[:n])
		case op.terms == "":
			_, err = t.exec(ctx, qFTSDelete, op.id)
		case op.fresh:
			_, err = t.exec(ctx, qFTSInsert, op.id, op.terms)
		default:
			_, err = t.exec(ctx, qFTSReplace, op.id, op.terms)
		}
		if err != nil {
			return fmt.Errorf("full-text index: %w", err)
		}
		ops = ops[n:]
	}
	return nil
}

// freshRun is how many of ops, from the first, index new messages.
func freshRun(ops []ftsOp) int {
	n := 0
	for n < len(ops) && ops[n].fresh && ops[n].terms != "" {
		n++
	}
	return n
}

// qFTSInsertMany indexes new messages in one statement, on PostgreSQL: a
// round trip to the server for the transaction's new messages rather than
// for each, and one update of the index's totals (migrations_pg/0021).
// SQLite's FTS5 is called in the process: a statement per row costs it
// nothing.
const qFTSInsertMany = `INSERT INTO messages_fts(id, terms, tokens)
	SELECT id, to_tsvector('simple', t), array_length(string_to_array(t, ' '), 1)
	FROM unnest(CAST(? AS BIGINT[]), CAST(? AS TEXT[])) AS u(id, t)`

// insertFTS indexes new messages on PostgreSQL (see qFTSInsertMany).
func (t *Tx) insertFTS(ctx context.Context, ops []ftsOp) error {
	ids, texts := make([]int64, len(ops)), make([]string, len(ops))
	for i, op := range ops {
		ids[i], texts[i] = op.id, op.terms
	}
	_, err := t.tx.exec(ctx, qFTSInsertMany, ids, texts)
	return err
}

// indexChunk is how many messages indexMessages reads at a time.
const indexChunk = 4096

// indexMessages writes the terms of every live message whose id is above
// from, replacing what the index held for them. The text is stemmed on
// every core while the rows are written.
func indexMessages(ctx context.Context, tx *sql.Tx, from int64) error {
	ins, err := tx.PrepareContext(ctx, qFTSReplace)
	if err != nil {
		return fmt.Errorf("index messages: %w", err)
	}
	defer ins.Close()
	type row struct {
		id    int64
		text  string
		terms string
	}
	for {
		rows, err := tx.QueryContext(ctx, `SELECT id, text FROM messages WHERE id > ? AND deleted = 0 AND text <> ''
			ORDER BY id LIMIT ?`, from, indexChunk)
		if err != nil {
			return fmt.Errorf("index messages: %w", err)
		}
		var chunk []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.text); err != nil {
				rows.Close()
				return fmt.Errorf("index messages: %w", err)
			}
			chunk = append(chunk, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("index messages: %w", err)
		}
		if len(chunk) == 0 {
			return nil
		}
		parallel(len(chunk), func(i int) { chunk[i].terms = terms.Index(chunk[i].text) })
		for _, r := range chunk {
			if r.terms == "" {
				continue
			}
			if _, err := ins.ExecContext(ctx, r.id, r.terms); err != nil {
				return fmt.Errorf("index messages: %w", err)
			}
		}
		from = chunk[len(chunk)-1].id
	}
}

// parallel runs fn(0) … fn(n-1) on every core.
func parallel(n int, fn func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// qIndexedTerms lists the terms the index holds, by message, in order.
const qIndexedTerms = `SELECT doc, term FROM temp.messages_fts_terms ORDER BY doc, offset`

// CheckFullText compares the full-text index with the messages, row by
// row: every live message has exactly the terms of its text, and nothing
// else has a row. FTS5's own 'integrity-check' cannot do this for a
// contentless table (it has no text to compare with); fts5vocab can list
// what the index holds. It reads the whole index: for tests and diagnosis.
func (s *Store) CheckFullText(ctx context.Context) error {
	conn, err := s.r.Conn(ctx)
	if err != nil {
		return fmt.Errorf("check full text: %w", err)
	}
	defer conn.Close()
	if s.pg {
		if err := checkFTSTotals(ctx, s.r); err != nil {
			return err
		}
	} else { // PostgreSQL lists a tsvector's terms itself (pgStatements)
		if _, err := conn.ExecContext(ctx, `CREATE VIRTUAL TABLE IF NOT EXISTS temp.messages_fts_terms
			USING fts5vocab(main, messages_fts, instance)`); err != nil {
			return fmt.Errorf("check full text: %w", err)
		}
	}
	indexed := map[int64][]string{}
	rows, err := conn.QueryContext(ctx, qIndexedTerms)
	if err != nil {
		return fmt.Errorf("check full text: %w", err)
	}
	for rows.Next() {
		var id int64
		var term string
		if err := rows.Scan(&id, &term); err != nil {
			rows.Close()
			return fmt.Errorf("check full text: %w", err)
		}
		indexed[id] = append(indexed[id], term)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check full text: %w", err)
	}
	rows, err = conn.QueryContext(ctx, `SELECT id, text FROM messages WHERE deleted = 0 AND text <> ''`)
	if err != nil {
		return fmt.Errorf("check full text: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return fmt.Errorf("check full text: %w", err)
		}
		if want, got := terms.Index(text), strings.Join(indexed[id], " "); got != want {
			problems = append(problems, fmt.Sprintf("message %d: indexed %q, want %q", id, got, want))
		}
		delete(indexed, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check full text: %w", err)
	}
	for id, got := range indexed {
		problems = append(problems, fmt.Sprintf("row %d: indexed %q, but no such live message", id, strings.Join(got, " ")))
	}
	if len(problems) > 0 {
		if len(problems) > 5 {
			problems = append(problems[:5], fmt.Sprintf("and %d more", len(problems)-5))
		}
		return fmt.Errorf("check full text: %s", strings.Join(problems, "; "))
	}
	return nil
}
