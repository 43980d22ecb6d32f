package store

import (
	"context"
	"database/sql"
	"time"
)

// Checkpoints off the write path. In WAL mode the connection whose commit
// takes the log past wal_autocheckpoint copies the log into the database
// file then and there, fsyncs included, while every write waits: under
// live traffic those stalls made the slowest acknowledgements (Slack's
// events wait for the writer to store them in the inbox). A connection of
// its own copies the log in the background a moment after writes, which
// SQLite lets run while the writer goes on; the writer's automatic
// checkpoint stays, finds little or nothing left to copy, and restarts the
// log, which keeps it from growing.
//
// SQLite lets one checkpoint run at a time and does not wait for another:
// a TRUNCATE (a scrub's, a bulk load's end) that met the background one
// would give up and leave the log, and the bytes in it, for later. So the
// explicit checkpoints of this process take turns on ckptMu.

// checkpointAfter is how long the background checkpointer lets writes
// gather before copying them: at most one checkpoint (two fsyncs) per
// interval.
const checkpointAfter = 100 * time.Millisecond

// startCheckpointer opens the checkpointer's connection and starts it.
func (s *Store) startCheckpointer(path string) error {
	c, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return err
	}
	c.SetMaxOpenConns(1)
	ctx, stop := context.WithCancel(context.Background())
	s.ckpt, s.ckptKick, s.ckptStop, s.ckptDone = c, make(chan struct{}, 1), stop, make(chan struct{})
	go s.checkpointLoop(ctx)
	return nil
}

// wrote tells the background checkpointer that a write was committed.
func (s *Store) wrote() {
	select {
	case s.ckptKick <- struct{}{}:
	default:
	}
}

func (s *Store) checkpointLoop(ctx context.Context) {
	defer close(s.ckptDone)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.ckptKick:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(checkpointAfter):
		}
		if s.bulk.Load() {
			continue // a bulk load checkpoints when it chooses (see Bulk)
		}
		s.checkpointBehind(ctx)
	}
}

// checkpointBehind is one pass of the background checkpointer. PASSIVE:
// it never waits for readers or the writer and copies what it can. A
// failure costs nothing: the writer's own checkpoint does the work then,
// as it did before.
func (s *Store) checkpointBehind(ctx context.Context) {
	s.ckptMu.Lock()
	defer s.ckptMu.Unlock()
	s.ckpt.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
}

// stopCheckpointer stops the checkpointer and closes its connection.
func (s *Store) stopCheckpointer() error {
	if s.ckpt == nil {
		return nil
	}
	s.ckptStop()
	<-s.ckptDone
	return s.ckpt.Close()
}
