package store

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestSQLIsBuiltFromConstants checks what the type sqlText (sqltext.go)
// leaves to a test for SQL injection to be impossible by construction:
//  1. only sqltext.go converts to sqlText (or to a type made of it) what is
//     not a constant: elsewhere, SQL is constants joined with +;
//  2. the SQL argument of every method named like database/sql's (Exec,
//     Query, QueryRow, Prepare and their Context forms, taking a string:
//     *sql.DB's, *sql.Tx's, *sql.Conn's, the package's own interfaces and
//     execFunc alike) is a constant or string(x) of a sqlText x, and no such
//     method is used as a value, whose later calls would escape the check;
//  3. no pointer to a sqlText, or to anything made of one, is taken outside
//     sqltext.go: rows.Scan, json.Unmarshal or reflect could write any
//     string through it;
//  4. no exported name takes or gives a sqlText: code outside the package
//     is not checked.
//
// Residual blind spot, accepted: a slice of sqlText handed to reflect.
func TestSQLIsBuiltFromConstants(t *testing.T) {
	c := checkSQL(t, ".", "praxis/store")
	for _, p := range c.problems {
		t.Error("store/" + p)
	}
	if c.sinkCalls < 100 { // so that it cannot pass by seeing nothing
		t.Errorf("got %d calls passing SQL, want at least 100", c.sinkCalls)
	}
}

// TestSQLCheckCatches runs the check on testdata/sqlcheck: each line marked
// "want: TEXT" must be reported with TEXT, and no other line.
func TestSQLCheckCatches(t *testing.T) {
	c := checkSQL(t, "testdata/sqlcheck", "praxis/store/testdata/sqlcheck")
	got, want := map[string]string{}, map[string]string{}
	for _, p := range c.problems {
		at := strings.Join(strings.SplitN(p, ":", 3)[:2], ":")
		got[at] += p + "\n"
	}
	for _, f := range c.files {
		for _, cg := range f.Comments {
			if _, w, ok := strings.Cut(cg.Text(), "want: "); ok {
				p := c.fset.Position(cg.Pos())
				want[fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)] = strings.TrimSpace(w)
			}
		}
	}
	for at, w := range want {
		if !strings.Contains(got[at], w) {
			t.Errorf("%s: got %q, want %q", at, got[at], w)
		}
	}
	for at, g := range got {
		if _, ok := want[at]; !ok {
			t.Errorf("%s: got %q, want nothing: it is safe", at, g)
		}
	}
	if len(want) < 20 {
		t.Errorf("got %d lines marked want, want at least 20", len(want))
	}
}

// sqlCheck holds what checkSQL found.
type sqlCheck struct {
	fset      *token.FileSet
	files     []*ast.File
	pkg       *types.Package
	info      *types.Info
	text      types.Type // sqlText
	sinkCalls int
	problems  []string // "file:line: what"
}

// checkSQL type-checks the package in dir (its tests left out) as path and
// checks it. Its dependencies are read from the compiler's export data that
// one go list lists (with the build cache warm, a second; the "source"
// importer would type-check every dependency, modernc.org/sqlite's hundreds
// of thousands of lines included).
func checkSQL(t *testing.T, dir, path string) *sqlCheck {
	t.Helper()
	exports, err := exportData()
	if err != nil {
		t.Fatal(err)
	}
	c := &sqlCheck{fset: token.NewFileSet()}
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, name := range names {
		if !strings.HasSuffix(name, "_test.go") {
			f, err := parser.ParseFile(c.fset, name, nil, parser.SkipObjectResolution|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			c.files = append(c.files, f)
		}
	}
	imp := importer.ForCompiler(c.fset, "gc", func(path string) (io.ReadCloser, error) { return os.Open(exports[path]) })
	c.info = &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}}
	if c.pkg, err = (&types.Config{Importer: imp}).Check(path, c.fset, c.files, c.info); err != nil {
		t.Fatalf("type-check %s: %v", path, err)
	}
	tn, ok := c.pkg.Scope().Lookup("sqlText").(*types.TypeName)
	if !ok || tn.Type().Underlying() != types.Typ[types.String] {
		t.Fatalf("%s: no type sqlText string", dir)
	}
	c.text = tn.Type()
	for _, f := range c.files {
		c.file(f, filepath.Base(c.fset.File(f.Pos()).Name()) == "sqltext.go")
	}
	for id, obj := range c.info.Defs {
		if obj != nil && obj.Exported() && obj.Pkg() == c.pkg && c.mentions(obj.Type(), false, nil) {
			c.report(id, "exported %s takes or gives a sqlText: code outside the package is not checked", id.Name)
		}
	}
	return c
}

