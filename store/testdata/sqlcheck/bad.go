package sqlcheck

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"unsafe"
)

const cols = "a, b"

type S struct {
	db    *sql.DB
	query string
	sql   sqlText
}

func Lookup(ctx context.Context, db *sql.DB, name string) {
	db.QueryContext(ctx, "SELECT * FROM t WHERE x = '"+name+"'") // want: SQL not a constant nor string(sqlText)
}

func Exec(ctx context.Context, db *sql.DB, q string) {
	db.ExecContext(ctx, q) // want: SQL not a constant nor string(sqlText): q
}

func (s *S) field(ctx context.Context) {
	s.db.ExecContext(ctx, s.query)                                  // want: SQL not a constant
	s.db.ExecContext(ctx, fmt.Sprintf("SELECT %s FROM t", s.query)) // want: SQL not a constant
	s.db.ExecContext(ctx, fmt.Sprintf("SELECT %s FROM t", cols))    // want: SQL not a constant
	s.db.ExecContext(ctx, string(s.sql))
	s.db.QueryRowContext(ctx, string(s.query)) // want: SQL not a constant
}

func run(ctx context.Context, db *sql.DB, q sqlText, args ...any) {
	db.ExecContext(ctx, string(q), args...)
}

func Run(ctx context.Context, db *sql.DB, q sqlText) { // want: exported Run takes or gives a sqlText
	run(ctx, db, q)
}

func Search(ctx context.Context, db *sql.DB, term string, ids []any) {
	run(ctx, db, "SELECT "+cols+" FROM t WHERE id IN ("+inList(len(ids))+")", ids...)
	q := sqlText("SELECT x FROM t WHERE y LIKE '%")
	q += sqlText(term)                                         // want: conversion of term to
	run(ctx, db, sqlText(fmt.Sprintf("SELECT %d", len(term)))) // want: conversion of fmt.Sprintf
	var where sqlText = "WHERE a = ?"
	if term != "" {
		where = "WHERE b = ?"
	}
	run(ctx, db, "SELECT 1 FROM t "+where, term)
	db.ExecContext(ctx, string("SELECT 1 FROM t "+where), term)
	db.ExecContext(ctx, "SELECT "+cols)
	f := db.ExecContext // want: used as a value
	f(ctx, term)
	g := (*sql.Tx).QueryContext // want: used as a value
	_ = g
	var e execFunc = func(context.Context, sqlText, ...any) (sql.Result, error) { return nil, nil }
	e.ExecContext(ctx, term) // want: SQL not a constant
	e.ExecContext(ctx, string(where))
	p := (*sqlText)(&term)                   // want: conversion of &term
	p = (*sqlText)(unsafe.Pointer(&term))    // want: conversion of unsafe.Pointer(&term)
	_ = json.Unmarshal([]byte(term), &q)     // want: pointer to q
	_ = json.Unmarshal([]byte(term), &S{})   // want: pointer to S{}
	_ = json.Unmarshal([]byte(term), &[]S{}) // want: pointer to []S{}
	_ = p
}

func conv[T ~string](s string) T { return T(s) } // want: conversion of s to T

// Table is a table of statements.
type Table struct {
	Name  string
	Query sqlText // want: exported Query
}

var Queries = map[string]sqlText{} // want: exported Queries
