package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// The database file itself: who may read it, and how it gives space
// back (see scrub.go for why both matter to erasure).

// incrementalVacuum turns a database created before erasure reached the
// bytes to auto_vacuum=INCREMENTAL (a new one is created so: see dsn),
// which takes one full VACUUM; the file's header then says so. The VACUUM
// also rewrites every page, leaving behind what earlier deletions left in
// free space.
func (s *Store) incrementalVacuum(ctx context.Context) error {
	var mode int
	if err := s.w.QueryRowContext(ctx, `PRAGMA auto_vacuum`).Scan(&mode); err != nil {
		return fmt.Errorf("auto vacuum: %w", err)
	}
	if mode == 2 {
		return nil
	}
	for _, q := range []sqlText{`PRAGMA auto_vacuum = INCREMENTAL`, `VACUUM`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := s.w.ExecContext(ctx, string(q)); err != nil {
			return fmt.Errorf("rewrite the database once for incremental vacuum (%s; "+
				"if another process holds it, stop it and start again): %w", q, err)
		}
	}
	return nil
}

// ownerOnly creates the database file readable and writable by its owner
// only, and takes group and others' access away from an existing one and
// its log and shared memory: it holds members' words. SQLite creates the
// log and shared memory with the database file's permissions.
func ownerOnly(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("open %s: %w", path, err)
		}
		if perm := fi.Mode().Perm(); perm&0o077 != 0 {
			if err := os.Chmod(p, perm&0o700); err != nil {
				return fmt.Errorf("open %s: make it its owner's only: %w", path, err)
			}
		}
	}
	return nil
}
