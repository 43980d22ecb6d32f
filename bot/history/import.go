package history

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/record"
	"praxis/store"
	"praxis/store/terms"
)

// Community says which channels of an export belong to a community: ids
// ("C0123ABC") or names ("#security").
type Community struct {
	Name, Vocation, Language, Timezone string
	Channels                           []string
}

// Options tune an import.
type Options struct {
	Communities []Community
	// AllChannels makes one community per public channel, for exploring an
	// export with no configuration.
	AllChannels bool
	// Progress receives the progress display (nil: none).
	Progress io.Writer
	// Terminal draws a progress bar on Progress; otherwise a line every few
	// seconds.
	Terminal bool
	Log      *slog.Logger
}

// Summary is what an import did.
type Summary struct {
	Channels, Members, DayFiles                      int
	Memberships                                      int // channel memberships listed by the export (new ones)
	Messages, Replies, BotMessages, Reactions, Joins int
	Resources                                        int
	Skipped                                          map[string]int // reason → count
	Errors                                           []string       // "file: what is wrong"
	Elapsed                                          time.Duration
}

func (s *Summary) skip(reason string, n int) {
	if n > 0 {
		s.Skipped[reason] += n
	}
}

// conv is a conversation listed in the export.
type conv struct {
	ID, Name, Folder string
	Private          bool     // groups, mpims and DMs
	Members          []string // who was in it when the export was made
}

// Import reads an export into the store: members, then every mapped
// channel's day files, each in one transaction. A bad file is reported and
// skipped; the rest goes on. Importing the same export again adds nothing.
func Import(ctx context.Context, st *store.Store, e *Export, opts Options) (sum Summary, err error) {
	start := time.Now()
	sum = Summary{Skipped: map[string]int{}}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	bulk, err := st.Bulk(ctx)
	if err != nil {
		return sum, err
	}
	defer func() { err = errors.Join(err, bulk.End(ctx)) }()
	// The decoders allocate short-lived garbage at a great rate while the
	// heap stays small (tens of MB): collecting less often leaves the
	// second core to decoding rather than to the collector.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	for _, p := range e.Insecure {
		sum.Errors = append(sum.Errors, fmt.Sprintf("%s: path leaves the export (zip-slip), skipped", p))
	}
	users, err := importMembers(ctx, st, e, &sum)
	if err != nil {
		return sum, err
	}
	convs := listConversations(e, &sum)
	mapping, err := mapCommunities(ctx, st, convs, opts, &sum)
	if err != nil {
		return sum, err
	}
	// Who is in each mapped channel, readers included: the export's lists.
	members := map[string][]string{}
	for _, c := range convs {
		if _, ok := mapping.Community(c.ID); ok && len(c.Members) > 0 {
			members[c.ID] = c.Members
		}
	}
	if sum.Memberships, err = st.ImportChannelMembers(ctx, members); err != nil {
		return sum, err
	}
	var todo []string
	owner := map[string]conv{}
	for _, c := range convs {
		files := e.DayFiles(c.Folder)
		if _, ok := mapping.Community(c.ID); !ok {
			reason := "channel not mapped to a community"
			if c.Private {
				reason = "private or direct conversation not mapped"
			}
			sum.skip(reason+" (day files)", len(files))
			continue
		}
		sum.Channels++
		for _, f := range files {
			owner[f] = c
		}
		todo = append(todo, files...)
	}
	rec := record.New(st, mapping, nil, "", opts.Log)
	prog := newProgress(opts.Progress, opts.Terminal, len(todo))
	days := make(chan day, 4)
	go readDays(ctx, e, todo, owner, users, days)
	unsaved := 0 // events written since the last checkpoint
	for batch := range batches(days, batchEvents) {
		if err := writeDays(ctx, st, rec, batch, &sum, prog); err != nil {
			return sum, err
		}
		for _, d := range batch {
			unsaved += len(d.events)
		}
		// A checkpoint costs two fsyncs, and a log that grows too long
		// slows every page read: one per batch's worth of events.
		if unsaved >= batchEvents {
			if err := bulk.Checkpoint(ctx); err != nil {
				return sum, err
			}
			unsaved = 0
		}
	}
	prog.done()
	sum.DayFiles = len(todo)
	if err := bulk.End(ctx); err != nil { // the final checkpoint is part of the import's time
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	return sum, ctx.Err()
}

