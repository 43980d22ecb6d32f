package store

import (
	"context"
	"database/sql"
	"fmt"
)

// copyBackBatch is how many rows one of copyToSQLite's transactions writes.
const copyBackBatch = 10_000

// copyToSQLite writes every table a copy carries (copyTables) of this
// PostgreSQL store into a new SQLite store at path, as they stand in one
// snapshot, and rebuilds its full-text index from the messages: the copy
// CopyBefore cuts (praxis eval experts, nudges --dry-run --as-of), which
// reads a SQLite store. Rows are streamed, a batch per transaction.
func (s *Store) copyToSQLite(ctx context.Context, path string) (*Store, error) {
	past, err := Open(ctx, path, Options{})
	if err != nil {
		return nil, err
	}
	src, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // one snapshot (see pgConn.BeginTx)
	if err != nil {
		past.Close()
		return nil, fmt.Errorf("copy database: %w", err)
	}
	defer src.Rollback()
	for _, t := range copyTables {
		if err := copyTableBack(ctx, src, past, t); err != nil {
			past.Close()
			return nil, err
		}
	}
	err = past.inTx(ctx, func(tx *sql.Tx) error { return indexMessages(ctx, tx, 0) })
	if err != nil {
		past.Close()
		return nil, err
	}
	return past, nil
}

// copyTableBack copies one table's rows from src into dst.
func copyTableBack(ctx context.Context, src *sql.Tx, dst *Store, t copyTable) error {
	n := len(t.columnNames())
	rows, err := src.QueryContext(ctx, string(`SELECT `+t.cols()+` FROM `+t.name+` ORDER BY `+t.key))
	if err != nil {
		return fmt.Errorf("copy %s: %w", t.name, err)
	}
	defer rows.Close()
	insert := `INSERT INTO ` + t.name + `(` + t.cols() + `) VALUES (` + inList(n) + `)`
	vals, ptrs := make([]any, n), make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for more := true; more; {
		err := dst.inTx(ctx, func(tx *sql.Tx) error {
			stmt, err := tx.PrepareContext(ctx, string(insert))
			if err != nil {
				return err
			}
			defer stmt.Close()
			for i := 0; i < copyBackBatch; i++ {
				if more = rows.Next(); !more {
					return rows.Err()
				}
				if err := rows.Scan(ptrs...); err != nil {
					return err
				}
				if _, err := stmt.ExecContext(ctx, vals...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("copy %s: %w", t.name, err)
		}
	}
	return nil
}

// inTx runs fn in a write transaction of s's writer, and commits.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
