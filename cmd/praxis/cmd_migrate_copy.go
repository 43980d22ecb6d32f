package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"praxis/store"
)

// migrateCopy is `praxis migrate --from FILE --to URL`: it copies a SQLite
// store into a PostgreSQL one (see store.Copy), with a progress display on
// stderr, and prints each table's counts.
func migrateCopy(ctx context.Context, e env, from, to string, batch int) error {
	if to == "" {
		u, err := envDatabase(e)
		if err != nil {
			return err
		}
		to = u
	}
	switch {
	case from == "":
		return fmt.Errorf("%w: --to needs --from FILE, the SQLite database to copy", errUsage)
	case to == "":
		return fmt.Errorf("%w: --from needs --to postgres://…, or $PRAXIS_DATABASE_URL", errUsage)
	case !store.IsPostgres(to):
		return fmt.Errorf("%w: --to takes a postgres:// URL", errUsage)
	}
	if err := copyableSource(ctx, from); err != nil {
		return err
	}
	src, err := store.Open(ctx, from, store.Options{})
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.OpenPostgres(ctx, to, store.Options{})
	if err != nil {
		return err
	}
	defer dst.Close()
	start := time.Now() // for the figures printed only
	prog := &copyProgress{w: e.stderr, terminal: isTerminalWriter(e.stderr), now: time.Now}
	res, err := store.Copy(ctx, src, dst, store.CopyOptions{Batch: batch, Progress: prog.update})
	prog.end()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("copy interrupted: run the same command again, it goes on where it stopped: %w", err)
	}
	if len(res.Tables) == 0 {
		return err
	}
	printCounts(e.stdout, res)
	if err != nil {
		return err
	}
	var copied, rows int64
	for _, c := range res.Tables[:len(res.Tables)-1] {
		copied += c.Copied
		rows += c.Target
	}
	fmt.Fprintf(e.stdout, "Copied %s to %s in %s: %d rows now (%d copied by this run); every table counted the same.\n",
		from, databaseName(to), time.Since(start).Round(time.Millisecond), rows, copied)
	return nil
}

// copyableSource refuses, before the source is opened as a store (which
// would migrate it), a source at another schema version than this praxis's.
func copyableSource(ctx context.Context, path string) error {
	v, err := store.FileSchemaVersion(ctx, path)
	if err != nil {
		return err
	}
	want, err := store.SchemaLatest()
	if err != nil {
		return err
	}
	switch {
	case v < want:
		return fmt.Errorf("%s is at schema version %d, this praxis at %d: upgrade it first with "+
			"praxis migrate --db %s (on a copy if it must stay as it is)", path, v, want, path)
	case v > want:
		return fmt.Errorf("%s is at schema version %d, newer than this praxis (%d): copy it with the praxis "+
			"that wrote it", path, v, want)
	}
	return nil
}

// printCounts writes the count check: each table's rows on both sides.
func printCounts(w io.Writer, res store.CopyResult) {
	fmt.Fprintf(w, "%-24s %10s %10s %10s\n", "table", "source", "target", "copied")
	for _, c := range res.Tables {
		verdict := "ok"
		if c.Source != c.Target {
			verdict = "DIFFERENT"
		}
		fmt.Fprintf(w, "%-24s %10d %10d %10d  %s\n", c.Table, c.Source, c.Target, c.Copied, verdict)
	}
	var nuls []string
	for _, c := range res.Tables {
		if c.NULs > 0 {
			nuls = append(nuls, fmt.Sprintf("%s %d", c.Table, c.NULs))
		}
	}
	if len(nuls) > 0 {
		fmt.Fprintf(w, "Text values copied without the NUL characters they held, which PostgreSQL cannot store: %s\n",
			strings.Join(nuls, ", "))
	}
}

// databaseName is a database file's path, or its URL without the
// password, to print.
func databaseName(db string) string {
	if !store.IsPostgres(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "the PostgreSQL database"
	}
	return u.Redacted()
}

// copyProgress shows a copy advancing, table by table: on a terminal a
// bar redrawn in place, else a line every few seconds and one per table
// that had rows to copy. (bot/history's progress counts an import's day
// files; this one rows of tables.)
type copyProgress struct {
	w        io.Writer
	terminal bool
	now      func() time.Time
	cur      store.CopyProgress
	first    int64 // rows the table held when its copy began
	start    time.Time
	drawn    time.Time
}

// update is store.CopyOptions.Progress.
func (p *copyProgress) update(c store.CopyProgress) {
	now := p.now()
	if c.Table != p.cur.Table {
		p.finish()
		p.first, p.start, p.drawn = c.Done, now, now
	}
	p.cur = c
	every := 5 * time.Second
	if p.terminal {
		every = 200 * time.Millisecond
	}
	if c.Done < c.Total && now.Sub(p.drawn) >= every && c.Done > p.first {
		p.drawn = now
		p.draw(now)
	}
}

// finish draws the table just copied, if it copied anything.
func (p *copyProgress) finish() {
	if p.cur.Table == "" || p.cur.Done == p.first {
		return
	}
	p.draw(p.now())
	if p.terminal {
		fmt.Fprintln(p.w)
	}
}

// end finishes the display.
func (p *copyProgress) end() { p.finish(); p.cur = store.CopyProgress{} }

func (p *copyProgress) draw(now time.Time) {
	c := p.cur
	rate := float64(c.Done-p.first) / max(now.Sub(p.start).Seconds(), 1e-3)
	eta := ""
	if c.Done < c.Total && rate > 0 {
		eta = ", ETA " + time.Duration(float64(c.Total-c.Done)/rate*float64(time.Second)).Round(time.Second).String()
	}
	if !p.terminal {
		fmt.Fprintf(p.w, "copy: %d/%d %s: %d/%d rows, %.0f rows/s%s\n", c.Index, c.Tables, c.Table, c.Done, c.Total,
			rate, eta)
		return
	}
	const width = 30
	filled := width
	if c.Total > 0 {
		filled = int(width * c.Done / c.Total)
	}
	fmt.Fprintf(p.w, "\r[%s%s] %2d/%d %-18s %d/%d rows  %.0f/s%s   ", strings.Repeat("█", filled),
		strings.Repeat("·", width-filled), c.Index, c.Tables, c.Table, c.Done, c.Total, rate, eta)
}
