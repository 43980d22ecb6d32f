package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestCatalogs finds every message catalog of the repository by parsing the
// sources, not by asking each package to register one (a catalog added
// tomorrow is checked without anybody remembering to), and checks it: both
// languages, every key in both, the same placeholders in the same order, no
// empty sentence, no French sentence left in English, no bare &, < or >
// that Slack would read as markup, and no %q (Go's straight quotes and
// backslashes, for logs, not for people).
func TestCatalogs(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !regexp.MustCompile(`(?m)^module praxis\s*$`).Match(mod) {
		t.Fatalf("the module root should be %s (go.mod of module praxis): %v", root, err)
	}
	cats, problems := findCatalogs(t, root)
	for _, c := range cats {
		problems = append(problems, c.problems()...)
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}

	// The catalogs known when this test was written: finding none of them
	// would mean the search is broken, not that all is well.
	found := map[string]int{}
	for _, c := range cats {
		found[filepath.ToSlash(filepath.Dir(c.file))]++
	}
	known := []string{
		"bot/command", "bot/digest", "bot/digest/slackedge", "bot/nudge", "bot/ritual", "bot/expert/slackedge",
		"bot/report/render",
	}
	for _, dir := range known {
		if found[dir] == 0 {
			t.Errorf("no catalog found in %s, want at least one (found %v)", dir, found)
		}
	}
	if n := len(cats); n < 9 {
		t.Errorf("got %d catalogs, want at least 9", n)
	}
	t.Logf("%d catalogs checked: %v", len(cats), found)
}

// findCatalogs parses every non-test Go file under root. Test files are
// left out: their catalogs are fixtures, some broken on purpose (see
// TestProblems), and never shown to anyone.
func findCatalogs(t *testing.T, root string) ([]catalog, []string) {
	t.Helper()
	var cats []catalog
	var problems []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir // testdata, .git, .scratch, .ci
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", rel, err))
			return nil
		}
		c, p := fileCatalogs(fset, f, filepath.ToSlash(rel))
		cats, problems = append(cats, c...), append(problems, p...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return cats, problems
}

// catalog is a Catalog literal as written: its sentences by language and
// key, and where each sentence is.
type catalog struct {
	file string // relative to the module root, slash-separated
	line int
	text map[string]map[string]string
	pos  map[string]map[string]string // lang → key → "file:line"
}

// fileCatalogs evaluates the Catalog literals of one file: i18n.Catalog{…}
// (whatever name the package is imported under), or Catalog{…} inside
// package i18n itself.
func fileCatalogs(fset *token.FileSet, f *ast.File, rel string) ([]catalog, []string) {
	qualifier := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "praxis/bot/i18n" {
			qualifier = "i18n"
			if imp.Name != nil {
				qualifier = imp.Name.Name
			}
		}
	}
	isCatalog := func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.SelectorExpr:
			x, ok := e.X.(*ast.Ident)
			return ok && qualifier != "" && x.Name == qualifier && e.Sel.Name == "Catalog"
		case *ast.Ident:
			return e.Name == "Catalog" && (qualifier == "." || f.Name.Name == "i18n" && strings.HasPrefix(rel, "bot/i18n/"))
		}
		return false
	}
	var cats []catalog
	var problems []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok || lit.Type == nil || !isCatalog(lit.Type) {
			return true
		}
		c, p := evalCatalog(fset, lit, rel)
		cats, problems = append(cats, c), append(problems, p...)
		return false
	})
	return cats, problems
}

// evalCatalog reads a Catalog literal. Only what can be read without
// running the code is accepted: keys and sentences are string literals or
// sums of them. Anything else is a problem, so that no sentence escapes the
// checks by being computed.
func evalCatalog(fset *token.FileSet, lit *ast.CompositeLit, rel string) (catalog, []string) {
	at := func(n ast.Node) string { return fmt.Sprintf("%s:%d", rel, fset.Position(n.Pos()).Line) }
	c := catalog{
		file: rel,
		line: fset.Position(lit.Pos()).Line,
		text: map[string]map[string]string{},
		pos:  map[string]map[string]string{},
	}
	var problems []string
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			problems = append(problems, at(e)+": a catalog entry should be \"lang\": {…}")
			continue
		}
		lang, err := evalString(kv.Key)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: language: %v", at(kv.Key), err))
			continue
		}
		sentences, ok := kv.Value.(*ast.CompositeLit)
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: language %q: want a map literal, got %T", at(kv.Value), lang, kv.Value))
			continue
		}
		if c.text[lang] == nil {
			c.text[lang], c.pos[lang] = map[string]string{}, map[string]string{}
		}
		for _, e := range sentences.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				problems = append(problems, at(e)+": a sentence should be \"key\": \"text\"")
				continue
			}
			key, err := evalString(kv.Key)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: key: %v", at(kv.Key), err))
				continue
			}
			text, err := evalString(kv.Value)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s/%s: %v", at(kv.Value), lang, key, err))
				continue
			}
			c.text[lang][key], c.pos[lang][key] = text, at(kv.Value)
		}
	}
	return c, problems
}

