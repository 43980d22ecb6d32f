package store

import (
	"context"
	"fmt"
	"time"
)

// retentionChunk is how many rows one retention transaction erases: the
// writer is shared with the live data path, which waits meanwhile.
const retentionChunk = 500

// Erased counts what EraseBefore erased.
type Erased struct {
	Messages int // messages whose text was erased (rows stay, for counts)
	Inbox    int // raw events emptied
	Outbox   int // sent messages emptied
	Queries  int // expert queries whose words were erased
	// Scrubbed is what taking the erased bytes out of the file cost (see
	// Store.Scrub), this run's erasures and any left due before.
	Scrubbed Scrubbed
}

// RetentionMark returns the retention mark: every message posted before it
// has no text (zero: none).
func (s *Store) RetentionMark(ctx context.Context) (time.Time, error) {
	var before int64
	err := s.r.QueryRowContext(ctx, `SELECT coalesce((SELECT text_before FROM retention WHERE id = 1), 0)`).Scan(&before)
	if err != nil {
		return time.Time{}, fmt.Errorf("retention mark: %w", err)
	}
	if before == 0 {
		return time.Time{}, nil
	}
	return fromMS(before), nil
}

// EraseBefore applies retention up to before: the text of every message
// posted before it is erased (and leaves the full-text index; the rows stay
// for counts), and so are the raw events Praxis received and the messages
// it sent before it, and the words of expert queries asked before it. It
// then becomes the retention mark, so that a message posted before it that
// arrives later (a re-import, a back-fill) is recorded without text. It
// works in short transactions and resumes where it stopped; running it
// again erases nothing twice. It ends with a Scrub, so that what it erased
// leaves the file too. A zero before clears the mark: texts already erased
// stay so. Its followers are told once, as it returns, of what its
// transactions erased (Changes.Erased), not after each.
func (s *Store) EraseBefore(ctx context.Context, before time.Time) (Erased, error) {
	var e Erased
	var changed Changes
	defer func() { s.committed(changed) }()
	if before.IsZero() {
		if err := s.Batch(ctx, func(tx *Tx) error { return tx.setRetention(ctx, `text_before`, 0) }); err != nil {
			return e, err
		}
		return s.scrubAfter(ctx, e)
	}
	cut := ms(before)
	for {
		n, c, err := s.eraseChunk(ctx, cut)
		e.Messages += n
		changed.add(c)
		if err != nil {
			return e, err
		}
		if n < retentionChunk {
			break
		}
	}
	for {
		n, more, err := s.emptyChunk(ctx, cut, `inbox_done`,
			`SELECT id, received_at, processed_at IS NOT NULL FROM inbox WHERE id > ? ORDER BY id LIMIT ?`,
			`UPDATE inbox SET payload = CAST('' AS BLOB) WHERE id > ? AND id <= ? AND length(payload) > 0`)
		e.Inbox += n
		if err != nil || !more {
			if err != nil {
				return e, err
			}
			break
		}
	}
	for {
		n, more, err := s.emptyChunk(ctx, cut, `outbox_done`,
			`SELECT id, created_at, status IN ('sent', 'dead') FROM outbox WHERE id > ? ORDER BY id LIMIT ?`,
			`UPDATE outbox SET payload = '{}' WHERE id > ? AND id <= ? AND payload <> '{}'`)
		e.Outbox += n
		if err != nil || !more {
			if err != nil {
				return e, err
			}
			break
		}
	}
	c, err := s.batch(ctx, func(tx *Tx) error {
		res, err := tx.tx.exec(ctx, `UPDATE expert_queries SET text = '' WHERE asked_at < ? AND text <> ''`, cut)
		if err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		n, _ := res.RowsAffected()
		e.Queries = int(n)
		if n > 0 {
			tx.changed.Erased = true
			return tx.scrubDue(ctx, false) // not indexed: only the log to empty
		}
		return nil
	})
	changed.add(c)
	if err != nil {
		return e, err
	}
	return s.scrubAfter(ctx, e)
}

// scrubAfter scrubs what retention erased, and any erasure left due.
func (s *Store) scrubAfter(ctx context.Context, e Erased) (Erased, error) {
	var err error
	e.Scrubbed, err = s.Scrub(ctx)
	return e, err
}

