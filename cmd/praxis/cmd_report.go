package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/i18n"
	"praxis/bot/report"
	"praxis/bot/report/render"
	"praxis/store"
)

func cmdReport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "report", "report [--sponsor] [--community NAME] [--period 2026-W47 | --from DATE --to DATE] "+
		"[--format text|markdown|html|csv|json]\n"+
		"              [--as-of TIME] [--out FILE] [--config FILE] [--db PATH]\n\n"+
		"The facilitators' participation and health report of each community (or one), for the last whole ISO week\n"+
		"in the community's time zone, an ISO week, or a range of days (--from and --to included). Every figure is\n"+
		"defined in docs/metrics.md. html is a standalone page with its charts, readable printed.\n"+
		"With --sponsor, the sponsors' report: every community side by side over the last whole month (or\n"+
		"--period 2026-11) in the workspace's time zone, against the month before (text, markdown, html or json).")
	community := fs.String("community", "",
		"only this community (default: every one, in the configuration's order, else the database's)")
	period := fs.String("period", "", "an ISO week, such as 2026-W47 (default: the last whole week)")
	from := fs.String("from", "", "first day, YYYY-MM-DD (with --to)")
	to := fs.String("to", "", "last day, YYYY-MM-DD, included (with --from)")
	format := fs.String("format", "text", "text, markdown, html, csv or json")
	out := fs.String("out", "", "write to this file instead of the standard output")
	cfgPath := fs.String("config", "", offlineConfigHelp)
	dbPath := fs.String("db", "", offlineDBHelp)
	sponsor := fs.Bool("sponsor", false, "the sponsors' report: the communities side by side over a month")
	asOfFlag := fs.String("as-of", "",
		"when the report is made (RFC 3339 or YYYY-MM-DD): the default week is the one before; default now")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: report takes no arguments (use --community)", errUsage)
	}
	f, err := render.ParseFormat(*format)
	if err != nil {
		return fmt.Errorf("%w: --format: %v", errUsage, err)
	}
	if *period != "" && (*from != "" || *to != "") {
		return fmt.Errorf("%w: give --period or --from and --to, not both", errUsage)
	}
	if (*from == "") != (*to == "") {
		return fmt.Errorf("%w: --from and --to go together", errUsage)
	}
	now, err := asOf(*asOfFlag)
	if err != nil {
		return err
	}
	off, err := openOffline(ctx, e, *cfgPath, *dbPath, store.Options{})
	if err != nil {
		return err
	}
	st := off.st
	defer st.Close()
	cs := off.comms.Communities()
	if *community != "" {
		c, ok := off.comms.Named(*community)
		if !ok {
			return fmt.Errorf("%w: no community %q (known: %s)", errUsage, *community, strings.Join(off.comms.Names(), ", "))
		}
		cs = []bot.Community{c}
	}
	if *sponsor {
		return sponsorReport(ctx, e, st, off.comms.Fallback(), cs, sponsorArgs{period: *period, from: *from, to: *to,
			format: f, out: *out, now: now})
	}
	// Each community's period, in its own zone; a bad one is a usage error.
	periods := map[string]report.Period{}
	for _, c := range cs {
		var p report.Period
		switch {
		case *period != "":
			p, err = report.ParsePeriod(*period, c.Loc)
		case *from != "":
			p, err = report.Range(*from, *to, c.Loc)
		default:
			p = report.LastWeek(now, c.Loc)
		}
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		periods[c.Name] = p
	}
	periodOf := func(c bot.Community) report.Period { return periods[c.Name] }
	rs, err := report.BuildAll(ctx, st, cs, periodOf, report.Options{Now: now})
	if err != nil {
		return err
	}
	if err := sayHistoryEnded(ctx, e.stderr, st, cs, rs); err != nil {
		return err
	}
	if *out == "" {
		w := bufio.NewWriter(e.stdout)
		if err := render.Render(w, rs, f); err != nil {
			return err
		}
		return w.Flush()
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return render.Render(w, rs, f) })
}

// sayHistoryEnded tells, on stderr, of each community whose period comes
// after its history's end (an export imported years later): its figures
// are all zero and "nobody is slipping" says nothing then. It names the
// last week that has messages, to ask for instead.
func sayHistoryEnded(ctx context.Context, w io.Writer, st *store.Store, cs []bot.Community, rs []*report.Report) error {
	for i, r := range rs {
		if r.Contributions.Messages+r.Contributions.Replies > 0 || i >= len(cs) {
			continue
		}
		var latest time.Time
		for _, ch := range cs[i].ChannelIDs() {
			ts, err := st.LatestTopLevelTS(ctx, ch)
			if err != nil {
				return err
			}
			if t, ok := store.ParseTS(ts); ok && t.After(latest) {
				latest = t
			}
		}
		if latest.IsZero() || !latest.Before(r.Period.From) {
			continue
		}
		last := report.Week(latest, cs[i].Loc)
		fmt.Fprintf(w, "%s: nothing was posted in %s: its history ends on %s. Its last week with messages: "+
			"praxis report --community %q --period %s\n", r.Community, r.Period.Label,
			latest.In(cs[i].Loc).Format(time.DateOnly), r.Community, last.Label)
	}
	return nil
}

// writeFileAtomic writes a file through a temporary one in the same
// directory, renamed into place once complete: a failed run leaves no half
// report behind. The file is its owner's only (0600).
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp) // readable by its owner only (0600): a report names members
	if err := write(w); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// sponsorArgs are the flags of `praxis report --sponsor`.
type sponsorArgs struct {
	period, from, to, out string
	format                render.Format
	now                   time.Time
}

// sponsorReport writes the sponsors' report of cs: the month (or the
// period) in the workspace's zone and language, fb's.
func sponsorReport(ctx context.Context, e env, st *store.Store, fb bot.Community, cs []bot.Community,
	a sponsorArgs) error {
	if !slices.Contains(render.SponsorFormats, a.format) {
		return fmt.Errorf("%w: --format: the sponsors' report is written as text, markdown, html or json", errUsage)
	}
	var p report.Period
	var err error
	switch {
	case a.period != "":
		p, err = report.ParsePeriod(a.period, fb.Loc)
	case a.from != "":
		p, err = report.Range(a.from, a.to, fb.Loc)
	default:
		p = report.LastMonth(a.now, fb.Loc)
	}
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	s, err := report.BuildSponsor(ctx, st, cs, p, i18n.Lang(fb.Language), report.Options{Now: a.now})
	if err != nil {
		return err
	}
	write := func(w io.Writer) error { return render.RenderSponsor(w, s, a.format) }
	if a.out != "" {
		return writeFileAtomic(a.out, write)
	}
	w := bufio.NewWriter(e.stdout)
	if err := write(w); err != nil {
		return err
	}
	return w.Flush()
}
