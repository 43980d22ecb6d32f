package store

import (
	"context"
	"database/sql"
	"io/fs"
	"strings"
)

// sqlText is SQL that the store may hand to database/sql. It makes SQL
// injection a type error: values travel only as arguments bound to
// placeholders, and SQL is built from constants, which convert to sqlText
// by themselves, while a string variable does not. What SQL is built at run
// time (IN lists, statements chosen from tables, column names) is made of
// sqlText pieces joined with +, or by the few functions of this file, which
// alone convert a computed string to sqlText, each from sqlText or fixed
// pieces. TestSQLIsBuiltFromConstants checks what the compiler cannot: no
// other conversion, no pointer to a sqlText to write through, and every SQL
// argument of a database/sql-like method a constant or string(sqlText).
type sqlText string

// inList is n placeholders separated by commas ("?, ?, ?"), for IN (…).
func inList(n int) sqlText { return repeatSQL("?", n) }

// repeatSQL is n copies of item separated by commas: the placeholders of an
// IN list, or the rows of a VALUES list.
func repeatSQL(item sqlText, n int) sqlText {
	return sqlText(strings.TrimSuffix(strings.Repeat(string(item)+", ", n), ", "))
}

// replaceOnce replaces the first old in q with repl.
func (q sqlText) replaceOnce(old, repl sqlText) sqlText {
	return sqlText(strings.Replace(string(q), string(old), string(repl), 1))
}

// migration is the SQL of an embedded migration, fixed when the binary is
// built.
func migration(files fs.FS, name string) (sqlText, error) {
	body, err := fs.ReadFile(files, name)
	return sqlText(body), err
}

// execFunc adapts a function to execer. Its ExecContext is checked like
// database/sql's: its callers pass a constant or string(sqlText).
type execFunc func(ctx context.Context, q sqlText, args ...any) (sql.Result, error)

// ExecContext calls f.
func (f execFunc) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return f(ctx, sqlText(q), args...)
}

// pgForm is the text of f, a statement the store handed to database/sql
// (so checked like any) as PostgreSQL reads it (see pgdriver.go): its
// constant PostgreSQL form if it has one, its placeholders numbered.
func pgForm(f pgStatement) sqlText { return sqlText(f.text) }
