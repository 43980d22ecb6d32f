// Package demo is `praxis demo`: Praxis working with no Slack account. It
// generates a sample workspace (internal/sample) and imports its history,
// starts the Slack emulator (internal/slackemu) and the real bot over a real
// websocket, replays a few days of live activity on a fast clock, then
// previews digests, writes the facilitators' report of the history's last
// week and shows the monthly thanks of its last month. It lives beside the
// kits it plays with, out of the bot's packages; the command hands it what
// only the command builds: the bot itself and a few of its helpers.
package demo

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/history"
	"praxis/internal/sample"
	"praxis/internal/slackemu"
	"praxis/store"
)

// Options are one run's settings and what it needs of the program it shows,
// as package main has it (the demo runs the real thing, not a copy).
type Options struct {
	Seed int64     // of the sample workspace: same seed, same story
	Dir  string    // where the demo's files go
	Out  io.Writer // what the demo tells
	// Serve runs the bot as `praxis run` does until ctx ends, with the
	// demo's configuration (the text of its file), its log written to
	// log, every component on clock.
	Serve func(ctx context.Context, config []byte, log io.Writer, clock Clock) error
	// Load reads the demo's configuration as the commands do: its
	// communities, each channel reference of the file resolved by
	// channels, and how `praxis digest` builds digests.
	Load func(config []byte, channels map[string]bot.Channel) (Setup, error)
	// WriteFile writes a file as `praxis report --out` does.
	WriteFile func(path string, write func(io.Writer) error) error
}

// Setup is what the commands make of the demo's configuration.
type Setup struct {
	Communities *bot.Directory
	// Digests builds digests from st as `praxis digest` does: expert
	// finding loaded for the questions section, the model if one is
	// configured.
	Digests func(ctx context.Context, st *store.Store) (*digest.Reader, error)
}

// Clock is the demo's fast clock, as the bot is to read it.
type Clock struct {
	Now   func() time.Time                     // every component's clock
	After func(time.Duration) <-chan time.Time // the scheduler's sleeps
	// RouteEvery is how often, in real time, the router checks unanswered
	// questions: the demo's hours pass in seconds.
	RouteEvery time.Duration
}

// Run plays the demo, telling o.Out what happens, and leaves its files in
// o.Dir.
func Run(ctx context.Context, o Options) error {
	d := &demo{Options: o, started: time.Now()}
	return d.run(ctx)
}

// demo is one run of `praxis demo`.
type demo struct {
	Options
	started time.Time
	ws      *sample.Workspace
	emu     *slackemu.Server
	clock   atomic.Int64 // the emulated workspace's time, Unix nanoseconds
	config  []byte       // the configuration file's text
	setup   Setup
	db      string
	lag     error // the first hour the scheduled jobs did not settle in (see settle)
}

func (d *demo) say(format string, args ...any) { fmt.Fprintf(d.Out, format+"\n", args...) }

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

func (d *demo) run(ctx context.Context) error {
	if err := prepareDir(d.Dir); err != nil {
		return err
	}
	d.say("Praxis demo: a sample workspace, the built-in Slack emulator and the real bot. No token, no network.\n")
	if err := d.generate(); err != nil {
		return err
	}
	if err := d.importHistory(ctx); err != nil {
		return err
	}
	if err := d.discover(ctx); err != nil {
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
	if err := d.showThanks(ctx); err != nil {
		return err
	}
	return d.conclude(ctx)
}

// generate writes the sample workspace as a Slack export and builds the
// emulated workspace with the same members and channels.
func (d *demo) generate() error {
	d.ws = sample.New(sample.Options{Seed: d.Seed})
	export := filepath.Join(d.Dir, "export")
	st, err := d.ws.WriteDir(export)
	if err != nil {
		return err
	}
	d.say("1. Generated a sample workspace (seed %d): %d members, %d channels, %d communities,",
		d.Seed, st.Members, st.Channels, len(d.ws.Communities))
	d.say("   %d messages (%d thread replies), %d reactions, over %d days, as a standard Slack export in %s",
		st.Messages, st.Replies, st.Reactions, d.ws.Options.Days, export)
	d.clock.Store(d.ws.Options.End.UnixNano())
	d.emu = slackemu.New(slackemu.Options{Now: d.now, Logf: func(string, ...any) {}})
	for _, u := range d.ws.Users {
		d.emu.AddUser(slackemu.User{
			ID:          u.ID,
			Name:        u.Name,
			RealName:    u.RealName,
			DisplayName: u.DisplayName,
			TZ:          u.TZ,
			TZOffset:    u.TZOffset,
			Locale:      u.Locale,
			IsBot:       u.IsBot,
		})
	}
	for _, c := range d.ws.Channels {
		d.emu.AddChannel(slackemu.Channel{ID: c.ID, Name: c.Name, IsPrivate: c.Private, Purpose: c.Purpose,
			Members: append(append([]string(nil), c.Members...), "UPRAXIS")})
	}
	d.db = filepath.Join(d.Dir, "praxis.db")
	d.config = []byte(d.ws.ConfigYAML(d.emu.APIURL(), d.db))
	channels := map[string]bot.Channel{}
	for _, c := range d.ws.Channels {
		channels[c.ID] = bot.Channel{ID: c.ID, Name: c.Name, Private: c.Private}
	}
	if d.setup, err = d.Load(d.config, channels); err != nil {
		return fmt.Errorf("demo configuration: %w", err)
	}
	return os.WriteFile(filepath.Join(d.Dir, "praxis.yaml"), d.config, 0o600)
}

func (d *demo) importHistory(ctx context.Context) error {
	exp, err := history.OpenExport(filepath.Join(d.Dir, "export"))
	if err != nil {
		return err
	}
	defer exp.Close()
	st, err := store.Open(ctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := history.Import(ctx, st, exp, history.Options{Communities: d.ws.Resolved()})
	if err != nil {
		return err
	}
	questions, err := history.FollowAllQuestions(ctx, st)
	if err != nil {
		return err
	}
	d.say("\n2. Imported that history with `praxis import` in %s: %d channels, %d members, %d messages, "+
		"%d thread replies, %d reactions, %d links and files;", sum.Elapsed.Round(time.Millisecond),
		sum.Channels, sum.Members, sum.Messages, sum.Replies, sum.Reactions, sum.Resources)
	d.say("   %d questions found in it and followed to their answers, as the live tracker would have.", questions)
	return nil
}

// startBot runs the real bot (serve, as `praxis run` does) against the
// emulator over Socket Mode, and returns how to stop it.
func (d *demo) startBot(ctx context.Context) (func(), error) {
	logf, err := os.Create(filepath.Join(d.Dir, "praxis.log"))
	if err != nil {
		return nil, err
	}
	bctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- d.Serve(bctx, d.config, logf, Clock{Now: d.now, After: d.after(bctx), RouteEvery: 50 * time.Millisecond})
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