// eraseChunk erases the text of up to retentionChunk messages posted
// between the mark and cut, oldest first, and moves the mark past them.
// Every message posted before the mark has no text, so the mark only moves
// over messages erased.
func (s *Store) eraseChunk(ctx context.Context, cut int64) (int, Changes, error) {
	n := 0
	c, err := s.batch(ctx, func(tx *Tx) error {
		var mark int64
		row := tx.tx.queryRow(ctx, `SELECT coalesce((SELECT text_before FROM retention WHERE id = 1), 0)`)
		if err := row.Scan(&mark); err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		if cut <= mark {
			return tx.setRetention(ctx, "text_before", cut) // a longer retention: the mark moves back
		}
		rows, err := tx.tx.query(ctx, `SELECT id, text <> '', posted_at FROM messages
			WHERE posted_at >= ? AND posted_at < ? AND erased = 0 ORDER BY posted_at LIMIT ?`, mark, cut, retentionChunk)
		if err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		var ids []int64
		last := cut
		for rows.Next() {
			var id, at int64
			var text bool
			if err := rows.Scan(&id, &text, &at); err != nil {
				rows.Close()
				return fmt.Errorf("retention: %w", err)
			}
			ids = append(ids, id)
			if text {
				tx.fts = append(tx.fts, ftsOp{id: id})
			}
			last = at
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		for _, id := range ids {
			if _, err := tx.tx.exec(ctx, `UPDATE messages SET text = '', erased = 1 WHERE id = ?`, id); err != nil {
				return fmt.Errorf("retention: %w", err)
			}
		}
		if len(ids) < retentionChunk {
			last = cut // all erased up to cut
		}
		// The labels of the links and files shared as long ago are words too.
		res, err := tx.tx.exec(ctx, `UPDATE resources SET title = ''
			WHERE shared_at >= ? AND shared_at < ? AND title <> ''`, mark, last)
		if err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		n = len(ids)
		if titles, _ := res.RowsAffected(); n > 0 || titles > 0 {
			tx.changed.Erased = true
			if err := tx.scrubDue(ctx, true); err != nil {
				return err
			}
		}
		return tx.setRetention(ctx, "text_before", last)
	})
	return n, c, err
}

// emptyChunk empties the payloads of up to retentionChunk inbox or outbox
// rows, in id order, created before cut and done with (an event processed,
// a message sent or dead); it stops at the first that is not, and records
// where it stopped in col. more: there may be more to do.
func (s *Store) emptyChunk(ctx context.Context, cut int64, col, scan, set sqlText) (n int, more bool, err error) {
	err = s.Batch(ctx, func(tx *Tx) error {
		var done int64
		row := tx.tx.queryRow(ctx, `SELECT coalesce((SELECT `+col+` FROM retention WHERE id = 1), 0)`)
		if err := row.Scan(&done); err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		rows, err := tx.tx.query(ctx, scan, done, retentionChunk)
		if err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		last, seen, stopped := done, 0, false
		for rows.Next() {
			var id, at int64
			var finished bool
			if err := rows.Scan(&id, &at, &finished); err != nil {
				rows.Close()
				return fmt.Errorf("retention: %w", err)
			}
			if at >= cut || !finished {
				stopped = true
				break
			}
			seen++
			last = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		more = !stopped && seen == retentionChunk
		if last == done {
			return nil
		}
		res, err := tx.tx.exec(ctx, set, done, last)
		if err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		k, _ := res.RowsAffected()
		n = int(k)
		if n > 0 {
			if err := tx.scrubDue(ctx, false); err != nil {
				return err
			}
		}
		return tx.setRetention(ctx, col, last)
	})
	return n, more, err
}

// setRetention writes one column of the retention row.
func (t *Tx) setRetention(ctx context.Context, col sqlText, v int64) error {
	t.priv = nil
	_, err := t.tx.exec(ctx, `INSERT INTO retention(id, `+col+`, updated_at) VALUES (1, ?, ?)
		ON CONFLICT(id) DO UPDATE SET `+col+` = excluded.`+col+`, updated_at = excluded.updated_at`, v, ms(t.now))
	if err != nil {
		return fmt.Errorf("retention: %w", err)
	}
	return nil
}
