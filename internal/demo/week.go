package demo

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/report"
	"praxis/bot/report/render"
	"praxis/internal/sample"
	"praxis/store"
)

// previewDigests prints the personal digests of the replay's week of an
// English-speaking and a French-speaking member, built as `praxis digest
// --member` builds them (the same code as the hourly job's, nothing sent).
func (d *demo) previewDigests(ctx context.Context) error {
	c, err := d.pickCast()
	if err != nil {
		return err
	}
	english := c.regular
	for _, u := range []sample.User{c.regular, c.helper, c.newcomer} {
		if !strings.HasPrefix(u.Locale, "fr") {
			english = u
			break
		}
	}
	st, err := store.Open(ctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := d.setup.Digests(ctx, st)
	if err != nil {
		return err
	}
	to := d.day(8)
	from := to.AddDate(0, 0, -7)
	d.say("\n5. Personal digests of the replay's week, previewed as `praxis digest --member U… --as-of %s` does "+
		"(the hourly job's code;", to.Format(time.DateOnly))
	d.say("   the demo sends none: every member due at an hour would get one). " +
		"Each in the member's language, from their Slack locale:")
	// The French-speaking member: the replay's, else the first whose week
	// holds something (a member with nothing new gets no digest).
	frenchs := []sample.User{c.french}
	for _, u := range d.ws.Users {
		if !u.IsBot && strings.HasPrefix(u.Locale, "fr") {
			frenchs = append(frenchs, u)
		}
	}
	for _, group := range [][]sample.User{{english}, frenchs} {
		var u sample.User
		var dg digest.Digest
		for _, u = range group {
			if dg, err = b.Build(ctx, u.ID, from, to); err != nil {
				return err
			}
			if !dg.Empty() {
				break
			}
		}
		d.say("\n   → to %s (%s, %s):", u.RealName, u.ID, u.Locale)
		if dg.Empty() {
			d.say("       nothing this week: no digest")
			continue
		}
		for _, l := range strings.Split(strings.TrimRight(dg.Text(), "\n"), "\n") {
			d.say("       %s", l)
		}
	}
	return nil
}

// reportAsOf is when the demo's report is made: Monday 20:00 UTC of the
// replay's first day, Monday or Tuesday morning in every zone, so that the
// last whole week is the history's last one everywhere. The replay's own
// week holds only its few scenes: reported, three of the four communities
// would look dead (no active member), which is the sample's end, not theirs.
func (d *demo) reportAsOf() time.Time { return d.day(1).Add(20 * time.Hour) }

// writeReport writes the facilitators' report of the history's last week,
// every community in one standalone HTML page, as `praxis report --format
// html` does, and prints each community's summary.
func (d *demo) writeReport(ctx context.Context) error {
	st, err := store.Open(ctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	end := d.reportAsOf()
	lastWeek := func(c bot.Community) report.Period { return report.LastWeek(end, c.Loc) }
	rs, err := report.BuildAll(ctx, st, d.setup.Communities.Communities(), lastWeek, report.Options{Now: end})
	if err != nil {
		return err
	}
	path := filepath.Join(d.Dir, "report.html")
	if err := d.WriteFile(path, func(w io.Writer) error { return render.Render(w, rs, render.HTML) }); err != nil {
		return err
	}
	d.say("\n6. The facilitators' weekly report of the history's last whole week, as sent on day 1 " +
		"(by DM each Monday; `praxis report` on the command line),")
	d.say("   every community in one standalone HTML page with its charts: %s", path)
	for _, r := range rs {
		d.say("")
		for _, l := range strings.Split(strings.TrimRight(render.Summary(r), "\n"), "\n") {
			d.say("   %s", l)
		}
	}
	return nil
}

func (d *demo) conclude(ctx context.Context) error {
	st, err := store.Open(ctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	d.say("\n7. The database now holds %d communities, %d members, %d messages "+
		"(%d thread replies, %d deleted kept as tombstones),", s.Communities, s.Members, s.Messages, s.Replies, s.Deleted)
	d.say("   %d reactions, %d links and files, %d joins. Nothing is left in the inbox (%d) or the outbox (%d).",
		s.Reactions, s.Resources, s.Joins, s.InboxPending, s.OutboxPending)
	d.say("\nExplore it (sqlite3 or any SQLite browser):")
	d.say("   sqlite3 %s \"SELECT c.name, count(*) FROM messages m JOIN channels ch ON ch.id = m.channel_id "+
		"JOIN communities c ON c.id = ch.community_id GROUP BY 1\"", d.db)
	// The index holds stems (store/terms): "rotat" finds rotate, rotation, rotations.
	d.say("   sqlite3 %s \"SELECT m.text FROM messages_fts f JOIN messages m ON m.id = f.rowid "+
		"WHERE messages_fts MATCH 'rotat' ORDER BY bm25(messages_fts) LIMIT 5\"", d.db)
	cfg := filepath.Join(d.Dir, "praxis.yaml")
	d.say("   go run ./cmd/praxis import --config %s %s   # again: adds nothing", cfg, filepath.Join(d.Dir, "export"))
	d.say("   go run ./cmd/praxis report --config %s --as-of %s --format markdown",
		cfg, d.reportAsOf().Format(time.RFC3339))
	d.say("\nDone in %s. Files are in %s.", time.Since(d.started).Round(100*time.Millisecond), d.Dir)
	return nil
}
