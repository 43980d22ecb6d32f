package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
)

// tablePlan is what Copy knows of a table before it writes: how its
// columns are stored on PostgreSQL, how many rows each side holds, and
// where to go on from.
type tablePlan struct {
	table int    // in copyTables (a pointer may not reach a sqlText: TestSQLIsBuiltFromConstants)
	bytea []bool // by column: BYTEA on PostgreSQL (else BIGINT or TEXT)
	ident bool   // id is an identity column on PostgreSQL
	total int64  // the source's rows
	have  int64  // the target's, before this run
	after []any  // the key of the target's last row; nil: from the first
	nuls  int64  // values copied without their NUL characters (see convert)
}

// planTable checks that both databases have t's columns, counts its rows,
// and, when the target holds some, that they are the source's first (see
// Copy): else the copy is refused.
func planTable(ctx context.Context, src rowQuerier, dst *Store, table int) (*tablePlan, error) {
	p := &tablePlan{table: table}
	t := p.t()
	if err := p.describe(ctx, src, dst); err != nil {
		return nil, err
	}
	var err error
	if p.total, err = countRows(ctx, src, t.name); err != nil {
		return nil, err
	}
	if p.have, err = countRows(ctx, dst.r, t.name); err != nil {
		return nil, err
	}
	return p, p.resume(ctx, src, dst)
}

// t is the table planned.
func (p *tablePlan) t() copyTable { return copyTables[p.table] }

// describe checks the table's columns on both sides against copyTables,
// and notes how PostgreSQL stores each.
func (p *tablePlan) describe(ctx context.Context, src rowQuerier, dst *Store) error {
	want := p.t().columnNames()
	var have []string
	rows, err := src.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, string(p.t().name))
	if err != nil {
		return fmt.Errorf("copy %s: %w", p.t().name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("copy %s: %w", p.t().name, err)
		}
		have = append(have, name)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("copy %s: %w", p.t().name, err)
	}
	if !sameColumns(have, want) {
		return fmt.Errorf("%w: the source's table %s has columns %v, this praxis copies %v",
			ErrCopyRefused, p.t().name, have, want)
	}
	types, ident, err := pgColumns(ctx, dst, p.t().name)
	if err != nil {
		return err
	}
	if !sameColumns(keys(types), want) {
		return fmt.Errorf("%w: the target's table %s has columns %v, this praxis copies %v",
			ErrCopyRefused, p.t().name, keys(types), want)
	}
	for _, c := range want {
		if ty := types[c]; ty != "bigint" && ty != "text" && ty != "bytea" {
			return fmt.Errorf("%w: the target's column %s.%s is %s", ErrCopyRefused, p.t().name, c, ty)
		}
		p.bytea = append(p.bytea, types[c] == "bytea")
	}
	p.ident = ident
	return nil
}

// pgColumns are the types of a PostgreSQL table's columns, and whether its
// id is an identity.
func pgColumns(ctx context.Context, dst *Store, table sqlText) (map[string]string, bool, error) {
	rows, err := dst.r.QueryContext(ctx, `SELECT column_name, data_type, is_identity FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = ?`, string(table))
	if err != nil {
		return nil, false, fmt.Errorf("copy %s: %w", table, err)
	}
	defer rows.Close()
	types, ident := map[string]string{}, false
	for rows.Next() {
		var name, ty, isIdent string
		if err := rows.Scan(&name, &ty, &isIdent); err != nil {
			return nil, false, fmt.Errorf("copy %s: %w", table, err)
		}
		types[name] = ty
		ident = ident || (name == "id" && isIdent == "YES")
	}
	return types, ident, rows.Err()
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// sameColumns reports whether a and b name the same columns.
func sameColumns(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// countRows counts a table's rows.
func countRows(ctx context.Context, q rowQuerier, table sqlText) (int64, error) {
	var n int64
	if err := q.QueryRowContext(ctx, string(`SELECT count(*) FROM `+table)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", table, err)
	}
	return n, nil
}

// resume checks that the target's rows are the source's first, as an
// interrupted copy leaves them: as many, and the last the same (every
// batch commits the next rows in key order). It notes the key to go on
// after. It cannot tell a target whose earlier rows alone differ; the
// count check at the end catches rows of the target's own among the
// source's next.
func (p *tablePlan) resume(ctx context.Context, src rowQuerier, dst *Store) error {
	if p.have == 0 {
		return nil
	}
	refuse := func(why string) error {
		return fmt.Errorf("%w: the target's table %s holds %d rows, %s: the target must be an empty database, "+
			"or one this copy from this same source was interrupted in; drop it and create it again, or give another",
			ErrCopyRefused, p.t().name, p.have, why)
	}
	if p.have > p.total {
		return refuse(fmt.Sprintf("the source %d", p.total))
	}
	k := p.t().keyLen()
	key := make([]any, k)
	q := `SELECT ` + p.t().key + ` FROM ` + p.t().name + ` ORDER BY ` + p.t().key + ` LIMIT 1 OFFSET ?`
	if err := src.QueryRowContext(ctx, string(q), p.have-1).Scan(pointers(key)...); err != nil {
		return fmt.Errorf("copy %s: %w", p.t().name, err)
	}
	mine, err := rowByKey(ctx, src, p.t(), key)
	if err != nil {
		return err
	}
	theirs, err := rowByKey(ctx, dst.r, p.t(), key)
	if errors.Is(err, ErrNotFound) || (err == nil && !p.sameRow(mine, theirs)) {
		return refuse("which are not the source's first")
	}
	if err != nil {
		return err
	}
	p.after = key
	return nil
}

// rowByKey reads the row of t whose primary key is key.
func rowByKey(ctx context.Context, q rowQuerier, t copyTable, key []any) ([]any, error) {
	row := make([]any, len(t.columnNames()))
	sel := `SELECT ` + t.cols() + ` FROM ` + t.name + ` WHERE (` + t.key + `) = (` + inList(len(key)) + `)`
	err := q.QueryRowContext(ctx, string(sel), key...).Scan(pointers(row)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("copy %s: %w", t.name, err)
	}
	return row, nil
}

// pointers are pointers to each of vals, for Scan.
func pointers(vals []any) []any {
	out := make([]any, len(vals))
	for i := range vals {
		out[i] = &vals[i]
	}
	return out
}

// sameRow compares a source row with the target's, the source's as
// convert writes it.
func (p *tablePlan) sameRow(src, dst []any) bool {
	src = slices.Clone(src)
	p.convert(src)
	return reflect.DeepEqual(src, dst)
}

// FileSchemaVersion reads the schema version of the SQLite database at
// path, read-only: opening it as a store would migrate it.
func FileSchemaVersion(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("database %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, fmt.Errorf("database %s: %w", path, err)
	}
	defer db.Close()
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil || !v.Valid {
		return 0, fmt.Errorf("database %s: not a Praxis database (no schema version): %v", path, err)
	}
	return int(v.Int64), nil
}
