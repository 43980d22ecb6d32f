package store

import (
	"context"
	"errors"
	"fmt"
)

// Bulk is a long run of big write transactions (an import) for which the
// writer gives up fsyncing at each checkpoint; see Store.Bulk.
type Bulk struct {
	s    *Store
	done bool
}

// Bulk sets the writer up for a bulk load. The caller writes in batches,
// calls Checkpoint between them, and must call End (deferred).
//
// During a bulk load the writer does not fsync (synchronous=OFF) and does
// not checkpoint on its own (wal_autocheckpoint=0): a transaction is only
// appended to the write-ahead log. Checkpoint copies the log into the
// database file with synchronous=NORMAL's care (fsync the log, copy, fsync
// the file). So the database file is only ever written from a log that is
// on disk, as in normal operation, and a crash cannot corrupt it:
//   - a process crash loses nothing committed: the log is in the OS's hands;
//   - a power loss may lose the log's tail, but each log frame carries a
//     checksum chained to the previous ones, so recovery keeps an unbroken
//     prefix of whole transactions and drops the rest.
//
// An import writes whole day files per transaction and adds nothing twice,
// so running it again after a crash puts back what was lost. What it
// saves: normal mode fsyncs at every automatic checkpoint (every ~40 MB of
// log); a bulk load, once per batch.
func (s *Store) Bulk(ctx context.Context) (*Bulk, error) {
	s.bulk.Store(true)
	qs := []sqlText{`PRAGMA wal_autocheckpoint = 0`, `PRAGMA synchronous = OFF`}
	if s.pg {
		qs = []sqlText{qBulkSyncOff}
	}
	for _, q := range qs {
		if _, err := s.w.ExecContext(ctx, string(q)); err != nil {
			b := &Bulk{s: s}
			return nil, errors.Join(fmt.Errorf("bulk: %w", err), b.End(ctx))
		}
	}
	return &Bulk{s: s}, nil
}

// Checkpoint copies the log into the database file, durably (see Bulk).
func (b *Bulk) Checkpoint(ctx context.Context) error {
	if b.done {
		return nil
	}
	if b.s.pg {
		return b.s.flushWAL(ctx)
	}
	b.s.ckptMu.Lock()
	defer b.s.ckptMu.Unlock()
	var errs []error
	for _, q := range []sqlText{
		`PRAGMA synchronous = NORMAL`,
		`PRAGMA wal_checkpoint(PASSIVE)`,
		`PRAGMA synchronous = OFF`,
	} {
		if _, err := b.s.w.ExecContext(ctx, string(q)); err != nil {
			errs = append(errs, err)
			break
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("bulk checkpoint: %w", err)
	}
	return nil
}

// End puts the writer back to normal and checkpoints what the load wrote
// (truncating the log). It is safe to call more than once.
func (b *Bulk) End(ctx context.Context) error {
	if b.done {
		return nil
	}
	b.done = true
	defer b.s.bulk.Store(false)
	ctx = context.WithoutCancel(ctx) // an interrupted import still leaves the writer as it found it
	b.s.ckptMu.Lock()
	defer b.s.ckptMu.Unlock()
	var errs []error
	qs := []sqlText{`PRAGMA synchronous = NORMAL`, `PRAGMA wal_autocheckpoint = ` + walAutocheckpoint,
		`PRAGMA wal_checkpoint(TRUNCATE)`}
	if b.s.pg {
		qs = []sqlText{qBulkSyncReset}
	}
	for _, q := range qs {
		if _, err := b.s.w.ExecContext(ctx, string(q)); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("end bulk: %w", err)
	}
	return nil
}
