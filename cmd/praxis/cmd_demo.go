package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"praxis/bot/config"
	"praxis/bot/digest"
	"praxis/bot/expert"
	"praxis/bot/history"
	"praxis/bot/report"
	"praxis/internal/sample"
	"praxis/internal/slackemu"
	"praxis/store"
)

func cmdDemo(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "demo", "demo [--seed N] [--dir DIR]\n\n"+
		"Shows Praxis working with no Slack account: generates a sample workspace, imports its\n"+
		"history, starts the built-in Slack emulator and the real bot over a real websocket, replays\n"+
		"a few days of live activity on a fast clock, prints what happened and what Praxis did, then\n"+
		"previews two members' personal digests of that week (one in English, one in French).")
	seed := fs.Int64("seed", 42, "seed of the sample workspace (same seed, same story)")
	dir := fs.String("dir", "", "where to keep the demo's files (default: a new temporary directory)")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "praxis-demo-")
		if err != nil {
			return err
		}
		*dir = d
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	d := &demo{out: e.stdout, dir: *dir, started: time.Now()}
	return d.run(ctx, *seed)
}

// demo is one run of `praxis demo`.
type demo struct {
	out     io.Writer
	dir     string
	started time.Time
	ws      *sample.Workspace
	emu     *slackemu.Server
	clock   atomic.Int64 // the emulated workspace's time, Unix nanoseconds
	cfg     *config.Config
	db      string
	lag     error // the first hour the scheduled jobs did not settle in (see settle)
}

func (d *demo) say(format string, args ...any) { fmt.Fprintf(d.out, format+"\n", args...) }

func (d *demo) now() time.Time { return time.Unix(0, d.clock.Load()).UTC() }

