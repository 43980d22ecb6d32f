package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/nudge"
	"praxis/cmd/internal/app"
	"praxis/store"
)

func cmdNudges(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "nudges", "nudges --dry-run [--config FILE] [--db PATH] [--as-of TIME]\n\n"+
		"Lists who would be nudged now (or at --as-of), with which message and why, and who is held out\n"+
		"or kept back by the policy (budget, quiet hours, back-off, opt-out) and why. Sends nothing.\n"+
		"With --as-of, everything is read as it stood then, on a copy of the database without what came\n"+
		"later (as large as the database; seconds to make on a large one).")
	dry := fs.Bool("dry-run", false, "list the decisions without sending (required: sending is praxis run's hourly job)")
	cfgPath := fs.String("config", "", offlineConfigHelp)
	dbPath := fs.String("db", "", offlineDBHelp)
	asOfFlag := fs.String("as-of", "", "when to judge: RFC 3339 or YYYY-MM-DD (midnight UTC); default now")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if !*dry || fs.NArg() > 0 {
		return fmt.Errorf("%w: nudges takes --dry-run and no arguments", errUsage)
	}
	now, err := asOf(*asOfFlag)
	if err != nil {
		return err
	}
	off, err := openOffline(ctx, e, *cfgPath, *dbPath, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		return err
	}
	st := off.st
	defer st.Close()
	if *asOfFlag != "" {
		past, done, err := pastOf(ctx, st, now)
		if err != nil {
			return err
		}
		defer done()
		st = past
	}
	// The nudger run's hourly job sends with, judging as of now.
	core, err := app.LoadCore(ctx, off.cfg, st, off.comms, "", bot.Deps{Now: func() time.Time { return now }})
	if err != nil {
		return err
	}
	ds, err := core.Nudger.Plan(ctx, now)
	if err != nil {
		return err
	}
	printDecisions(e.stdout, ds, now)
	return nil
}

// pastOf returns a copy of the store holding only what happened before at
// (see store.CopyBefore), and how to close and remove it: the expert index,
// which loads every message, reads the history as it stood at at, as the
// planner's queries do.
func pastOf(ctx context.Context, st *store.Store, at time.Time) (*store.Store, func(), error) {
	dir, err := os.MkdirTemp("", "praxis-nudges-")
	if err != nil {
		return nil, nil, err
	}
	past, err := st.CopyBefore(ctx, dir, at)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return past, func() { past.Close(); os.RemoveAll(dir) }, nil
}

func printDecisions(w io.Writer, ds []nudge.Decision, now time.Time) {
	send, held, blocked := 0, 0, 0
	fmt.Fprintf(w, "Nudges at %s (dry run: nothing is sent)\n", now.UTC().Format(time.RFC3339))
	for _, d := range ds {
		var verdict string
		switch d.Block {
		case nudge.Allowed:
			send++
			verdict = "would send"
		case nudge.Holdout:
			held++
			verdict = "held out: never messaged (the job records it, for the comparison)"
		default:
			blocked++
			verdict = "kept back: " + blockReason(d.Block)
			if !d.Next.IsZero() {
				verdict += ", not before " + d.Next.Format("Mon 2006-01-02 15:04 MST")
			}
		}
		fmt.Fprintf(w, "\n%s  %s  %s  [%s]\n  why: %s\n  %s\n", d.Member, d.Kind, d.Community, d.Key, d.Why, verdict)
		if d.Block == nudge.Allowed {
			for _, line := range strings.Split(d.Content.Text(), "\n") {
				fmt.Fprintf(w, "  | %s\n", line)
			}
		}
	}
	fmt.Fprintf(w, "\n%d to send, %d held out, %d kept back by the policy\n", send, held, blocked)
}

func blockReason(why string) string {
	switch why {
	case nudge.Budget:
		return "weekly budget spent"
	case nudge.QuietTime:
		return "quiet hours or weekend where the member lives"
	case nudge.BackedOff:
		return "backing off after ignored nudges"
	case nudge.OptedOut:
		return "the member turned nudges off"
	case nudge.Disabled:
		return "nudges are off for the community"
	case nudge.AskedEnough:
		return "asked enough about this question (nudges.per_question members already)"
	}
	return why
}
