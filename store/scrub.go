package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Erasure down to the bytes. Blanking or deleting a row takes it out of
// every query, not out of the file: SQLite leaves the old bytes in the
// page's free space and on free pages, the write-ahead log keeps pages as
// they were, and the full-text index (contentless_delete=1) only masks a
// deleted row's terms with a tombstone until its segment is merged. So:
//   - secure_delete, in the DSN of every connection, zeroes what a DELETE
//     or an UPDATE frees (cells, overflow and free pages);
//   - an erasure records, in its own transaction, that a scrub is due
//     (table scrub_due), so that a crash cannot lose it: a member forgotten
//     (Tx.Forget) and retention (EraseBefore) erase indexed words; an event
//     whose raw payload is emptied once processed (a forgotten or paused
//     member's, see processOne) only left it in the log;
//   - Scrub then merges the index's segments into one, which drops the
//     masked terms; gives the free pages back to the file system
//     (auto_vacuum=INCREMENTAL); and copies the log into the file and
//     truncates it. Forgetting and processing ask the store's background
//     scrubber to run at once; retention scrubs before it returns.
//
// Each step is a short transaction of its own: the live data path waits
// for one step at most, never for a whole scrub.

const (
	// scrubMergePages is how many pages of the full-text index one merge
	// step writes (FTS5 pages hold about 4 KB).
	scrubMergePages = 256
	// qVacuumStep gives back up to 4096 free pages (16 MB) in one step.
	qVacuumStep = `PRAGMA incremental_vacuum(4096)`
	// checkpointWait is how long (ms) the final checkpoint waits for
	// readers to leave the log; the data path's writes wait meanwhile.
	// When they do not leave, the scrub stays due and is tried again.
	checkpointWait = "1000"
	// busyTimeout is every connection's busy timeout, in ms (see dsn).
	busyTimeout = "10000"
	// scrubRetry is how long the background scrubber waits before trying
	// again when the log was in use.
	scrubRetry = 30 * time.Second
)

// ErrLogInUse is returned by Scrub when the write-ahead log could not be
// emptied because a reader (another process) kept using it; the scrub
// stays due.
var ErrLogInUse = errors.New("scrub: the write-ahead log is in use by a reader")

// Scrubbed says what a Scrub did and what it cost.
type Scrubbed struct {
	Due         bool          // an erasure was waiting (false: nothing was done)
	MergeSteps  int           // full-text index merge transactions
	Merge       time.Duration // all of them
	PagesFreed  int           // free pages given back to the file system
	Vacuum      time.Duration
	Checkpoint  time.Duration // copying the log into the file and truncating it
	LongestStep time.Duration // the longest single step: what the data path waited at most
}

// Took is the whole scrub's duration.
func (sc Scrubbed) Took() time.Duration { return sc.Merge + sc.Vacuum + sc.Checkpoint }

func (sc *Scrubbed) step(start time.Time) time.Duration {
	d := time.Since(start)
	sc.LongestStep = max(sc.LongestStep, d)
	return d
}

// scrubDue records that an erasure is to be scrubbed (see Scrub);
// fullText: it erased indexed words.
func (t *Tx) scrubDue(ctx context.Context, fullText bool) error {
	_, err := t.exec(ctx, qScrubDue, fullText, ms(t.now))
	if err != nil {
		return fmt.Errorf("scrub due: %w", err)
	}
	return nil
}

const qScrubDue = `INSERT INTO scrub_due(id, generation, full_text, since) VALUES (1, 1, ?1, ?2)
	ON CONFLICT(id) DO UPDATE SET generation = scrub_due.generation + 1,
		full_text = max(scrub_due.full_text, excluded.full_text)`

