package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/privacy"
	"praxis/store"
)

// memberID is a Slack user ID.
var memberID = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

func cmdMember(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "member", "member export [--out FILE] [--config FILE] [--db PATH] U…\n"+
		"       praxis member forget [--yes] [--force] [--config FILE] [--db PATH] U…\n\n"+
		"For administrators, what members do with /praxis export and /praxis forget, for anyone:\n"+
		"  export  writes everything Praxis stores about the members as one JSON array, a document per member as\n"+
		"          /praxis export sends it, to the standard output or --out (created readable by its owner only)\n"+
		"  forget  erases, for good, what Praxis stores about each member: their messages stay counted, without\n"+
		"          text or author; later imports and events about them are recorded the same way. Their words leave\n"+
		"          the database file too (full-text index, free pages, log). It asks for confirmation unless --yes is\n"+
		"          given, and refuses an ID Praxis has never seen (a typo?) unless --force is given")
	cfgPath := fs.String("config", "", offlineConfigHelp)
	dbPath := fs.String("db", "", offlineDBHelp)
	out := fs.String("out", "", "export: write to this file instead of the standard output")
	yes := fs.Bool("yes", false, "forget: do not ask for confirmation")
	force := fs.Bool("force", false, "forget: also members Praxis has never seen (to forget them in advance)")
	if len(args) == 0 || (args[0] != "export" && args[0] != "forget" && !strings.HasPrefix(args[0], "-")) {
		return fmt.Errorf("%w: member export|forget U… (see praxis member --help)", errUsage)
	}
	action := ""
	if !strings.HasPrefix(args[0], "-") {
		action, args = args[0], args[1:]
	}
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	members := fs.Args()
	switch {
	case action == "":
		return fmt.Errorf("%w: member export|forget U…", errUsage)
	case len(members) == 0:
		return fmt.Errorf("%w: member %s needs at least one member ID (U…)", errUsage, action)
	case action == "forget" && *out != "":
		return fmt.Errorf("%w: --out is for export", errUsage)
	case action == "export" && (*force || *yes):
		return fmt.Errorf("%w: --force and --yes are for forget", errUsage)
	}
	for _, m := range members {
		if !memberID.MatchString(m) {
			return fmt.Errorf("%w: %q is not a Slack member ID (U0123ABC)", errUsage, m)
		}
	}
	off, err := openOffline(ctx, e, *cfgPath, *dbPath, store.Options{})
	if err != nil {
		return err
	}
	st := off.st
	defer st.Close()
	if action == "export" {
		return exportMembers(ctx, st, members, *out, e.stdout)
	}
	if !*force {
		if err := knownMembers(ctx, st, members); err != nil {
			return err
		}
	}
	if !*yes && !confirmForget(e, members) {
		return errors.New("nothing erased: not confirmed")
	}
	for _, m := range members {
		first, err := st.Forget(ctx, m)
		if err != nil {
			return err
		}
		if first {
			fmt.Fprintf(e.stdout, "%s: forgotten\n", m)
		} else {
			fmt.Fprintf(e.stdout, "%s: already forgotten (erased again)\n", m)
		}
	}
	// The bytes too: the full-text index, free pages and the log.
	sc, err := st.Scrub(ctx)
	if err != nil {
		return fmt.Errorf("erased, but not yet from the database file "+
			"(praxis run's hourly retention job tries again): %w", err)
	}
	fmt.Fprintf(e.stderr, "erased from the database file in %s\n", sc.Took().Round(time.Millisecond))
	return nil
}

// confirmForget asks on the standard input; only "yes" confirms.
func confirmForget(e env, members []string) bool {
	fmt.Fprintf(e.stderr, "Forget %s? "+
		"Their messages' text, reactions, profile, skills, preferences, nudges, digests and\n"+
		"questions are erased for good (nothing is deleted in Slack). Type yes to confirm: ",
		strings.Join(members, ", "))
	line, _ := bufio.NewReader(e.stdin()).ReadString('\n')
	return strings.TrimSpace(strings.ToLower(line)) == "yes"
}

// knownMembers refuses members Praxis has never seen: forgetting a
// mistyped ID would answer "forgotten" and erase nothing.
func knownMembers(ctx context.Context, st *store.Store, members []string) error {
	var unknown []string
	for _, m := range members {
		s, err := st.PrivacySummary(ctx, m)
		if err != nil {
			return err
		}
		if !s.Known() {
			unknown = append(unknown, m)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("nothing erased: Praxis has never seen %s (check the ID; --force forgets in advance)",
			strings.Join(unknown, ", "))
	}
	return nil
}

// exportMembers writes the members' data as one JSON array of the
// documents /praxis export sends them (privacy.Export), so that a tool
// reads any number of members alike.
func exportMembers(ctx context.Context, st *store.Store, members []string, out string, stdout io.Writer) error {
	p := privacy.New(st, bot.Deps{}, privacy.Options{})
	write := func(w io.Writer) error {
		var buf bytes.Buffer
		buf.WriteString("[\n")
		for i, m := range members {
			b, err := p.Export(ctx, m)
			if err != nil {
				return err
			}
			if i > 0 {
				buf.WriteString(",\n")
			}
			buf.Write(bytes.TrimRight(b, "\n"))
		}
		buf.WriteString("\n]\n")
		_, err := buf.WriteTo(w)
		return err
	}
	if out == "" {
		return write(stdout)
	}
	return writeFileAtomic(out, write) // its owner's only, from its creation
}
