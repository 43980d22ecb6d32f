package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backups of the SQLite store, taken while `praxis run` goes on writing.
//
// VACUUM INTO reads the database in one read transaction, a snapshot that
// sees every committed write (the log's included) and none after it, and
// writes it to a new file, compacted: the pages that deletions freed are
// not copied, so words erased before the backup are not in it (words
// erased after it are: backups are to be rotated, see README). Writers are
// not blocked meanwhile; the log only grows until the copy ends, since a
// checkpoint cannot pass a reader.

// BackupResult describes a backup written and checked.
type BackupResult struct {
	Bytes    int64 // the backup file's size
	Schema   int   // its schema version
	Events   int64 // events received (the inbox), processed or not
	Messages int64
}

// Backup writes a consistent copy of the Praxis database at src to dst,
// which must not exist, and checks it: it is written to a temporary file
// beside dst (its owner's only), checked (SQLite's quick_check, the schema
// version), synced, then renamed into place, so that dst is either a whole
// checked backup or absent. src may be in use by another process.
func Backup(ctx context.Context, src, dst string) (BackupResult, error) {
	if _, err := os.Stat(src); err != nil {
		return BackupResult{}, fmt.Errorf("backup: no database at %s: %w", src, err)
	}
	if _, err := os.Lstat(dst); err == nil {
		return BackupResult{}, fmt.Errorf("backup: %s already exists: give a new file name "+
			"(a backup never overwrites a file)", dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return BackupResult{}, fmt.Errorf("backup: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*")
	if err != nil {
		return BackupResult{}, fmt.Errorf("backup: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	if err := vacuumInto(ctx, src, tmp.Name()); err != nil {
		return BackupResult{}, err
	}
	res, err := checkBackup(ctx, tmp.Name())
	if err != nil {
		return BackupResult{}, err
	}
	if err := syncFile(tmp.Name()); err != nil {
		return BackupResult{}, fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return BackupResult{}, fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(filepath.Dir(dst)); err != nil {
		return BackupResult{}, fmt.Errorf("backup: %w", err)
	}
	return res, nil
}

// vacuumInto copies src into the empty file dst in one read transaction.
func vacuumInto(ctx context.Context, src, dst string) error {
	db, err := sql.Open("sqlite", dsn(src, false))
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", src, err)
	}
	defer db.Close()
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil || v.Int64 == 0 {
		return fmt.Errorf("backup: %s is not a Praxis database (no schema version)", src)
	}
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("backup: copy %s: %w", src, err)
	}
	return nil
}

// checkBackup opens a backup read-only and checks that SQLite finds it
// whole and that it holds a Praxis schema; it counts what it holds.
func checkBackup(ctx context.Context, path string) (BackupResult, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return BackupResult{}, fmt.Errorf("backup: check: %w", err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&ok); err != nil || ok != "ok" {
		return BackupResult{}, fmt.Errorf("backup: the copy failed its check (%s, %v)", ok, err)
	}
	var res BackupResult
	err = db.QueryRowContext(ctx, `SELECT (SELECT max(version) FROM schema_migrations),
		(SELECT count(*) FROM inbox), (SELECT count(*) FROM messages)`).Scan(&res.Schema, &res.Events, &res.Messages)
	if err != nil {
		return BackupResult{}, fmt.Errorf("backup: check: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return BackupResult{}, fmt.Errorf("backup: check: %w", err)
	}
	res.Bytes = fi.Size()
	return res, nil
}

// syncFile flushes a file or a directory (a rename's entry) to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