func (c *sqlCheck) report(n ast.Node, format string, args ...any) {
	p := c.fset.Position(n.Pos())
	c.problems = append(c.problems, fmt.Sprintf("%s:%d: ", filepath.Base(p.Filename), p.Line)+fmt.Sprintf(format, args...))
}

// file applies rules 1 to 3 to f; audited: f is sqltext.go.
func (c *sqlCheck) file(f *ast.File, audited bool) {
	called := map[ast.Expr]bool{} // a call is visited before what it calls
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			called[ast.Unparen(n.Fun)] = true
			tv := c.info.Types[n.Fun]
			_, generic := tv.Type.(*types.TypeParam)
			if tv.IsType() && (generic || c.mentions(tv.Type, false, nil)) && !audited &&
				!c.isConst(n.Args[0]) {
				c.report(n, "conversion of %s to %s outside sqltext.go", types.ExprString(n.Args[0]),
					types.TypeString(tv.Type, types.RelativeTo(c.pkg)))
			}
			if i, ok := c.sink(n.Fun); ok && i < len(n.Args) {
				c.sinkCalls++
				if !c.isConst(n.Args[i]) && !c.isText(n.Args[i]) {
					c.report(n.Args[i], "SQL not a constant nor string(sqlText): %s", types.ExprString(n.Args[i]))
				}
			}
		case *ast.SelectorExpr:
			if _, ok := c.sink(n); ok && !called[n] {
				c.report(n, "%s used as a value: the SQL later passed to it escapes the check", types.ExprString(n))
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && !audited && c.mentions(c.info.TypeOf(n.X), true, nil) {
				c.report(n, "pointer to %s, which holds a sqlText: what writes through it is not checked",
					types.ExprString(n.X))
			}
		}
		return true
	})
}

var sinkNames = map[string]int{
	"QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1, "PrepareContext": 1,
	"Query": 0, "QueryRow": 0, "Exec": 0, "Prepare": 0,
}

// sink returns the index of the SQL parameter of the method e names, if it
// is one of database/sql's or alike (*sql.Stmt's ExecContext takes no SQL).
func (c *sqlCheck) sink(e ast.Expr) (int, bool) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return 0, false
	}
	fn, ok := c.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return 0, false
	}
	i, ok := sinkNames[fn.Name()]
	params := fn.Signature().Params()
	return i, ok && i < params.Len() && types.Identical(params.At(i).Type(), types.Typ[types.String])
}

func (c *sqlCheck) isConst(e ast.Expr) bool { return c.info.Types[e].Value != nil }

// isText reports whether e is string(x) of a sqlText x.
func (c *sqlCheck) isText(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && c.info.Types[call.Fun].IsType() && len(call.Args) == 1 &&
		types.Identical(c.info.TypeOf(call.Fun), types.Typ[types.String]) &&
		types.Identical(c.info.TypeOf(call.Args[0]), c.text)
}

// mentions reports whether t is sqlText or made of it: through pointers,
// slices, arrays, maps, channels, structs and signatures; deep, through the
// definitions of the package's named types too.
func (c *sqlCheck) mentions(t types.Type, deep bool, seen map[types.Type]bool) bool {
	t = types.Unalias(t)
	if types.Identical(t, c.text) {
		return true
	}
	if seen == nil {
		seen = map[types.Type]bool{}
	} else if seen[t] {
		return false
	}
	seen[t] = true
	var parts []types.Type
	switch t := t.(type) {
	case *types.Named:
		if deep && t.Obj().Pkg() == c.pkg {
			parts = append(parts, t.Underlying())
		}
	case *types.Map:
		parts = append(parts, t.Key(), t.Elem())
	case interface{ Elem() types.Type }: // pointer, slice, array, channel
		parts = append(parts, t.Elem())
	case *types.Struct:
		for f := range t.Fields() {
			parts = append(parts, f.Type())
		}
	case *types.Signature:
		for v := range t.Params().Variables() {
			parts = append(parts, v.Type())
		}
		for v := range t.Results().Variables() {
			parts = append(parts, v.Type())
		}
	}
	return slices.ContainsFunc(parts, func(p types.Type) bool { return c.mentions(p, deep, seen) })
}

// exportData maps package store and each of its dependencies to its export
// data file (go test puts the go command of its toolchain first in PATH).
var exportData = sync.OnceValues(func() (map[string]string, error) {
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", ".").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, out)
	}
	m := map[string]string{}
	for line := range strings.Lines(string(out)) {
		path, file, _ := strings.Cut(strings.TrimSpace(line), "\t")
		m[path] = file
	}
	return m, nil
})
