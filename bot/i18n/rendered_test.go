package i18n

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"praxis/internal/golden"
)

// TestRenderedCatalogs renders every sentence of every catalog with sample
// values, as people read it, and checks what a reader would catch that
// TestCatalogs cannot: formatting artefacts, "last … ago", the house's
// French typography, and counts written without their plural forms. The
// French renderings go to testdata/catalogs_fr.txt, every sentence of the
// bot in one place for a French reader to review; the file changes with
// the sentences, so a review of the diff is a review of the French.
func TestRenderedCatalogs(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cats, problems := findCatalogs(t, root)
	sort.Slice(cats, func(i, j int) bool {
		return cats[i].file < cats[j].file || cats[i].file == cats[j].file && cats[i].line < cats[j].line
	})
	var fr strings.Builder
	for _, c := range cats {
		// The file, not the line: an edit above a catalog leaves it be.
		fmt.Fprintf(&fr, "## %s\n\n", c.file)
		for _, key := range sortedKeys(c.text["en"]) {
			for _, lang := range Languages {
				s, ok := c.text[lang][key]
				if !ok {
					continue // TestCatalogs says so
				}
				out := render(s, strings.HasSuffix(key, "_one"))
				for _, p := range readerProblems(lang, s, out) {
					problems = append(problems, fmt.Sprintf("%s: %s/%s %q: %s", c.pos[lang][key], lang, key, out, p))
				}
				if lang == "fr" {
					fmt.Fprintf(&fr, "%s\n    %s\n", key, strings.ReplaceAll(out, "\n", "\n    "))
				}
			}
			if p := pluralProblem(c, key); p != "" {
				problems = append(problems, fmt.Sprintf("%s: %s: %s", c.pos["en"][key], key, p))
			}
		}
		fr.WriteString("\n")
	}
	for _, p := range problems {
		t.Error(p)
	}
	golden.Check(t, "catalogs_fr.txt", fr.String())
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// render formats s with a sample value for each of its placeholders, as
// Catalog.T and Catalog.N do: {1}, {2}… for strings (by argument), 3 for
// counts, 1 for the count of a singular (key_one), 2.5 for decimals.
func render(s string, one bool) string {
	var args []any
	next := 0
	for _, v := range verbs.FindAllString(s, -1) {
		if v == "%%" {
			continue
		}
		i := next
		if m := regexp.MustCompile(`\[(\d+)\]`).FindStringSubmatch(v); m != nil {
			i, _ = strconv.Atoi(m[1])
			i--
		}
		next = i + 1
		for len(args) <= i {
			args = append(args, nil)
		}
		switch v[len(v)-1] {
		case 'd':
			args[i] = 3
			if one && i == 0 {
				args[i] = 1
			}
		case 'f', 'g', 'e':
			args[i] = 2.5
		default:
			args[i] = fmt.Sprintf("{%d}", i+1)
		}
	}
	if len(args) == 0 {
		return s // as Catalog.T and N show it: a %% stays %%
	}
	return fmt.Sprintf(s, args...)
}
