package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"praxis/bot/i18n"
	"praxis/bot/report"
)

func TestCatalogComplete(t *testing.T) {
	if p := catalog.Problems(); len(p) > 0 {
		t.Fatalf("catalog problems:\n%s", strings.Join(p, "\n"))
	}
}

// Every key of the data contract has a label, and every mark its
// explanation, in every language.
func TestCatalogCoversTheContract(t *testing.T) {
	var keys []string
	for _, k := range []string{report.FigActiveMembers, report.FigNewMembers, report.FigMessages, report.FigQuestionsAsked,
		report.FigAnsweredPercent, report.FigMedianResponse, report.FigOpenQuestions, report.FigResources} {
		keys = append(keys, "fig."+k)
	}
	marks := []string{report.MarkConnected, report.MarkInterests, report.MarkCooperation,
		report.MarkResources, report.MarkLearning, report.MarkCulture}
	for _, k := range marks {
		keys = append(keys, "mark."+k, "mark."+k+".help")
	}
	for _, l := range report.Levels {
		keys = append(keys, "level."+string(l))
	}
	for _, lang := range i18n.Languages {
		for _, k := range keys {
			if catalog[lang][k] == "" {
				t.Errorf("%s: no label for %q", lang, k)
			}
		}
	}
	// French labels differ from English ones where the words differ.
	if got := catalog.T("fr", "fig."+report.FigActiveMembers); got != "Membres actifs" {
		t.Errorf("got %q, want Membres actifs", got)
	}
}

// Every literal key the renderers look up is in the catalog: a typo would
// otherwise print an empty label in both languages, which Problems cannot
// see.
func TestCatalogHasEveryKeyUsed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	used := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			arg := 0
			switch {
			case sel.Sel.Name == "t" && isIdent(sel.X, "p", "t"):
			case sel.Sel.Name == "T" && isIdent(sel.X, "catalog"):
				arg = 1
			default:
				return true
			}
			if arg >= len(call.Args) {
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			used++
			if _, ok := catalog["en"][key]; !ok {
				t.Errorf("%s: key %q is not in the catalog", fset.Position(lit.Pos()), key)
			}
			return true
		})
	}
	if used < 50 {
		t.Fatalf("found %d keys used, the scan is broken", used)
	}
}

func isIdent(e ast.Expr, names ...string) bool {
	id, ok := e.(*ast.Ident)
	return ok && slices.Contains(names, id.Name)
}
