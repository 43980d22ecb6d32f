package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/sync/errgroup"

	"praxis/store/terms"
)

// copyBatch is one transaction's rows, and the full-text index's rows for
// the messages among them.
type copyBatch struct {
	rows  [][]any
	ftsID []int64
	terms []string
}

// copyAll copies each table's rows after the plan's resume point, on the
// target's writer connection, as a bulk load (see Bulk), then makes what
// it committed durable.
func copyAll(ctx context.Context, src rowQuerier, dst *Store, plans []*tablePlan, opts CopyOptions) (err error) {
	b, err := dst.Bulk(ctx)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, b.End(ctx)) }()
	conn, err := dst.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		pc := dc.(*pgConn).c.Conn()
		for i, p := range plans {
			report := func(done int64) {
				if opts.Progress != nil {
					opts.Progress(CopyProgress{Table: string(p.t().name), Index: i + 1, Tables: len(plans),
						Done: done, Total: p.total})
				}
			}
			if err := p.copy(ctx, src, pc, opts.Batch, report); err != nil {
				return err
			}
		}
		if !slices.ContainsFunc(plans, func(p *tablePlan) bool { return p.have < p.total }) {
			return nil
		}
		// The planner's statistics, for the first queries on what was copied.
		if _, err := pc.Exec(ctx, `ANALYZE`); err != nil {
			return fmt.Errorf("copy: analyze: %w", err)
		}
		return nil
	})
	if cerr := conn.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("copy: %w", cerr)
	}
	if err != nil {
		return err
	}
	return b.Checkpoint(ctx)
}

// copy copies the table's rows after p.after: the source is read on one
// goroutine (with the messages' terms computed there) while the previous
// batch is written on the other. Then the table's identity, if it has one,
// is set past the copied ids.
func (p *tablePlan) copy(ctx context.Context, src rowQuerier, pc *pgx.Conn, size int, report func(int64)) error {
	report(p.have)
	if p.have < p.total {
		g, gctx := errgroup.WithContext(ctx)
		batches := make(chan copyBatch, 1)
		g.Go(func() error {
			defer close(batches)
			return p.read(gctx, src, size, batches)
		})
		g.Go(func() error {
			done := p.have
			for b := range batches {
				if err := p.write(gctx, pc, b); err != nil {
					return err
				}
				done += int64(len(b.rows))
				report(done)
			}
			return nil
		})
		if err := g.Wait(); err != nil {
			return err
		}
	}
	if !p.ident {
		return nil
	}
	q := `SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ` + p.t().name + `))`
	if _, err := pc.Exec(ctx, string(q), string(p.t().name)); err != nil {
		return fmt.Errorf("copy %s: identity: %w", p.t().name, err)
	}
	return nil
}

