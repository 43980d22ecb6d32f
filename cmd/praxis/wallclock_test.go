package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestNoTestReadsTheWallClock keeps every test of the module independent of
// the day and hour it runs: a test file may read time.Now() only to bound a
// wait (a deadline, a timeout), to measure elapsed time, to sign a request
// (slack-go checks signatures against the wall clock) or in a benchmark.
// Anything else (a clock given to a component, an instant to record or to
// compare with stored data) must come from an injected clock. A line
// that needs the wall clock for another reason says why with a
// "wallclock:" comment on it or the line above. A package-level value read
// from the wall clock is flagged too.
func TestNoTestReadsTheWallClock(t *testing.T) {
	root := moduleRoot(t)
	for _, path := range goFiles(t, root, "_test.go") {
		found, err := wallClockReads(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		for _, line := range found {
			t.Errorf("%s:%s: time.Now() decides what the test does; inject a clock (or bound a wait with it)", rel, line)
		}
	}
}

// TestWallClockCheckCatches shows the check above failing on the reads it
// forbids and passing the ones it allows.
func TestWallClockCheckCatches(t *testing.T) {
	src := `package x
import "time"
func TestX(t *testing.T) {
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {}
	start := time.Now()
	_ = time.Since(start)
	sign(time.Now(), nil)
	week := time.Now().Format("2006-W01") // bad
	st := open(Options{Now: time.Now()}) // bad
	_ = st.Threads(time.Now().Add(-time.Hour)) // bad
	now := time.Now() // bad: used as an instant
	_ = now.Add(time.Hour)
	// wallclock: an instant the library compares with its own time.Now
	legit := time.Now()
	_, _ = week, legit
}
func BenchmarkX(b *testing.B) { t0 := time.Now(); _ = t0.Unix() }
var started = time.Now() // bad: a package's instant, read once
`
	path := filepath.Join(t.TempDir(), "x_test.go")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := wallClockReads(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "9 10 11 12 19"; strings.Join(got, " ") != want {
		t.Fatalf("got lines %v flagged, want %s", got, want)
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

var (
	deadlineName = regexp.MustCompile(`(?i)deadline|until|wait|timeout|expire`)
	signerName   = regexp.MustCompile(`(?i)sign|headers|post`)
)

// wallClockReads returns the lines of a test file where time.Now() is read
// for something other than the allowed uses (see TestNoTestReadsTheWallClock).
func wallClockReads(path string) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	excused := map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.Contains(c.Text, "wallclock:") {
				line := fset.Position(c.Pos()).Line
				excused[line], excused[line+1] = true, true
			}
		}
	}
	var out []string
	for _, decl := range f.Decls {
		if gd, ok := decl.(*ast.GenDecl); ok {
			// A package-level value read from the wall clock is an instant
			// the tests share, never a wait bounded or a duration measured.
			for _, call := range nowCalls(gd) {
				if line := fset.Position(call.Pos()).Line; !excused[line] {
					out = append(out, strconv.Itoa(line))
				}
			}
			continue
		}
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil || strings.HasPrefix(fn.Name.Name, "Benchmark") {
			continue
		}
		for _, call := range nowCalls(fn.Body) {
			line := fset.Position(call.Pos()).Line
			if !excused[line] && !allowedNow(fn.Body, call) {
				out = append(out, strconv.Itoa(line))
			}
		}
	}
	return out, nil
}

// nowCalls finds the time.Now() calls under n.
func nowCalls(n ast.Node) []*ast.CallExpr {
	var calls []*ast.CallExpr
	ast.Inspect(n, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && isPkgCall(c, "time", "Now") {
			calls = append(calls, c)
		}
		return true
	})
	return calls
}

func isPkgCall(c *ast.CallExpr, pkg, name string) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg
}

// allowedNow tells whether the time.Now() call, within body, bounds a
// wait, measures elapsed time or signs a request.
func allowedNow(body *ast.BlockStmt, now *ast.CallExpr) bool {
	parents := parentsOf(body, now)
	if len(parents) == 0 {
		return false
	}
	switch p := parents[0].(type) {
	case *ast.SelectorExpr: // time.Now().X(...)
		switch p.Sel.Name {
		case "After", "Before", "Sub":
			return true // compared with a deadline, or an elapsed time
		case "Add": // a deadline, or a signature's (expired) timestamp
			if len(parents) > 2 {
				if assignsTo(parents[2], deadlineName) {
					return true
				}
				c, ok := parents[2].(*ast.CallExpr)
				return ok && (signerName.MatchString(calleeName(c)) || deadlineName.MatchString(calleeName(c)))
			}
		}
	case *ast.CallExpr: // sign(..., time.Now(), ...), conn.SetReadDeadline(time.Now())
		return signerName.MatchString(calleeName(p)) || deadlineName.MatchString(calleeName(p))
	case *ast.AssignStmt: // start := time.Now(), used only to measure
		if len(p.Lhs) == 1 {
			if id, ok := p.Lhs[0].(*ast.Ident); ok {
				return onlyMeasured(body, id)
			}
		}
	}
	return false
}

// parentsOf returns the chain of nodes enclosing target, innermost first.
func parentsOf(root ast.Node, target ast.Node) []ast.Node {
	var stack, found []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if n == target {
			for i := len(stack) - 1; i >= 0; i-- {
				found = append(found, stack[i])
			}
			return false
		}
		stack = append(stack, n)
		return true
	})
	return found
}

func assignsTo(n ast.Node, name *regexp.Regexp) bool {
	switch s := n.(type) {
	case *ast.AssignStmt:
		if id, ok := s.Lhs[0].(*ast.Ident); ok {
			return name.MatchString(id.Name)
		}
	case *ast.ValueSpec:
		return name.MatchString(s.Names[0].Name)
	}
	return false
}

func calleeName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// onlyMeasured tells whether every read of the variable is time.Since(v)
// or x.Sub(v): an elapsed time, not an instant.
func onlyMeasured(body *ast.BlockStmt, v *ast.Ident) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch e := n.(type) {
		case *ast.CallExpr:
			if len(e.Args) == 1 && isVar(e.Args[0], v) && (isPkgCall(e, "time", "Since") || calleeName(e) == "Sub") {
				return false
			}
		case *ast.AssignStmt:
			for _, l := range e.Lhs {
				if isVar(l, v) {
					for _, r := range e.Rhs {
						ast.Inspect(r, func(n ast.Node) bool { ok = ok && !isVarNode(n, v); return ok })
					}
					return false
				}
			}
		case *ast.Ident:
			if e != v && e.Name == v.Name && e.Obj != nil && e.Obj == v.Obj {
				ok = false
			}
		}
		return ok
	})
	return ok
}

func isVar(e ast.Expr, v *ast.Ident) bool { return isVarNode(e, v) }

func isVarNode(n ast.Node, v *ast.Ident) bool {
	id, ok := n.(*ast.Ident)
	return ok && id.Name == v.Name && id.Obj != nil && id.Obj == v.Obj
}
