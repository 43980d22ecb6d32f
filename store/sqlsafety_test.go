package store

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestSQLIsBuiltFromConstants proves, by reading the package's sources, that
// SQL injection is impossible by construction: every piece of SQL handed to
// database/sql (or to one of the package's own wrappers around it) is made
// of literals, constants and "?" placeholders, never of a value that came
// from outside. Values travel only as arguments bound to placeholders.
//
// The rules, applied to the SQL argument of each call (see sqlCheck.eval):
//   - a constant (a literal, a const, a sum of them: anything the compiler
//     folds) is safe;
//   - a + b is safe when a and b are;
//   - a local variable is safe when every assignment to it in its function
//     (=, :=, +=, var, range) is; its address is never taken;
//   - strings.Repeat of a constant made only of "?", ",", " ", "(" and
//     ")", and strings.TrimSuffix of safe strings are safe; any
//     other function of this package returning a string is safe when all its
//     return values are (inList is proven that way, not trusted);
//   - a parameter is safe when every caller passes a safe argument: a
//     function passing its parameter into SQL is a wrapper, and its call
//     sites are checked in turn (exec, queryRow, jobRunsTx, outRows, pairs…).
//     An exported wrapper fails: its callers outside the package cannot be
//     checked. A wrapper used as a value fails too, unless converted to a
//     type whose own SQL method is checked (execFunc(t.exec) is an execer).
//
// Five minimal extensions, each for a call site of today that the rules
// above could not prove although it is safe:
//   - fmt.Sprintf whose format and arguments are all safe (nudges.go fills
//     the constant notNudged with column names written as literals);
//   - strings.Replace, strings.ReplaceAll and slices.Concat of safe strings
//     or slices, like strings.TrimSuffix: their result is made of pieces of
//     their inputs (questions.go puts an inList in a constant query; Open
//     prepares the concatenation of two tables of constant queries);
//   - a package-level variable whose initializer is safe and which is never
//     assigned (whole or in part), incremented or has its address taken
//     anywhere in the package (hotQueries, the statements prepared at Open);
//   - a field of a struct variable (a value, not a pointer) when every
//     value that field gets is safe: the struct literals the variable is
//     assigned or ranged from, and any assignment to the field (the tables
//     of statements of privacy_data.go and retention.go);
//   - the bytes of a file read from a package-level embed.FS (the
//     migrations): they are fixed when the binary is built.
//
// Anything else (a parameter of an exported function, a receiver, a field
// reached through a pointer, a map or slice element, a call to another
// package) fails, with its file and line. Residual blind spot, accepted: a
// slice variable handed to a function (copy, or one of ours) that
// overwrites its elements.
func TestSQLIsBuiltFromConstants(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	pkg, info := typeCheck(t, fset, "praxis/store", files)
	c := newSQLCheck(fset, pkg, info, files)
	for _, p := range c.run() {
		t.Error("store/" + p)
	}

	// What the check must have seen, so that it cannot pass by seeing
	// nothing: the package's many SQL calls and its wrappers.
	if c.sinkCalls < 100 {
		t.Errorf("got %d calls passing SQL, want at least 100", c.sinkCalls)
	}
	wrappers := map[string]bool{}
	for fn := range c.wrappers {
		wrappers[fn.Name()] = true
	}
	for _, w := range []string{
		"exec", "queryRow", "jobRunsTx", "outRows", "pairs", "candidates",
		"updateOut", "updateJobRun", "reactionsWhere", "prepareHot",
	} {
		if !wrappers[w] {
			t.Errorf("%s not found as a wrapper passing its parameter into SQL (found %v)", w, keys(wrappers))
		}
	}
	t.Logf("%d SQL calls checked; wrappers: %v", c.sinkCalls, keys(wrappers))
}

