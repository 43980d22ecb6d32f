package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"praxis/bot/expert"
)

// helps lists every command line with a --help of its own: each
// subcommand, and eval's one.
func helps() [][]string {
	var out [][]string
	for name := range subcommands() {
		out = append(out, []string{name})
	}
	return append(out, []string{"eval", "experts"})
}

var (
	definedFlag   = regexp.MustCompile(`(?m)^  -([a-z][a-z0-9-]*)`)
	namedFlag     = regexp.MustCompile(`--([a-z][a-z0-9-]*)`)
	namedCommand  = regexp.MustCompile(`(?:^|[^/\w])praxis ([a-z][a-z0-9-]*)`) // not Slack's /praxis
	absentCommand = regexp.MustCompile(`\bserve\b`)                            // the name the help once gave praxis run
)

// TestHelpMatchesTheCommands checks every --help against the command's
// real flags and the real commands: each flag defined appears in the
// synopsis, the synopsis names no flag that is not defined, and the text
// names no command that does not exist.
func TestHelpMatchesTheCommands(t *testing.T) {
	cmds := subcommands()
	for _, args := range helps() {
		name := strings.Join(args, " ")
		out, err := runCLI(t, nil, append(args, "--help")...)
		if err != nil {
			t.Errorf("%s --help: %v", name, err)
			continue
		}
		synopsis, flags, _ := strings.Cut(out, "\n  -") // PrintDefaults lists the flags last
		synopsis, _, _ = strings.Cut(synopsis, "\n\n")
		flags = "\n  -" + flags
		defined := map[string]bool{}
		for _, m := range definedFlag.FindAllStringSubmatch(flags, -1) {
			defined[m[1]] = true
			if !strings.Contains(synopsis, "--"+m[1]) {
				t.Errorf("%s --help: the synopsis lacks --%s:\n%s", name, m[1], synopsis)
			}
		}
		for _, m := range namedFlag.FindAllStringSubmatch(synopsis, -1) {
			if !defined[m[1]] {
				t.Errorf("%s --help: the synopsis names --%s, which %s does not define", name, m[1], name)
			}
		}
		for _, m := range namedCommand.FindAllStringSubmatch(out, -1) {
			if _, ok := cmds[m[1]]; !ok {
				t.Errorf("%s --help names praxis %s, which does not exist", name, m[1])
			}
		}
		if m := absentCommand.FindString(out); m != "" {
			t.Errorf("%s --help names %q, which is no command", name, m)
		}
	}
}

// TestEvalRefusals: eval's mistakes are usage errors that say "usage" once.
func TestEvalRefusals(t *testing.T) {
	for _, args := range [][]string{
		{"eval", "foo"},
		{"eval"},
		{"eval", "experts", "--split", "0", "x.zip"},
		{"eval", "experts", "--split", "1", "x.zip"},
		{"eval", "experts", "--split", "-0.2", "x.zip"},
	} {
		_, err := runCLI(t, nil, args...)
		if exitCode(err) != 2 || strings.Count(err.Error(), "usage") != 1 {
			t.Errorf("%v: got %v, want one usage error", args, err)
		}
	}
}

// TestJSONKeysAreSnakeCase: eval experts --format json names its fields as
// every other JSON output does.
func TestJSONKeysAreSnakeCase(t *testing.T) {
	rep := expert.EvalReport{Cutoff: time.Unix(0, 0).UTC(), Methods: []expert.Scores{{Method: "praxis"}},
		Fitted: expert.DefaultModel()}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if !snake.MatchString(k) {
					t.Errorf("%s: key %q is not snake_case", path, k)
				}
				walk(path+"."+k, e)
			}
		case []any:
			for _, e := range x {
				walk(path+"[]", e)
			}
		}
	}
	walk("", v)
}