// after is time.After on the demo's clock, for the scheduler: the channel
// fires once the clock has moved on by dur (it is looked at every 10ms),
// or never if ctx ends first.
func (d *demo) after(ctx context.Context) func(time.Duration) <-chan time.Time {
	return func(dur time.Duration) <-chan time.Time {
		ch := make(chan time.Time, 1)
		until := d.now().Add(dur)
		go func() {
			t := time.NewTicker(10 * time.Millisecond)
			defer t.Stop()
			for {
				if now := d.now(); !now.Before(until) {
					ch <- now
					return
				}
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		}()
		return ch
	}
}

func (d *demo) run(ctx context.Context, seed int64) error {
	d.say("Praxis demo: a sample workspace, the built-in Slack emulator and the real bot. No token, no network.\n")
	if err := d.generate(seed); err != nil {
		return err
	}
	if err := d.importHistory(ctx); err != nil {
		return err
	}
	stop, err := d.startBot(ctx)
	if err != nil {
		return err
	}
	if err := d.replay(ctx); err != nil {
		stop()
		return err
	}
	stop()
	if err := d.previewDigests(ctx); err != nil {
		return err
	}
	if err := d.writeReport(ctx); err != nil {
		return err
	}
	return d.conclude(ctx)
}

// writeReport writes the facilitators' report of the replay's week, every
// community in one standalone HTML page, as `praxis report --format html`
// does, and prints each community's summary.
func (d *demo) writeReport(ctx context.Context) error {
	st, err := store.Open(ctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	// Monday 20:00 UTC is Monday or Tuesday morning in every zone: the last
	// whole week is the replay's everywhere.
	end := d.day(8).Add(20 * time.Hour)
	rs, err := report.BuildAll(ctx, st, d.cfg, func(c config.Community) report.Period { return report.LastWeek(end, c.Location()) },
		report.Options{Now: end})
	if err != nil {
		return err
	}
	path := filepath.Join(d.dir, "report.html")
	if err := writeFileAtomic(path, func(w io.Writer) error { return report.Render(w, rs, report.HTML) }); err != nil {
		return err
	}
	d.say("\n6. The facilitators' weekly report of that week (sent by DM each Monday; `praxis report` on the command line),")
	d.say("   every community in one standalone HTML page with its charts: %s", path)
	for _, r := range rs {
		d.say("")
		for _, l := range strings.Split(strings.TrimRight(report.Summary(r), "\n"), "\n") {
			d.say("   %s", l)
		}
	}
	return nil
}

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
	eng := expert.New(st, engineOptions(d.cfg))
	if err := eng.Load(ctx); err != nil {
		return err
	}
	b := digest.New(st, digest.Options{Experts: eng, Communities: digest.FromConfig(d.cfg.Communities, storeChannels(ctx, st))})
	to := d.day(8)
	from := to.AddDate(0, 0, -7)
	d.say("\n5. Personal digests of the replay's week, previewed as `praxis digest --member U… --as-of %s` does (the hourly job's code;", to.Format(time.DateOnly))
	d.say("   the demo sends none: every member due at an hour would get one). Each in the member's language, from their Slack locale:")
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

// generate writes the sample workspace as a Slack export and builds the
// emulated workspace with the same members and channels.
func (d *demo) generate(seed int64) error {
	d.ws = sample.New(sample.Options{Seed: seed})
	export := filepath.Join(d.dir, "export")
	st, err := d.ws.WriteDir(export)
	if err != nil {
		return err
	}
	d.say("1. Generated a sample workspace (seed %d): %d members, %d channels, %d communities,", seed, st.Members, st.Channels, len(d.ws.Communities))
	d.say("   %d messages (%d thread replies), %d reactions, over %d days, as a standard Slack export in %s", st.Messages, st.Replies, st.Reactions, d.ws.Options.Days, export)
	d.clock.Store(d.ws.Options.End.UnixNano())
	d.emu = slackemu.New(slackemu.Options{Now: d.now, Logf: func(string, ...any) {}})
	for _, u := range d.ws.Users {
		d.emu.AddUser(slackemu.User{ID: u.ID, Name: u.Name, RealName: u.RealName, DisplayName: u.DisplayName,
			TZ: u.TZ, TZOffset: u.TZOffset, Locale: u.Locale, IsBot: u.IsBot})
	}
	for _, c := range d.ws.Channels {
		d.emu.AddChannel(slackemu.Channel{ID: c.ID, Name: c.Name, IsPrivate: c.Private, Purpose: c.Purpose,
			Members: append(append([]string(nil), c.Members...), "UPRAXIS")})
	}
	d.db = filepath.Join(d.dir, "praxis.db")
	cfg, err := config.Parse([]byte(d.ws.ConfigYAML(d.emu.APIURL(), d.db)), "demo.yaml", demoSecrets)
	if err != nil {
		return fmt.Errorf("demo configuration: %w", err)
	}
	cfg.Admin.Listen = ""
	cfg.Outbox.RatePerSecond, cfg.Outbox.Burst = 20, 5
	keepOneRitual(cfg)
	// The hourly job would send every member due at an hour their digest, a
	// dozen DMs at a time: the demo shows two, previewed (see previewDigests).
	// Likewise the weekly reports: due on Monday morning, in the middle of
	// the replay, they are shown in step 6 instead (see writeReport).
	for i := range cfg.Communities {
		cfg.Communities[i].Digest.Frequency = config.FrequencyOff
		cfg.Communities[i].Report.Weekday, cfg.Communities[i].Report.Hour = "saturday", 12
	}
	d.cfg = cfg
	return os.WriteFile(filepath.Join(d.dir, "praxis.yaml"), []byte(d.ws.ConfigYAML(d.emu.APIURL(), d.db)), 0o600)
}

func demoSecrets(k string) string {
	return map[string]string{config.EnvBotToken: "xoxb-emulator", config.EnvAppToken: "xapp-emulator"}[k]
}

func (d *demo) importHistory(ctx context.Context) error {
	exp, err := history.OpenExport(filepath.Join(d.dir, "export"))
	if err != nil {
		return err
	}
	defer exp.Close()
	st, err := store.Open(ctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	var comms []history.Community
	for _, c := range d.cfg.Communities {
		comms = append(comms, history.Community{Name: c.Name, Vocation: c.Vocation, Language: c.Language, Timezone: c.Timezone, Channels: c.Channels})
	}
	sum, err := history.Import(ctx, st, exp, history.Options{Communities: comms})
	if err != nil {
		return err
	}
	questions, err := history.FollowAllQuestions(ctx, st)
	if err != nil {
		return err
	}
	d.say("\n2. Imported that history with `praxis import` in %s: %d channels, %d members, %d messages, %d thread replies, %d reactions, %d links and files;",
		sum.Elapsed.Round(time.Millisecond), sum.Channels, sum.Members, sum.Messages, sum.Replies, sum.Reactions, sum.Resources)
	d.say("   %d questions found in it and followed to their answers, as the live tracker would have.", questions)
	return nil
}

// startBot runs the real bot (serve, as `praxis run` does) against the
// emulator over Socket Mode, and returns how to stop it.
func (d *demo) startBot(ctx context.Context) (func(), error) {
	logf, err := os.Create(filepath.Join(d.dir, "praxis.log"))
	if err != nil {
		return nil, err
	}
	log := newLogger(config.Log{Level: "debug", Format: "json"}, logf, d.cfg.Secrets)
	bctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- serve(bctx, d.cfg, log, serveOptions{now: d.now, after: d.after(bctx), routeEvery: 50 * time.Millisecond})
	}()
	wctx, wcancel := context.WithTimeout(ctx, 20*time.Second)
	defer wcancel()
	if err := d.emu.WaitConnected(wctx, 1); err != nil {
		cancel()
		return nil, fmt.Errorf("the bot did not connect to the emulator (see %s): %w", logf.Name(), err)
	}
	d.say("\n3. Started the Slack emulator and Praxis. Praxis connected over Socket Mode (a real websocket),")
	d.say("   resolved the configured channels, and back-fills anything it missed. Its log: %s", logf.Name())
	return func() {
		cancel()
		<-done
		d.emu.Close()
		logf.Close()
	}, nil
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
	d.say("\n7. The database now holds %d communities, %d members, %d messages (%d thread replies, %d deleted kept as tombstones),", s.Communities, s.Members, s.Messages, s.Replies, s.Deleted)
	d.say("   %d reactions, %d links and files, %d joins. Nothing is left in the inbox (%d) or the outbox (%d).", s.Reactions, s.Resources, s.Joins, s.InboxPending, s.OutboxPending)
	d.say("\nExplore it (sqlite3 or any SQLite browser):")
	d.say("   sqlite3 %s \"SELECT c.name, count(*) FROM messages m JOIN channels ch ON ch.id = m.channel_id JOIN communities c ON c.id = ch.community_id GROUP BY 1\"", d.db)
	// The index holds stems (store/terms): "rotat" finds rotate, rotation, rotations.
	d.say("   sqlite3 %s \"SELECT m.text FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH 'rotat' ORDER BY bm25(messages_fts) LIMIT 5\"", d.db)
	d.say("   go run ./cmd/praxis import --config %s %s   # again: adds nothing", filepath.Join(d.dir, "praxis.yaml"), filepath.Join(d.dir, "export"))
	d.say("   go run ./cmd/praxis report --config %s --as-of %s --format markdown", filepath.Join(d.dir, "praxis.yaml"), d.day(8).Add(20*time.Hour).Format(time.RFC3339))
	d.say("\nDone in %s. Files are in %s.", time.Since(d.started).Round(100*time.Millisecond), d.dir)
	return nil
}