// TestSQLCheckCatches runs the check on code that builds SQL from outside
// values: each line marked "want: TEXT" must be reported with TEXT, and no
// other line.
func TestSQLCheckCatches(t *testing.T) {
	const src = `package snippet

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

const cols = "a, b"

type S struct {
	db    *sql.DB
	query string
}

func Lookup(ctx context.Context, db *sql.DB, name string) {
	db.QueryContext(ctx, "SELECT * FROM t WHERE x = '"+name+"'") // want: exported Lookup passes its parameter name
}

func (s *S) field(ctx context.Context) {
	s.db.ExecContext(ctx, s.query) // want: field s.query
	s.db.ExecContext(ctx, fmt.Sprintf("SELECT %s FROM t", s.query)) // want: field s.query
}

func run(ctx context.Context, db *sql.DB, q string, args ...any) {
	db.ExecContext(ctx, q, args...)
}

func inList(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func Search(ctx context.Context, db *sql.DB, term string, ids []any) {
	run(ctx, db, "SELECT "+cols+" FROM t WHERE id IN ("+inList(len(ids))+")", ids...)
	q := "SELECT x FROM t WHERE y LIKE '%"
	q += term
	run(ctx, db, q+"%'") // want: exported Search passes its parameter term
	where := "WHERE a = ?"
	if term != "" {
		where = "WHERE b = ?"
	}
	run(ctx, db, "SELECT 1 FROM t "+where, term)
	run(ctx, db, strings.Repeat(term, 2)) // want: strings.Repeat
	run(ctx, db, strings.ToUpper("select 1")) // want: call to strings.ToUpper
	run(ctx, db, strings.Replace("SELECT a FROM t WHERE b IN (?)", "(?)", "("+inList(len(ids))+")", 1))
	run(ctx, db, strings.Replace("SELECT a FROM t WHERE b = 'X'", "X", term, 1)) // want: Search passes its parameter term
	m := map[string]string{"q": "SELECT 1"}
	run(ctx, db, m["q"]) // want: *ast.IndexExpr
	p := "SELECT 2"
	ptr := &p
	run(ctx, db, p) // want: address is taken
	_ = ptr
	f := db.ExecContext // want: used as a value
	f(ctx, "SELECT 3")
	g := run // want: used as a value
	g(ctx, db, term)
	for _, s := range []string{"SELECT 4", term} {
		db.ExecContext(ctx, s) // want: exported Search passes its parameter term
	}
	db.ExecContext(ctx, fmt.Sprintf("SELECT %d", len(term))) // want: call to len
	db.ExecContext(ctx, fmt.Sprintf("SELECT %s", cols))
}

type stmt struct {
	name, sql string
	n         *int
}

var stmts = []stmt{{name: "a", sql: "SELECT 1"}, {"b", "SELECT 2", nil}}

var mutable = []string{"SELECT 1"}

type raw string

func (r raw) run(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, string(r)) // want: a receiver
}

func Sections(ctx context.Context, db *sql.DB, user string, n int) {
	for _, st := range stmts {
		db.ExecContext(ctx, st.sql)
	}
	for _, st := range []stmt{{"c", "SELECT 3", &n}, {name: "d", sql: "SELECT 4"}} {
		db.ExecContext(ctx, "SELECT count(*) FROM ("+st.sql+")")
	}
	for _, st := range []stmt{{"e", user, nil}} {
		db.ExecContext(ctx, st.sql) // want: exported Sections passes its parameter user
	}
	one := stmt{sql: "SELECT 5"}
	db.ExecContext(ctx, one.sql)
	two := stmt{sql: "SELECT 6"}
	two.sql += user
	db.ExecContext(ctx, two.sql) // want: exported Sections passes its parameter user
	ptr := &stmt{sql: "SELECT 7"}
	db.ExecContext(ctx, ptr.sql) // want: field ptr.sql
	func(s stmt) {
		db.ExecContext(ctx, s.sql) // want: function literal parameter
	}(stmt{sql: user})
	mutable[0] = user
	db.ExecContext(ctx, mutable[0]) // want: *ast.IndexExpr
	for _, q := range mutable {
		db.ExecContext(ctx, q) // want: package variable mutable, assigned
	}
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "snippet.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	pkg, info := typeCheck(t, fset, "praxis/store/snippet", []*ast.File{f})
	c := newSQLCheck(fset, pkg, info, []*ast.File{f})
	got := map[int][]string{}
	for _, p := range c.run() {
		line, _ := strconv.Atoi(strings.Split(p, ":")[1])
		got[line] = append(got[line], p)
	}
	sc := bufio.NewScanner(strings.NewReader(src))
	for line := 1; sc.Scan(); line++ {
		_, want, marked := strings.Cut(sc.Text(), "// want: ")
		switch {
		case marked && len(got[line]) == 0:
			t.Errorf("snippet.go:%d: nothing reported, want %q", line, want)
		case marked && !strings.Contains(strings.Join(got[line], "\n"), want):
			t.Errorf("snippet.go:%d: got %q, want %q", line, got[line], want)
		case !marked && len(got[line]) > 0:
			t.Errorf("snippet.go:%d: got %q, want nothing: it is safe", line, got[line])
		}
	}
}

// typeCheck type-checks files as the package path, its dependencies read
// from the compiler's export data that one go list lists (with the build
// cache warm, a second; the "source" importer would type-check every
// dependency, modernc.org/sqlite's hundreds of thousands of lines included).
func typeCheck(t *testing.T, fset *token.FileSet, path string, files []*ast.File) (*types.Package, *types.Info) {
	t.Helper()
	exports, err := exportData()
	if err != nil {
		t.Fatal(err)
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	pkg, err := (&types.Config{Importer: imp}).Check(path, fset, files, info)
	if err != nil {
		t.Fatalf("type-check %s: %v", path, err)
	}
	return pkg, info
}

// exportData maps package store and each of its dependencies to its export
// data file (go test puts the go command of its toolchain first in PATH).
var exportData = sync.OnceValues(func() (map[string]string, error) {
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", ".")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.String())
	}
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			m[path] = file
		}
	}
	return m, nil
})

// sqlCheck finds the calls that pass SQL and checks how it is built.
type sqlCheck struct {
	fset  *token.FileSet
	pkg   *types.Package
	info  *types.Info
	files []*ast.File

	decls    map[*types.Func]*ast.FuncDecl
	written  map[types.Object]bool   // package-level variables assigned somewhere
	wrappers map[*types.Func][]int   // functions of the package passing parameters (by index) into SQL
	results  map[*types.Func]verdict // return values of the package's string functions
	inResult map[*types.Func]bool

	sinkCalls int
	problems  map[string]bool
}

// verdict is what an expression's safety rests on: the parameters of the
// enclosing function it was built from (safe if the callers' arguments
// are), or the reasons it is not safe.
type verdict struct {
	params []*types.Var
	bad    []string
}

func (v *verdict) add(w verdict) {
	v.params = append(v.params, w.params...)
	v.bad = append(v.bad, w.bad...)
}

func newSQLCheck(fset *token.FileSet, pkg *types.Package, info *types.Info, files []*ast.File) *sqlCheck {
	c := &sqlCheck{fset: fset, pkg: pkg, info: info, files: files,
		decls: map[*types.Func]*ast.FuncDecl{}, written: map[types.Object]bool{},
		wrappers: map[*types.Func][]int{}, results: map[*types.Func]verdict{}, inResult: map[*types.Func]bool{}}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				c.decls[info.Defs[fd.Name].(*types.Func)] = fd
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					c.markWritten(l)
				}
			case *ast.IncDecStmt:
				c.markWritten(n.X)
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					c.markWritten(n.Key)
					c.markWritten(n.Value)
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					c.markWritten(n.X)
				}
			}
			return true
		})
	}
	return c
}

// markWritten records the variable at the root of an assigned expression
// (v, v[i], v.f…).
func (c *sqlCheck) markWritten(e ast.Expr) {
	for e != nil {
		switch x := e.(type) {
		case *ast.Ident:
			if obj := c.info.ObjectOf(x); obj != nil {
				c.written[obj] = true
			}
			return
		case *ast.IndexExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return
		}
	}
}

// run checks every call, finding wrappers until there are no new ones, and
// returns the problems as "file:line: …", sorted.
func (c *sqlCheck) run() []string {
	for {
		before := c.wrapperCount()
		c.walk()
		if c.wrapperCount() == before {
			break
		}
	}
	var out []string
	for p := range c.problems {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func (c *sqlCheck) wrapperCount() int {
	n := 0
	for _, idx := range c.wrappers {
		n += len(idx)
	}
	return n
}

// walk visits every function once, checking the SQL of its calls and the
// uses of SQL functions as values.
func (c *sqlCheck) walk() {
	c.sinkCalls, c.problems = 0, map[string]bool{}
	for _, f := range c.files {
		for _, d := range f.Decls {
			fn, _ := d.(*ast.FuncDecl) // nil for package-level declarations
			var stack []ast.Node
			ast.Inspect(d, func(n ast.Node) bool {
				if n == nil {
					stack = stack[:len(stack)-1]
					return true
				}
				var parent ast.Node
				if len(stack) > 0 {
					parent = stack[len(stack)-1]
				}
				stack = append(stack, n)
				switch n := n.(type) {
				case *ast.CallExpr:
					c.call(n, fn)
				case *ast.Ident:
					c.valueUse(n, parent, stack)
				}
				return true
			})
		}
	}
}

func (c *sqlCheck) report(n ast.Node, format string, args ...any) {
	p := c.fset.Position(n.Pos())
	c.problems[fmt.Sprintf("%s:%d: %s", filepath.Base(p.Filename), p.Line, fmt.Sprintf(format, args...))] = true
}

var sinkNames = map[string]int{
	"QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1, "PrepareContext": 1,
	"Query": 0, "QueryRow": 0, "Exec": 0, "Prepare": 0,
}

// sqlParams returns the indexes of the call's arguments that are SQL: the
// query of a database/sql-like method (one whose parameter at that place
// is a string: a *sql.Stmt's ExecContext takes no SQL), or the parameters
// a wrapper passes into SQL.
func (c *sqlCheck) sqlParams(call *ast.CallExpr) []int {
	fn := c.callee(call.Fun)
	if fn == nil {
		return nil
	}
	if i, ok := sinkNames[fn.Name()]; ok && fn.Type().(*types.Signature).Recv() != nil && isSQLParam(fn, i) {
		return []int{i}
	}
	return c.wrappers[fn]
}

func isSQLParam(fn *types.Func, i int) bool {
	params := fn.Type().(*types.Signature).Params()
	if i >= params.Len() {
		return false
	}
	b, ok := params.At(i).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

// callee is the function or method an expression names, if any.
func (c *sqlCheck) callee(e ast.Expr) *types.Func {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		fn, _ := c.info.Uses[e].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		fn, _ := c.info.Uses[e.Sel].(*types.Func)
		return fn
	}
	return nil
}

// call checks the SQL arguments of a call made in fn (nil at package level).
func (c *sqlCheck) call(call *ast.CallExpr, fn *ast.FuncDecl) {
	for _, i := range c.sqlParams(call) {
		if i >= len(call.Args) {
			continue
		}
		c.sinkCalls++
		arg := call.Args[i]
		v := c.eval(arg, fn, seen{})
		for _, why := range v.bad {
			c.report(arg, "SQL built from %s, in %s", why, c.text(arg))
		}
		for _, p := range v.params {
			self := c.info.Defs[fn.Name].(*types.Func) // params come only from a FuncDecl
			if self.Exported() {
				c.report(arg, "exported %s passes its parameter %s into SQL: "+
					"its callers outside the package cannot be checked", self.Name(), p.Name())
				continue
			}
			if idx := paramIndex(self, p); idx >= 0 && !contains(c.wrappers[self], idx) {
				c.wrappers[self] = append(c.wrappers[self], idx)
			}
		}
	}
}

// valueUse reports a SQL method or wrapper used other than by calling it:
// what is later passed to it would escape the check. Converting a wrapper
// to a type whose own SQL method is checked (execFunc) is fine.
func (c *sqlCheck) valueUse(id *ast.Ident, parent ast.Node, stack []ast.Node) {
	fn, ok := c.info.Uses[id].(*types.Func)
	if !ok {
		return
	}
	i, sink := sinkNames[fn.Name()]
	sink = sink && fn.Type().(*types.Signature).Recv() != nil && isSQLParam(fn, i)
	if !sink && len(c.wrappers[fn]) == 0 {
		return
	}
	var expr ast.Expr = id
	if sel, ok := parent.(*ast.SelectorExpr); ok && sel.Sel == id {
		expr, parent = sel, nil
		if len(stack) >= 3 {
			parent = stack[len(stack)-3]
		}
	}
	if call, ok := parent.(*ast.CallExpr); ok {
		if call.Fun == expr {
			return
		}
		if tv := c.info.Types[call.Fun]; tv.IsType() && hasSQLMethod(tv.Type) {
			return
		}
	}
	c.report(id, "%s used as a value: the SQL later passed to it escapes the check", fn.Name())
}

// hasSQLMethod reports whether t has a method that the check treats as
// taking SQL, so that calls through it are checked.
func hasSQLMethod(t types.Type) bool {
	ms := types.NewMethodSet(t)
	for i := range ms.Len() {
		fn := ms.At(i).Obj().(*types.Func)
		if j, ok := sinkNames[fn.Name()]; ok && isSQLParam(fn, j) {
			return true
		}
	}
	return false
}

func paramIndex(fn *types.Func, p *types.Var) int {
	params := fn.Type().(*types.Signature).Params()
	for i := range params.Len() {
		if params.At(i) == p {
			return i
		}
	}
	return -1
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (c *sqlCheck) text(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// placeholders is what strings.Repeat may repeat.
var placeholders = regexp.MustCompile(`^[?, ()]+$`)

// part is a variable, or one field of a struct variable.
type part struct {
	v     *types.Var
	field string // "" for the whole variable
}

// seen holds the parts being evaluated: a variable assigned from itself
// (q += …) is as safe as its other assignments.
type seen map[part]bool

func bad(format string, args ...any) verdict {
	return verdict{bad: []string{fmt.Sprintf(format, args...)}}
}

// eval says what SQL built by e, in fn, is safe on.
func (c *sqlCheck) eval(e ast.Expr, fn *ast.FuncDecl, s seen) verdict {
	return c.evalField(e, "", fn, s)
}

// evalField is eval of e or, when field is set, of that field of the
// struct e is (of every element's, for a slice ranged over).
func (c *sqlCheck) evalField(e ast.Expr, field string, fn *ast.FuncDecl, s seen) verdict {
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		return verdict{} // a constant
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.evalField(e.X, field, fn, s)
	case *ast.BinaryExpr:
		if e.Op != token.ADD || field != "" {
			break
		}
		v := c.eval(e.X, fn, s)
		v.add(c.eval(e.Y, fn, s))
		return v
	case *ast.CompositeLit:
		return c.composite(e, field, fn, s)
	case *ast.Ident:
		return c.variable(e, field, fn, s)
	case *ast.SelectorExpr:
		sel := c.info.Selections[e]
		if sel == nil {
			return c.variable(e.Sel, field, fn, s) // a package-qualified name
		}
		if id, ok := e.X.(*ast.Ident); ok && sel.Kind() == types.FieldVal && field == "" && isStruct(c.info.TypeOf(id)) {
			return c.variable(id, e.Sel.Name, fn, s) // a field of a struct variable
		}
		return bad("field %s", types.ExprString(e))
	case *ast.CallExpr:
		if field == "" {
			return c.callValue(e, fn, s)
		}
	}
	return bad("%T %s", e, c.text(e))
}

// isStruct reports whether t is a struct, not a pointer to one: a copy no
// other name can change.
func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// composite is the verdict on a composite literal: every element of a
// slice or map (ranged over); of a struct, the field asked for.
func (c *sqlCheck) composite(e *ast.CompositeLit, field string, fn *ast.FuncDecl, s seen) verdict {
	var v verdict
	st, isStruct := c.info.TypeOf(e).Underlying().(*types.Struct)
	for i, el := range e.Elts {
		name := ""
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && isStruct {
				name = id.Name
			}
			el = kv.Value
		} else if isStruct {
			name = st.Field(i).Name()
		}
		switch {
		case !isStruct:
			v.add(c.evalField(el, field, fn, s))
		case field == "" || name == field:
			v.add(c.eval(el, fn, s))
		}
	}
	return v
}

// variable is the verdict on a name (or one field of it): a parameter, a
// local or a package-level variable.
func (c *sqlCheck) variable(id *ast.Ident, field string, fn *ast.FuncDecl, s seen) verdict {
	name := id.Name
	if field != "" {
		name += "." + field
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return bad("the name %s", name)
	}
	if v.Parent() == c.pkg.Scope() {
		return c.packageVar(v, field)
	}
	if fn == nil {
		return bad("the name %s", name)
	}
	self := c.info.Defs[fn.Name].(*types.Func)
	if paramIndex(self, v) >= 0 {
		if field != "" {
			return bad("field %s of a parameter", name)
		}
		return verdict{params: []*types.Var{v}}
	}
	if c.signatureVars(fn)[v] {
		return bad("%s, a receiver, result or function literal parameter: its value comes from elsewhere", name)
	}
	return c.local(v, field, fn, s)
}

// signatureVars are the variables fn's signatures declare (receiver,
// results, and the parameters of its function literals): they are given
// values by callers, not by assignments in fn.
func (c *sqlCheck) signatureVars(fn *ast.FuncDecl) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	add := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				if v, ok := c.info.Defs[n].(*types.Var); ok {
					out[v] = true
				}
			}
		}
	}
	add(fn.Recv)
	add(fn.Type.Results)
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if fl, ok := n.(*ast.FuncLit); ok {
			add(fl.Type.Params)
			add(fl.Type.Results)
		}
		return true
	})
	return out
}

// packageVar: safe when its initializer is and nothing in the package
// assigns it, a part of it or its address.
func (c *sqlCheck) packageVar(v *types.Var, field string) verdict {
	if c.written[v] {
		return bad("package variable %s, assigned in the package", v.Name())
	}
	for _, f := range c.files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if c.info.Defs[name] == v && len(vs.Values) == len(vs.Names) {
						return c.evalField(vs.Values[i], field, nil, seen{})
					}
				}
			}
		}
	}
	return bad("package variable %s without a plain initializer", v.Name())
}

// assigned returns the variable at the root of an assigned expression and
// the field of it assigned ("" for the whole or an element).
func (c *sqlCheck) assigned(e ast.Expr) (*types.Var, string) {
	field := ""
	for {
		switch x := e.(type) {
		case *ast.Ident:
			v, _ := c.info.ObjectOf(x).(*types.Var)
			return v, field
		case *ast.SelectorExpr:
			field, e = x.Sel.Name, x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil, ""
		}
	}
}

// local: safe when every assignment to v (or to the field) in fn is.
func (c *sqlCheck) local(v *types.Var, field string, fn *ast.FuncDecl, s seen) verdict {
	if s[part{v, field}] {
		return verdict{}
	}
	s[part{v, field}] = true
	var out verdict
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.info.ObjectOf(id) == v
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				root, f := c.assigned(l)
				if root != v {
					continue
				}
				paired := len(n.Lhs) == len(n.Rhs)
				switch {
				case is(l) && paired && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE || n.Tok == token.ADD_ASSIGN):
					out.add(c.evalField(n.Rhs[i], field, fn, s))
				case is(l) && len(n.Rhs) == 1 && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE):
					out.add(c.tupleResult(n.Rhs[0], i))
				case is(l) || !paired:
					out.add(bad("%s %s %s", v.Name(), n.Tok, c.text(n.Rhs[0])))
				case f == "": // v[i] = x
					out.add(c.evalField(n.Rhs[i], field, fn, s))
				case field == "" || f == field: // v.f = x
					out.add(c.eval(n.Rhs[i], fn, s))
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if c.info.Defs[name] == v && i < len(n.Values) {
					out.add(c.evalField(n.Values[i], field, fn, s))
				}
			}
		case *ast.RangeStmt:
			if is(n.Value) {
				out.add(c.evalField(n.X, field, fn, s))
			}
			if is(n.Key) {
				out.add(bad("range key %s", v.Name()))
			}
		case *ast.UnaryExpr:
			if root, _ := c.assigned(n.X); n.Op == token.AND && root == v {
				out.add(bad("%s, whose address is taken", v.Name()))
			}
		}
		return true
	})
	return out
}

// tupleResult is the verdict on result i of a call with several results:
// only the bytes of a file of a package-level embed.FS are safe.
func (c *sqlCheck) tupleResult(e ast.Expr, i int) verdict {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if ok && i == 0 {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "ReadFile" {
			if id, ok := sel.X.(*ast.Ident); ok {
				if v, ok := c.info.Uses[id].(*types.Var); ok && v.Parent() == c.pkg.Scope() && !c.written[v] &&
					types.TypeString(v.Type(), nil) == "embed.FS" {
					return verdict{} // fixed when the binary is built
				}
			}
		}
	}
	return verdict{bad: []string{fmt.Sprintf("result %d of %s", i, c.text(e))}}
}

// callValue is the verdict on a call's string result.
func (c *sqlCheck) callValue(call *ast.CallExpr, fn *ast.FuncDecl, s seen) verdict {
	if tv := c.info.Types[call.Fun]; tv.IsType() && len(call.Args) == 1 {
		return c.eval(call.Args[0], fn, s) // string(b), []byte(s)
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "append" {
		if _, builtin := c.info.Uses[id].(*types.Builtin); builtin {
			var v verdict
			for _, a := range call.Args {
				v.add(c.eval(a, fn, s))
			}
			return v
		}
	}
	callee := c.callee(call.Fun)
	name := c.text(call.Fun)
	if callee == nil {
		return verdict{bad: []string{"call to " + name}}
	}
	if callee.Pkg() != nil {
		switch callee.Pkg().Path() + "." + callee.Name() {
		case "strings.Repeat":
			if tv := c.info.Types[call.Args[0]]; tv.Value != nil && placeholders.MatchString(constant.StringVal(tv.Value)) {
				return verdict{}
			}
			return verdict{bad: []string{"strings.Repeat of something else than placeholders"}}
		case "fmt.Sprintf":
			var v verdict
			for _, a := range call.Args {
				v.add(c.eval(a, fn, s))
			}
			return v
		case "strings.TrimSuffix", "strings.Replace", "strings.ReplaceAll", "slices.Concat":
			// Their result is made of pieces of their strings (a count
			// adds no text).
			var v verdict
			for _, a := range call.Args {
				if b, ok := c.info.TypeOf(a).Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
					v.add(c.eval(a, fn, s))
				}
			}
			return v
		}
	}
	if decl := c.decls[callee]; decl != nil && callee.Type().(*types.Signature).Recv() == nil {
		res := c.result(callee, decl)
		v := verdict{bad: res.bad}
		for _, p := range res.params {
			if i := paramIndex(callee, p); i >= 0 && i < len(call.Args) {
				v.add(c.eval(call.Args[i], fn, s))
			}
		}
		return v
	}
	return verdict{bad: []string{"call to " + name}}
}

// result is the verdict on what a function of the package returns.
func (c *sqlCheck) result(fn *types.Func, decl *ast.FuncDecl) verdict {
	if v, ok := c.results[fn]; ok {
		return v
	}
	if c.inResult[fn] {
		return verdict{} // recursion: as safe as its other returns
	}
	c.inResult[fn] = true
	var out verdict
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if r, ok := n.(*ast.ReturnStmt); ok {
			if len(r.Results) != 1 {
				out.bad = append(out.bad, "a return of "+fn.Name())
				return true
			}
			out.add(c.eval(r.Results[0], decl, seen{}))
		}
		return true
	})
	if len(out.bad) > 0 {
		out.bad = []string{fmt.Sprintf("%s (which returns %s)", fn.Name(), strings.Join(out.bad, ", "))}
	}
	c.results[fn] = out
	return out
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