// evalString evaluates a string literal or a + of them.
func evalString(e ast.Expr) (string, error) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", fmt.Errorf("got the %s literal %s, want a string literal", strings.ToLower(e.Kind.String()), e.Value)
		}
		return strconv.Unquote(e.Value)
	case *ast.ParenExpr:
		return evalString(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", fmt.Errorf("got operator %s, want string literals joined by +", e.Op)
		}
		x, err := evalString(e.X)
		if err != nil {
			return "", err
		}
		y, err := evalString(e.Y)
		return x + y, err
	}
	return "", fmt.Errorf("got %T, want a string literal (or literals joined by +): "+
		"a computed sentence cannot be checked", e)
}

// sameInBoth are the words French writes as English does: nouns spelt
// alike in both languages (message, question, contribution, participant),
// the units' symbols (h for hours is the SI symbol in French too, pts for
// points), the statistician's p, the product's name, and the names of the
// two languages, which a language picker shows in their own language
// ("English", "Français") whatever the reader's. A French sentence equal to
// the English one passes only when all its words are among these; any other
// is a sentence somebody forgot to translate.
var sameInBoth = map[string]bool{
	"message": true, "messages": true, "question": true, "questions": true, "minute": true, "minutes": true,
	"contributions": true, "participants": true,
	"h": true, "pts": true, "p": true,
	"praxis": true, "english": true, "français": true,
}

// noise is what a sentence keeps in every language: placeholders, Slack's
// :emoji_codes:, <#C…>/<@U…> references and mrkdwn.
var noise = regexp.MustCompile(verbs.String() + `|:[a-z0-9_+-]+:|<[^>]*>`)

