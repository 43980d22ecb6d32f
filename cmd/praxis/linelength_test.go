package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxLine is the house limit on a line of Go source, in characters (runes,
// a tab counting as one): French and Japanese text is not penalised for its
// multi-byte letters.
const maxLine = 120

// TestNoLongLines keeps every .go line of the module within maxLine
// characters, so that code reads without scrolling and a long call, literal
// or message is split at its natural points rather than left to grow. It
// lists each offending file:line.
func TestNoLongLines(t *testing.T) {
	root := moduleRoot(t)
	for _, path := range goFiles(t, root, ".go") {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		for _, n := range longLines(src, maxLine) {
			t.Errorf("%s:%d: longer than %d characters; split it at a natural point", rel, n, maxLine)
		}
	}
}

// TestLongLinesCheckCatches shows the check above counting characters, not
// bytes: a French line of exactly maxLine characters passes, one more fails.
func TestLongLinesCheckCatches(t *testing.T) {
	fits := "\t// " + strings.Repeat("é", maxLine-4)
	src := strings.Join([]string{
		"package x",
		fits,
		fits + "e",
		"\t" + strings.Repeat("x", maxLine),
		"",
	}, "\n")
	if len(fits) <= maxLine {
		t.Fatalf("the fitting line is %d bytes, want more than %d so that bytes and runes differ", len(fits), maxLine)
	}
	got := fmt.Sprint(longLines([]byte(src), maxLine))
	if want := "[3 4]"; got != want {
		t.Fatalf("got lines %s flagged, want %s", got, want)
	}
}

// longLines returns the numbers (from 1) of the lines of src longer than max
// characters.
func longLines(src []byte, max int) []int {
	var long []int
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, len(src)+1)
	for n := 1; sc.Scan(); n++ {
		if utf8.RuneCount(sc.Bytes()) > max {
			long = append(long, n)
		}
	}
	return long
}

// goFiles returns the module's files whose names end with suffix, leaving out
// testdata and hidden folders: the sources the source checks read.
func goFiles(t *testing.T, root, suffix string) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, suffix) {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}