func (s *Summary) add(d day) {
	s.Messages += d.messages
	s.Replies += d.replies
	s.BotMessages += d.bots
	s.Reactions += d.reactions
	s.Joins += d.joins
	s.Resources += d.resources
	for k, v := range d.skipped {
		s.skip(k, v)
	}
}

// batchEvents is about how many events a transaction of an import holds.
const batchEvents = 150000

// batches groups decoded day files into transactions of about n events,
// without waiting for more when none is ready.
func batches(days <-chan day, n int) <-chan []day {
	out := make(chan []day)
	go func() {
		defer close(out)
		for d := range days {
			batch, events := []day{d}, len(d.events)
		more:
			for events < n {
				select {
				case d, ok := <-days:
					if !ok {
						break more
					}
					batch, events = append(batch, d), events+len(d.events)
				default:
					break more
				}
			}
			out <- batch
		}
	}()
	return out
}

// writeDays records several day files in one transaction. Should a write
// fail, the transaction is rolled back and the files are written again one
// per transaction, so a day file lands whole or not at all and one bad file
// spoils nothing else. (No savepoints in the common case: FTS5 flushes its
// index at every savepoint, which would cost more than the import itself.)
func writeDays(ctx context.Context, st *store.Store, rec *record.Recorder, batch []day, sum *Summary, prog *progress) error {
	apply := func(tx *store.Tx, d day) error {
		for _, ev := range d.events {
			if err := rec.Apply(ctx, ev, tx); err != nil {
				return fmt.Errorf("not stored: %w", err)
			}
		}
		return nil
	}
	var good []day
	for _, d := range batch {
		if d.err != nil {
			sum.Errors = append(sum.Errors, fmt.Sprintf("%s: %v", d.file, d.err))
			prog.step(0)
			continue
		}
		good = append(good, d)
	}
	err := st.Batch(ctx, func(tx *store.Tx) error {
		for _, d := range good {
			if err := apply(tx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	for _, d := range good {
		if err != nil { // find the culprit: one transaction per file
			if ferr := st.Batch(ctx, func(tx *store.Tx) error { return apply(tx, d) }); ferr != nil {
				sum.Errors = append(sum.Errors, fmt.Sprintf("%s: %v", d.file, ferr))
				prog.step(0)
				continue
			}
		}
		sum.add(d)
		prog.step(d.messages)
	}
	return nil
}

// importMembers stores users.json and returns the known member ids.
func importMembers(ctx context.Context, st *store.Store, e *Export, sum *Summary) (map[string]bool, error) {
	known := map[string]bool{}
	r, err := e.Open("users.json")
	if err != nil {
		sum.Errors = append(sum.Errors, "users.json: missing; members are recorded with their ids only")
		return known, nil
	}
	defer r.Close()
	var batch []store.Member
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := st.ImportMembers(ctx, batch)
		batch = batch[:0]
		return err
	}
	err = eachElement(r, func(u wireUser) error {
		if u.ID == "" {
			sum.skip("user without id", 1)
			return nil
		}
		known[u.ID] = true
		batch = append(batch, u.member())
		if len(batch) == 1000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		sum.Errors = append(sum.Errors, fmt.Sprintf("users.json: %v", err))
	}
	sum.Members = len(known)
	return known, ctx.Err()
}

// listConversations reads channels.json, groups.json, mpims.json and
// dms.json.
func listConversations(e *Export, sum *Summary) []conv {
	var out []conv
	for _, src := range []struct {
		file    string
		private bool
		byID    bool
	}{{"channels.json", false, false}, {"groups.json", true, false}, {"mpims.json", true, false}, {"dms.json", true, true}} {
		r, err := e.Open(src.file)
		if err != nil {
			continue // all but channels.json are optional
		}
		err = eachElement(r, func(c wireChannel) error {
			if c.ID == "" {
				return nil
			}
			folder := c.Name
			if src.byID || folder == "" {
				folder = c.ID
			}
			out = append(out, conv{ID: c.ID, Name: c.Name, Folder: folder, Private: src.private, Members: c.Members})
			return nil
		})
		r.Close()
		if err != nil {
			sum.Errors = append(sum.Errors, fmt.Sprintf("%s: %v", src.file, err))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Folder < out[j].Folder })
	return out
}

// mapCommunities resolves the configured channel references against the
// export, records the communities, and returns the mapping.
func mapCommunities(ctx context.Context, st *store.Store, convs []conv, opts Options, sum *Summary) (*bot.Mapping, error) {
	byName, byID := map[string]conv{}, map[string]conv{}
	for _, c := range convs {
		byName[c.Name], byID[c.ID] = c, c
	}
	var cs []store.Community
	byChannel := map[string]string{}
	for _, spec := range opts.Communities {
		sc := store.Community{Name: spec.Name, Vocation: spec.Vocation, Language: spec.Language, Timezone: spec.Timezone, Channels: map[string]string{},
			Private: map[string]bool{}}
		for _, ref := range spec.Channels {
			c, ok := byID[ref]
			if name, isName := strings.CutPrefix(ref, "#"); isName {
				c, ok = byName[name]
			}
			if !ok {
				sum.skip("configured channel absent from the export: "+ref, 1)
				continue
			}
			sc.Channels[c.ID], sc.Private[c.ID] = c.Name, c.Private
			byChannel[c.ID] = spec.Name
		}
		cs = append(cs, sc)
	}
	if opts.AllChannels {
		for _, c := range convs {
			if _, mapped := byChannel[c.ID]; mapped || c.Private {
				continue
			}
			name := "#" + c.Name
			cs = append(cs, store.Community{Name: name, Language: "en", Timezone: "UTC", Channels: map[string]string{c.ID: c.Name},
				Private: map[string]bool{c.ID: false}})
			byChannel[c.ID] = name
		}
	}
	if _, err := st.AddCommunities(ctx, cs); err != nil {
		return nil, err
	}
	return bot.NewMapping(byChannel), nil
}

// day is one decoded day file, ready to be written.
type day struct {
	file                                                 string
	events                                               []bot.Event
	messages, replies, bots, reactions, joins, resources int
	skipped                                              map[string]int
	err                                                  error
}

// readDays decodes day files in order while the caller writes the previous
// ones (two cores: one decodes JSON, one runs SQLite).
func readDays(ctx context.Context, e *Export, files []string, owner map[string]conv, users map[string]bool, out chan<- day) {
	defer close(out)
	for _, f := range files {
		d := decodeDay(e, f, owner[f].ID, users)
		select {
		case out <- d:
		case <-ctx.Done():
			return
		}
	}
}

func decodeDay(e *Export, file, channel string, users map[string]bool) day {
	d := day{file: file, skipped: map[string]int{}}
	r, err := e.Open(file)
	if err != nil {
		d.err = err
		return d
	}
	defer r.Close()
	seen := map[string]bool{}
	err = eachElement(r, func(m wireMessage) error {
		if m.TS == "" {
			d.skipped["message without ts"]++
			return nil
		}
		if _, ok := store.ParseTS(m.TS); !ok {
			d.skipped["message with a malformed ts"]++
			return nil
		}
		if seen[m.TS] {
			d.skipped["duplicate ts in a day file (the last one wins)"]++
		}
		seen[m.TS] = true
		if m.User != "" && m.BotID == "" && len(users) > 0 && !users[m.User] {
			d.skipped["messages by members absent from users.json (recorded by id)"]++
		}
		d.count(m)
		evs := m.events(channel)
		if evs[0].Text != "" {
			evs[0].Terms = terms.Index(evs[0].Text) // here, on the decoders' cores, not on the writer's
		}
		d.events = append(d.events, evs...)
		return nil
	})
	if err != nil {
		d.err = fmt.Errorf("malformed day file (%s): %w", path.Base(file), err)
		d.events = nil
	}
	return d
}

func (d *day) count(m wireMessage) {
	switch {
	case m.BotID != "" || m.Subtype == "bot_message":
		d.bots++
	case m.Subtype == "channel_join":
		d.joins++
	case m.Subtype == "" || m.Subtype == "thread_broadcast" || m.Subtype == "file_share" || m.Subtype == "me_message":
		d.messages++
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			d.replies++
		}
	}
	if m.BotID == "" && m.Subtype != "bot_message" {
		d.resources += len(m.Files) + len(bot.Links(m.Text))
	}
	for _, r := range m.Reactions {
		d.reactions += len(r.Users)
	}
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
