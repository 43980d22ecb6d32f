package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a configuration.
type Problem struct {
	File    string // the file's name as given to Load or Parse; empty when built in code
	Line    int    // 1-based line in File; 0 when not tied to a line (e.g. a missing secret)
	Key     string // path of the key, e.g. "communities[0].channels[1]", or an environment variable
	Message string // what is wrong
	Fix     string // how to fix it
}

// String formats the problem as
// "config.yaml:12: communities[0].channels[1]: message — fix: fix".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		if p.File == "" {
			b.WriteString("line ")
		} else {
			b.WriteString(":")
		}
		b.WriteString(strconv.Itoa(p.Line))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	b.WriteString(p.Message)
	if p.Fix != "" {
		b.WriteString(fixSeparator + p.Fix)
	}
	return b.String()
}

// Problems is every problem found in a configuration, in file order (those
// not tied to a line come last). It implements error; use errors.As to get
// it back from Load or Parse.
type Problems []Problem

// Error lists every problem, one per line.
func (ps Problems) Error() string {
	if len(ps) == 0 {
		return "configuration is valid"
	}
	return strings.Join(ps.Lines(), "\n")
}

// Lines returns each problem formatted on its own line, for a CLI.
func (ps Problems) Lines() []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// Err returns ps as an error, or nil when there is no problem (avoiding a
// non-nil error holding an empty Problems).
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// sorted returns ps in file order, problems without a line last, each
// with the file name set, without exact duplicates.
func (ps Problems) sorted(file string) Problems {
	out := make(Problems, 0, len(ps))
	seen := map[Problem]bool{}
	for _, p := range ps {
		if p.File == "" {
			p.File = file
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Problem) int {
		switch {
		case a.Line == b.Line:
			return 0
		case a.Line == 0:
			return 1
		case b.Line == 0:
			return -1
		}
		return a.Line - b.Line
	})
	return out
}

// without drops the problems about a key already reported in reported, or
// about anything under such a key: they are knock-on effects of a value that
// could not be decoded.
func (ps Problems) without(reported Problems) Problems {
	var out Problems
	for _, p := range ps {
		if !slices.ContainsFunc(reported, func(r Problem) bool { return r.Key != "" && under(p.Key, r.Key) }) {
			out = append(out, p)
		}
	}
	return out
}

// under reports whether key is parent or lies under it.
func under(key, parent string) bool {
	if !strings.HasPrefix(key, parent) {
		return false
	}
	rest := key[len(parent):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// checker collects validation problems, locating keys in the source file.
type checker struct {
	src   *source
	probs Problems
}

// add records a problem about key.
func (k *checker) add(key, msg, fix string) {
	k.probs = append(k.probs, Problem{Line: k.src.lineOf(key), Key: key, Message: msg, Fix: fix})
}

// addf records a problem about key with a formatted message.
func (k *checker) addf(key, fix, format string, args ...any) {
	k.add(key, fmt.Sprintf(format, args...), fix)
}