// Scrub takes what erasures left out of the file, when one is due (see the
// comment at the top): the full-text index is merged, free pages are given
// back, and the log is copied into the file and truncated. Erasures
// committed meanwhile are scrubbed in the same call. Safe to call at any
// time and from several goroutines: one scrub runs at a time, and a scrub
// with nothing due only reads.
func (s *Store) Scrub(ctx context.Context) (Scrubbed, error) {
	s.scrubMu.Lock()
	defer s.scrubMu.Unlock()
	var sc Scrubbed
	for {
		var gen int64
		var fullText bool
		err := s.w.QueryRowContext(ctx, `SELECT generation, full_text FROM scrub_due WHERE id = 1`).Scan(&gen, &fullText)
		if errors.Is(err, sql.ErrNoRows) {
			return sc, nil
		}
		if err != nil {
			return sc, fmt.Errorf("scrub: %w", err)
		}
		sc.Due = true
		if s.pg {
			if err := s.vacuumErased(ctx, &sc); err != nil {
				return sc, err
			}
		} else if fullText {
			if err := s.mergeFullText(ctx, &sc); err != nil {
				return sc, err
			}
			if err := s.vacuumFree(ctx, &sc); err != nil {
				return sc, err
			}
		}
		if !s.pg {
			if err := s.truncateLog(ctx, &sc); err != nil {
				return sc, err
			}
		}
		res, err := s.w.ExecContext(ctx, `DELETE FROM scrub_due WHERE id = 1 AND generation = ?`, gen)
		if err != nil {
			return sc, fmt.Errorf("scrub: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return sc, nil
		}
		// Something was erased while this scrub ran: again.
	}
}

// mergeFullText merges every segment of the full-text index into one, in
// steps: the first 'merge' with a negative page count starts a merge of
// all segments (a lone segment with tombstones included), the next ones
// carry it on, until a step does nothing (FTS5 documents that it then
// changes fewer than two rows). The terms of deleted rows are dropped on
// the way.
func (s *Store) mergeFullText(ctx context.Context, sc *Scrubbed) error {
	var pages int
	if err := s.w.QueryRowContext(ctx, `SELECT count(*) FROM messages_fts_data`).Scan(&pages); err != nil {
		return fmt.Errorf("scrub full text: %w", err)
	}
	// New segments written by the live data path meanwhile may join the
	// merge; the bound only stops a runaway.
	limit := 2*pages/scrubMergePages + 16
	n := -scrubMergePages
	for range limit {
		start := time.Now()
		changed, err := s.mergeStep(ctx, n)
		sc.Merge += sc.step(start)
		sc.MergeSteps++
		if err != nil {
			return err
		}
		if changed < 2 {
			return nil
		}
		n = scrubMergePages
	}
	return fmt.Errorf("scrub full text: the merge did not end after %d steps", limit)
}

// mergeStep runs one 'merge' command in a transaction and returns how many
// rows it changed.
func (s *Store) mergeStep(ctx context.Context, pages int) (int64, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("scrub full text: %w", err)
	}
	defer tx.Rollback()
	var before, after int64
	if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
		return 0, fmt.Errorf("scrub full text: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO messages_fts(messages_fts, rank) VALUES ('merge', ?)`, pages)
	if err != nil {
		return 0, fmt.Errorf("scrub full text: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
		return 0, fmt.Errorf("scrub full text: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("scrub full text: %w", err)
	}
	return after - before, nil
}

// vacuumFree gives the free pages back to the file system, a step at a
// time (secure_delete has zeroed them already: this shrinks the file).
func (s *Store) vacuumFree(ctx context.Context, sc *Scrubbed) error {
	free, err := s.freePages(ctx)
	if err != nil {
		return err
	}
	first := free
	for free > 0 {
		start := time.Now()
		_, err := s.w.ExecContext(ctx, qVacuumStep)
		sc.Vacuum += sc.step(start)
		if err != nil {
			return fmt.Errorf("scrub vacuum: %w", err)
		}
		left, err := s.freePages(ctx)
		if err != nil {
			return err
		}
		if left >= free {
			break // not an incremental database: nothing is given back
		}
		free = left
	}
	sc.PagesFreed += first - free
	return nil
}

func (s *Store) freePages(ctx context.Context) (int, error) {
	var n int
	if err := s.w.QueryRowContext(ctx, `PRAGMA freelist_count`).Scan(&n); err != nil {
		return 0, fmt.Errorf("scrub vacuum: %w", err)
	}
	return n, nil
}

// truncateLog copies the log into the file and truncates it, waiting at
// most checkpointWaitMS for readers to leave it.
func (s *Store) truncateLog(ctx context.Context, sc *Scrubbed) error {
	start := time.Now()
	defer func() { sc.Checkpoint += sc.step(start) }()
	s.ckptMu.Lock() // before the writer's connection, as Bulk.End takes them
	defer s.ckptMu.Unlock()
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("scrub log: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = `+checkpointWait); err != nil {
		return fmt.Errorf("scrub log: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA busy_timeout = `+busyTimeout)
	var busy, frames, copied int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &copied); err != nil {
		return fmt.Errorf("scrub log: %w", err)
	}
	if busy != 0 {
		return ErrLogInUse
	}
	return nil
}

// startScrubber starts the background scrubber (see scrubLoop).
func (s *Store) startScrubber(ctx context.Context) {
	sctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.scrubKick, s.scrubStop, s.scrubDone = make(chan struct{}, 1), stop, make(chan struct{})
	go s.scrubLoop(sctx)
}

// scrubSoon asks the background scrubber to run (see scrubLoop).
func (s *Store) scrubSoon() {
	select {
	case s.scrubKick <- struct{}{}:
	default:
	}
}

// scrubLoop scrubs after each erasure of the live data path, in the
// background, until Close. When the log was in use it tries again after
// scrubRetry; a scrub that fails otherwise stays due, and the hourly
// retention job (EraseBefore) scrubs again and says why.
func (s *Store) scrubLoop(ctx context.Context) {
	defer close(s.scrubDone)
	var retry <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.scrubKick:
		case <-retry:
		}
		retry = nil
		if _, err := s.Scrub(ctx); errors.Is(err, ErrLogInUse) {
			retry = time.After(scrubRetry)
		}
	}
}