// untranslatable reports whether a French sentence may be the English one:
// once the noise is gone, every word is one French writes the same way, or
// none is left (">%s", "%s → %s", "%s %d %s, %s").
func untranslatable(s string) bool {
	words := strings.FieldsFunc(noise.ReplaceAllString(s, " "), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		if !sameInBoth[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// problems checks one catalog; each problem names the file and line of the
// sentence at fault (of the catalog for a missing language).
var (
	entity  = regexp.MustCompile(`&(?:amp|lt|gt);`)
	control = regexp.MustCompile(`<(?:[@#!]|https?:|%[0-9]*s)[^<>]*>`) // a mention, a channel, a link, or a placeholder's
	bare    = regexp.MustCompile(`[&<]|[^\n]>`)                        // > opens a quote at a line's start
	// quoteVerb is a %q placeholder: Go's "quoted" string, with its
	// backslash escapes, is for logs and errors, not for people.
	quoteVerb = regexp.MustCompile(`%[-+# 0-9.]*(?:\[\d+\])?q`)
)

// unescaped returns the first &, < or > of a catalog sentence that is not
// part of an entity, a control sequence or a quote: Slack would not show it
// as written (every sentence goes out as mrkdwn).
func unescaped(s string) string {
	s = control.ReplaceAllString(entity.ReplaceAllString(s, ""), "")
	if m := bare.FindString(s); m != "" {
		return m[len(m)-1:]
	}
	return ""
}

func (c catalog) problems() []string {
	var out []string
	where := fmt.Sprintf("%s:%d", c.file, c.line)
	for lang := range c.text {
		if !slices.Contains(Languages, lang) {
			out = append(out, fmt.Sprintf("%s: language %q, want one of %v", where, lang, Languages))
		}
	}
	for _, lang := range Languages {
		if _, ok := c.text[lang]; !ok {
			out = append(out, fmt.Sprintf("%s: no %q sentences", where, lang))
		}
	}
	en, fr := c.text["en"], c.text["fr"]
	if en == nil || fr == nil {
		return out
	}
	for lang, sentences := range c.text {
		for key, s := range sentences {
			if s == "" { // a lone space is a sentence: French's thousands separator
				out = append(out, fmt.Sprintf("%s: %s/%s is empty", c.pos[lang][key], lang, key))
			}
			if q := quoteVerb.FindString(s); q != "" {
				out = append(out, fmt.Sprintf("%s: %s/%s quotes with %s: Go's straight quotes reach people; "+
					"write « %%s » in French, “%%s” or plain %%s in English", c.pos[lang][key], lang, key, q))
			}
			if bad := unescaped(s); bad != "" {
				out = append(out, fmt.Sprintf("%s: %s/%s holds a bare %q: "+
					"Slack reads &, < and > as markup (write &amp;, &lt;, &gt;)", c.pos[lang][key], lang, key, bad))
			}
		}
	}
	for key, e := range en {
		f, ok := fr[key]
		if !ok {
			out = append(out, fmt.Sprintf("%s: %q has no French sentence", c.pos["en"][key], key))
			continue
		}
		if got, want := verbs.FindAllString(f, -1), verbs.FindAllString(e, -1); !slices.Equal(got, want) {
			out = append(out, fmt.Sprintf("%s: fr/%s: got placeholders %q, want %q as in English",
				c.pos["fr"][key], key, got, want))
		}
		if f == e && !untranslatable(f) {
			out = append(out, fmt.Sprintf("%s: fr/%s is the English sentence %q: "+
				"translate it (or, if French writes it the same way, add it to sameInBoth)", c.pos["fr"][key], key, f))
		}
	}
	for key := range fr {
		if _, ok := en[key]; !ok {
			out = append(out, fmt.Sprintf("%s: %q has no English sentence", c.pos["fr"][key], key))
		}
	}
	return out
}

// TestCatalogsCheckCatches runs the same checks on a file that breaks every
// rule, so that TestCatalogs cannot pass by checking nothing.
func TestCatalogsCheckCatches(t *testing.T) {
	const src = `package x

import (
	"fmt"
	tr "praxis/bot/i18n"
)

var good = tr.Catalog{
	"en": {"a": "Hello %s", "b": "%d messages", "c": ":wave: %s", "d": "one " + "two"},
	"fr": {"a": "Bonjour %s", "b": "%d messages", "c": ":wave: %s", "d": "un " + "deux"},
}

var sameWords = tr.Catalog{
	"en": {"title": "Praxis", "count": "*Messages*\n%d", "ref": "<#%s|general> :wave:", "lang": "Français"},
	"fr": {"title": "Praxis", "count": "*Messages*\n%d", "ref": "<#%s|general> :wave:", "lang": "Français"},
}

var bad = tr.Catalog{
	"en": {
		"missing": "only in English",
		"verbs":   "%d of %s",
		"same":    "Settings",
		"empty":   "Empty",
		"code":    fmt.Sprint("computed"),
	},
	"fr": {
		"verbs":  "%s sur %d",
		"same":   "Settings",
		"empty":  "",
		"extra":  "seulement en français",
		"code":   "calculé",
	},
}

var noFrench = tr.Catalog{"en": {"a": "b"}, "de": {"a": "c"}}

var notACatalog = map[string]map[string]string{"en": {"a": "b"}}

var mrkdwn = tr.Catalog{
	"en": {"show": "Show & tell in <#%s>", "quote": ">%s", "tag": "a <b> tag", "arrow": "a -> b"},
	"fr": {"show": "Show &amp; tell dans <#%s>", "quote": ">%s", "tag": "une balise &lt;b&gt;", "arrow": "a &gt; b"},
}

var quoted = tr.Catalog{"en": {"name": "No %q here"}, "fr": {"name": "Pas de %q ici"}}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "bot/x/x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	cats, problems := fileCatalogs(fset, f, "bot/x/x.go")
	if len(cats) != 6 {
		t.Fatalf("got %d catalogs, want 6 (good, sameWords, bad, noFrench, mrkdwn, quoted)", len(cats))
	}
	for _, c := range cats {
		problems = append(problems, c.problems()...)
	}
	sort.Strings(problems)
	want := []string{
		`bot/x/x.go:20: "missing" has no French sentence`,
		`bot/x/x.go:24: en/code: got *ast.CallExpr, want a string literal (or literals joined by +): ` +
			`a computed sentence cannot be checked`,
		`bot/x/x.go:27: fr/verbs: got placeholders ["%s" "%d"], want ["%d" "%s"] as in English`,
		`bot/x/x.go:28: fr/same is the English sentence "Settings": ` +
			`translate it (or, if French writes it the same way, add it to sameInBoth)`,
		`bot/x/x.go:29: fr/empty is empty`,
		`bot/x/x.go:30: "extra" has no English sentence`,
		`bot/x/x.go:31: "code" has no English sentence`,
		`bot/x/x.go:35: language "de", want one of [en fr]`,
		`bot/x/x.go:35: no "fr" sentences`,
		`bot/x/x.go:40: en/arrow holds a bare ">": Slack reads &, < and > as markup (write &amp;, &lt;, &gt;)`,
		`bot/x/x.go:40: en/show holds a bare "&": Slack reads &, < and > as markup (write &amp;, &lt;, &gt;)`,
		`bot/x/x.go:40: en/tag holds a bare "<": Slack reads &, < and > as markup (write &amp;, &lt;, &gt;)`,
		`bot/x/x.go:44: en/name quotes with %q: Go's straight quotes reach people; ` +
			`write « %s » in French, “%s” or plain %s in English`,
		`bot/x/x.go:44: fr/name quotes with %q: Go's straight quotes reach people; ` +
			`write « %s » in French, “%s” or plain %s in English`,
	}
	if !slices.Equal(problems, want) {
		t.Errorf("got problems\n%s\nwant\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
}
