package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/recognition"
	"praxis/store"
)

func cmdRecognition(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "recognition", "recognition [--community NAME] [--month 2026-11] [--as-of TIME] "+
		"[--config FILE] [--db PATH]\n\n"+
		"Who helped each community (or one) in a month: the members whose answers the askers accepted or\n"+
		"thanked, never ranked by how much they wrote, and the thanks the recognition ritual posts in the\n"+
		"community's channel (printed, nothing sent; in Slack a facilitator's `/praxis recognition now` posts it).\n"+
		"Members who may not be named (recognition off, not suggested, paused, forgotten) are left out.\n"+
		"Every figure is defined in docs/metrics.md.")
	community := fs.String("community", "", "only this community (default: every one)")
	month := fs.String("month", "", "the month, YYYY-MM, in each community's time zone (default: the one before --as-of)")
	asOfFlag := fs.String("as-of", "", "when it is asked (RFC 3339 or YYYY-MM-DD): the default month is the one before; "+
		"default now")
	cfgPath := fs.String("config", "", offlineConfigHelp)
	dbPath := fs.String("db", "", offlineDBHelp)
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: recognition takes no arguments (use --community)", errUsage)
	}
	now, err := asOf(*asOfFlag)
	if err != nil {
		return err
	}
	// The month thanked is the one before the instant asked at: a month
	// named is asked at noon on the 1st of the next, in each community's zone.
	at := func(*time.Location) time.Time { return now }
	if *month != "" {
		m, err := time.Parse("2006-01", *month)
		if err != nil {
			return fmt.Errorf("%w: --month: %q is not YYYY-MM", errUsage, *month)
		}
		at = func(loc *time.Location) time.Time { return time.Date(m.Year(), m.Month()+1, 1, 12, 0, 0, 0, loc) }
	}
	off, err := openOffline(ctx, e, *cfgPath, *dbPath, store.Options{})
	if err != nil {
		return err
	}
	defer off.st.Close()
	cs := off.comms.Communities()
	if *community != "" {
		c, ok := off.comms.Named(*community)
		if !ok {
			return fmt.Errorf("%w: no community %q (known: %s)", errUsage, *community, strings.Join(off.comms.Names(), ", "))
		}
		cs = []bot.Community{c}
	}
	w := bufio.NewWriter(e.stdout)
	if err := writeThanks(ctx, w, off.st, cs, at); err != nil {
		return err
	}
	return w.Flush()
}

// writeThanks writes each community's helpers of the month before at(its
// zone), and its post.
func writeThanks(ctx context.Context, w io.Writer, st *store.Store, cs []bot.Community,
	at func(*time.Location) time.Time) error {
	names := st.Names(ctx)
	for i, c := range cs {
		from, to := recognition.Month(at(c.Loc), c.Loc)
		hs, err := recognition.Helpers(ctx, st, c, from, to)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(w)
		}
		noun := "helpers"
		if len(hs) == 1 {
			noun = "helper"
		}
		fmt.Fprintf(w, "%s, %s: %d %s\n", bot.Cut(c.Name, 80), from.Format("January 2006"), len(hs), noun)
		for _, h := range hs {
			fmt.Fprintf(w, "  %s %s: %s (questions answered: %d)\n", h.Member, bot.Cut(names.Member(h.Member), 60),
				recognition.Figures("en", h), h.Answered)
		}
		post := recognition.Post(c, from, hs)
		if post == "" {
			post = "(nobody to thank: nothing is posted)"
		}
		fmt.Fprintf(w, "The post:\n  %s\n", strings.ReplaceAll(post, "\n", "\n  "))
	}
	return nil
}
