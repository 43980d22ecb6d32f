package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"praxis/bot/config"
	"praxis/bot/redact"
	"praxis/cmd/internal/app"
)

// env is how subcommands read the environment (injected for tests).
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
	in     io.Reader // nil: os.Stdin
	// deps is what tests change in `praxis run`: its clock and whether
	// scheduled jobs run. The zero value is production's.
	deps app.Deps
}

func (e env) stdin() io.Reader {
	if e.in != nil {
		return e.in
	}
	return os.Stdin
}

// subcommand is one `praxis NAME`.
type subcommand struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func subcommands() map[string]subcommand {
	return map[string]subcommand{
		"run":          {"connect to Slack and animate the configured communities", cmdRun},
		"check-config": {"report every problem in a configuration file", cmdCheckConfig},
		"migrate":      {"create or upgrade the database, or copy a SQLite one into PostgreSQL (--from, --to)", cmdMigrate},
		"backup":       {"write a consistent, checked copy of the database while Praxis runs", cmdBackup},
		"import":       {"import a Slack workspace export (zip or folder)", cmdImport},
		"demo":         {"show Praxis working on a sample community, no Slack account needed", cmdDemo},
		"expert":       {"find the members who know about a question", cmdExpert},
		"digest":       {"preview a member's digest without sending it", cmdDigest},
		"nudges":       {"list who would be nudged now, with which message and why (--dry-run)", cmdNudges},
		"report":       {"the facilitators' report, or with --sponsor the sponsors' monthly one", cmdReport},
		"recognition":  {"who helped each community in a month, and the thanks posted for it (nothing sent)", cmdRecognition},
		"member":       {"export or forget what Praxis stores about members (member export|forget U…)", cmdMember},
		"eval":         {"measure expert finding on a Slack export (eval experts EXPORT)", cmdEval},
		"discover":     {"find the communities of practice a workspace already has (EXPORT or the database)", cmdDiscover},
		"version":      {"print the version", cmdVersion},
	}
}

// errUsage marks a command-line mistake (exit status 2).
var errUsage = errors.New("usage")

// run is the whole program: it dispatches to a subcommand.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runIO(ctx, args, getenv, nil, stdout, stderr)
}

// runIO is run with a standard input (nil: os.Stdin). The error it
// returns, which main prints, holds no secret (the environment's, or
// anything shaped like one that a server echoed) and no endless upstream
// body: see bot/redact.
func runIO(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader,
	stdout, stderr io.Writer) error {
	return runEnv(ctx, env{getenv: getenv, stdout: stdout, stderr: stderr, in: stdin}, args)
}

// runEnv is run in a given environment (tests set its clock).
func runEnv(ctx context.Context, e env, args []string) error {
	err := runCommand(ctx, e, args)
	return redact.New(config.SecretsFromEnv(e.getenv).Values()...).Error(err)
}

// runCommand runs the subcommand args name.
func runCommand(ctx context.Context, e env, args []string) error {
	stdout, stderr := e.stdout, e.stderr
	cmds := subcommands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout, cmds)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		usage(stderr, cmds)
		return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer, cmds map[string]subcommand) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "Praxis animates communities of practice in Slack.\n\nUsage: praxis COMMAND [flags]\n\nCommands:")
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'praxis COMMAND --help' for a command's flags.")
}

// newFlags returns a flag set that prints its usage on --help and returns
// errors instead of exiting.
func newFlags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: praxis %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; --help prints usage to stdout and stops the command.
func parse(fs *flag.FlagSet, e env, args []string) (stop bool, err error) {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return true, nil
		}
	}
	if err := fs.Parse(args); err != nil {
		return true, fmt.Errorf("%w: %v", errUsage, err)
	}
	return false, nil
}

// exitCode maps an error to the process exit status.
func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

// configPath picks the configuration file: the flag, then PRAXIS_CONFIG,
// then praxis.yaml.
func configPath(flagValue string, e env) string {
	if flagValue != "" {
		return flagValue
	}
	if p := strings.TrimSpace(e.getenv("PRAXIS_CONFIG")); p != "" {
		return p
	}
	return "praxis.yaml"
}

// asOf reads an --as-of flag: a date (midnight UTC) or an RFC 3339
// instant; empty, now. A bad value is a usage error.
func asOf(flag string) (time.Time, error) {
	if flag == "" {
		return time.Now().UTC(), nil
	}
	return instant("--as-of", flag)
}

// instant reads the value of a flag that names an instant: a date
// (midnight UTC) or RFC 3339. A bad value is a usage error.
func instant(name, flag string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, flag); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, flag)
	if err != nil {
		return t, fmt.Errorf("%w: %s: %q is neither YYYY-MM-DD nor RFC 3339", errUsage, name, flag)
	}
	return t.UTC(), nil
}