// read sends the source's rows after p.after, in key order, in batches.
func (p *tablePlan) read(ctx context.Context, src rowQuerier, size int, out chan<- copyBatch) error {
	q := `SELECT ` + p.t().cols() + ` FROM ` + p.t().name
	if p.after != nil {
		q += ` WHERE (` + p.t().key + `) > (` + inList(len(p.after)) + `)`
	}
	q += ` ORDER BY ` + p.t().key
	rows, err := src.QueryContext(ctx, string(q), p.after...)
	if err != nil {
		return fmt.Errorf("copy %s: %w", p.t().name, err)
	}
	defer rows.Close()
	n := len(p.bytea)
	var b copyBatch
	for rows.Next() {
		row := make([]any, n)
		if err := rows.Scan(pointers(row)...); err != nil {
			return fmt.Errorf("copy %s: %w", p.t().name, err)
		}
		p.nuls += p.convert(row)
		b.rows = append(b.rows, row)
		if len(b.rows) == size {
			if err := p.send(ctx, b, out); err != nil {
				return err
			}
			b = copyBatch{}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("copy %s: %w", p.t().name, err)
	}
	if len(b.rows) == 0 {
		return nil
	}
	return p.send(ctx, b, out)
}

// convert gives each value the Go type of its PostgreSQL column (SQLite
// may hold text in a column meant for bytes, or the reverse), and drops
// from text the NUL characters PostgreSQL's text cannot hold (SQLite's
// can: a Slack export may carry "\u0000"). It returns how many values
// held some.
func (p *tablePlan) convert(row []any) (nuls int64) {
	for i, v := range row {
		if b, ok := v.([]byte); ok && !p.bytea[i] {
			v = string(b)
		}
		switch v := v.(type) {
		case string:
			switch {
			case p.bytea[i]:
				row[i] = []byte(v)
			case strings.IndexByte(v, 0) >= 0:
				row[i] = strings.ReplaceAll(v, "\x00", "")
				nuls++
			default:
				row[i] = v
			}
		}
	}
	return nuls
}

// send hands a batch to the writer, with the terms of its messages.
func (p *tablePlan) send(ctx context.Context, b copyBatch, out chan<- copyBatch) error {
	if p.t().name == "messages" {
		indexBatch(&b, p.t().columnNames())
	}
	select {
	case out <- b:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// indexBatch computes the terms of the batch's live messages, on every
// core, as indexMessages does.
func indexBatch(b *copyBatch, cols []string) {
	id, text, deleted := slices.Index(cols, "id"), slices.Index(cols, "text"), slices.Index(cols, "deleted")
	found := make([]string, len(b.rows))
	parallel(len(b.rows), func(i int) {
		r := b.rows[i]
		if t, _ := r[text].(string); t != "" && r[deleted] == int64(0) {
			found[i] = terms.Index(t)
		}
	})
	for i, ts := range found {
		if ts != "" {
			b.ftsID = append(b.ftsID, b.rows[i][id].(int64))
			b.terms = append(b.terms, ts)
		}
	}
}

// qCopyFTS indexes a batch's messages in one statement, as a transaction's
// new messages are (qFTSInsertMany, as PostgreSQL reads it): bm25's totals
// are kept by a statement-level trigger (migration 0021), once per batch.
var qCopyFTS = string(pgForm(pgSQL(qFTSInsertMany)))

// write commits one batch, holding the store's write lock as every write
// transaction does (see pgConn.BeginTx).
func (p *tablePlan) write(ctx context.Context, pc *pgx.Conn, b copyBatch) error {
	tx, err := pc.Begin(ctx)
	if err != nil {
		return fmt.Errorf("copy %s: %w", p.t().name, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writeLockKey)); err != nil {
		return fmt.Errorf("copy %s: %w", p.t().name, err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{string(p.t().name)}, p.t().columnNames(),
		pgx.CopyFromRows(b.rows)); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" { // unique_violation
			return fmt.Errorf("%w: the target's table %s already holds a row the source has after the rows "+
				"copied (%v): rows were removed from it since, it is not an interrupted copy of this source; drop it "+
				"and create it again, or give another", ErrCopyRefused, p.t().name, pgErr.Detail)
		}
		return fmt.Errorf("copy %s, %d rows from key %v: %w", p.t().name, len(b.rows), b.rows[0][:p.t().keyLen()], err)
	}
	if len(b.ftsID) > 0 {
		if _, err := tx.Exec(ctx, qCopyFTS, b.ftsID, b.terms); err != nil {
			return fmt.Errorf("copy %s: full-text index: %w", p.t().name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("copy %s: %w", p.t().name, err)
	}
	return nil
}

// countCheck counts every table on both sides, and the full-text index:
// PostgreSQL's, rebuilt, holds a row for each message FTS5's does (it held
// indexed before this run).
func countCheck(ctx context.Context, src rowQuerier, dst *Store, plans []*tablePlan,
	indexed int64) (CopyResult, error) {
	var res CopyResult
	for _, p := range plans {
		c := CopyCount{Table: string(p.t().name)}
		var err error
		if c.Source, err = countRows(ctx, src, p.t().name); err != nil {
			return res, err
		}
		if c.Target, err = countRows(ctx, dst.r, p.t().name); err != nil {
			return res, err
		}
		c.Copied, c.NULs = c.Target-p.have, p.nuls
		res.Tables = append(res.Tables, c)
	}
	c := CopyCount{Table: ftsCount}
	var err error
	if c.Source, err = countRows(ctx, src, "messages_fts"); err != nil {
		return res, err
	}
	if c.Target, err = countRows(ctx, dst.r, "messages_fts"); err != nil {
		return res, err
	}
	c.Copied = c.Target - indexed
	res.Tables = append(res.Tables, c)
	if bad := res.Mismatches(); len(bad) > 0 {
		return res, fmt.Errorf("copy: %w: %d tables differ, the first %s (source %d rows, target %d)",
			ErrCopyCounts, len(bad), bad[0].Table, bad[0].Source, bad[0].Target)
	}
	return res, checkFTSTotals(ctx, dst.r)
}
