package history

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"runtime/debug"
	"sort"
	"time"

	"praxis/bot"
	"praxis/bot/record"
	"praxis/store"
)

// Options tune an import.
type Options struct {
	// Communities are the communities, their channels resolved against
	// the export (Export.ResolveChannels).
	Communities []bot.Community
	// Absent are the configured channels the export lacks, reported in
	// the summary.
	Absent []string
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
	Capped                                           int            // message texts cut to store.MaxTextChars
	Skipped                                          map[string]int // reason → count
	Errors                                           []string       // "file: what is wrong"
	Elapsed                                          time.Duration
}

func (s *Summary) skip(reason string, n int) {
	if n > 0 {
		s.Skipped[reason] += n
	}
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
	// …while a soft limit keeps that from growing the heap fivefold when
	// what is live grows (a day file of millions of messages), unless the
	// user set one (GOMEMLIMIT).
	if limit := debug.SetMemoryLimit(-1); limit == math.MaxInt64 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importHeapLimit))
	}
	ctx, cancel := context.WithCancel(ctx) // stops the decoders should writing fail
	defer cancel()
	for _, p := range e.Insecure {
		sum.Errors = append(sum.Errors, fmt.Sprintf("%s: path leaves the export (zip-slip), skipped", p))
	}
	users, err := importMembers(ctx, st, e, &sum)
	if err != nil {
		return sum, err
	}
	convs := listConversations(e, &sum)
	dir, err := mapCommunities(ctx, st, convs, opts, &sum)
	if err != nil {
		return sum, err
	}
	// Who is in each mapped channel, readers included: the export's lists.
	if sum.Memberships, err = importChannelMembers(ctx, st, e, dir); err != nil {
		return sum, err
	}
	var todo []string
	owner := map[string]conv{}
	for _, c := range convs {
		files := e.DayFiles(c.Folder)
		if _, ok := dir.Of(c.ID); !ok {
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
	rec := record.New(st, dir, nil, "", bot.Deps{Log: opts.Log})
	prog := newProgress(opts.Progress, opts.Terminal, len(todo))
	parts := newQueue(partsAhead * e.lim.partBytes)
	go readDays(ctx, e, todo, owner, users, parts)
	unsaved := 0 // events written since the last checkpoint
	for p := range parts.parts {
		parts.taken(p)
		batch := gather(p, parts, batchEvents, batchBytes)
		if err := writeParts(ctx, st, rec, batch, &sum, prog); err != nil {
			return sum, err
		}
		for _, p := range batch {
			unsaved += len(p.events)
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

func (s *Summary) add(p part) {
	s.Messages += p.messages
	s.Replies += p.replies
	s.BotMessages += p.bots
	s.Reactions += p.reactions
	s.Joins += p.joins
	s.Resources += p.resources
	s.Capped += p.capped
	for k, v := range p.skipped {
		s.skip(k, v)
	}
	s.problems(p.file, "message", p.problems)
}

// problems adds to Errors what is wrong with some elements of a file:
// file: what (how many elements).
func (s *Summary) problems(file, element string, what map[string]int) {
	for _, k := range sortedKeys(what) {
		n, noun := what[k], element
		if n > 1 {
			noun += "s"
		}
		s.Errors = append(s.Errors, fmt.Sprintf("%s: %s (%d %s)", file, k, n, noun))
	}
}

// batchEvents and batchBytes are about how many events, and how many bytes
// of them, a transaction of an import holds; partsAhead, how many full
// parts' worth of bytes the decoder may have ready while one is written
// (see queue).
const (
	batchEvents = 150000
	batchBytes  = 48 << 20
	partsAhead  = 4
)

// importHeapLimit is the Go heap an import aims to stay under (see
// limits): the store's page cache and SQLite's own memory come on top.
const importHeapLimit = 160 << 20

// gather makes a transaction of p and the parts ready after it, up to
// about n events or size bytes, without waiting for more when none is
// ready.
func gather(p part, q *queue, n, size int) []part {
	batch, events, bytes := []part{p}, len(p.events), p.size
	for events < n && bytes < size {
		select {
		case p, ok := <-q.parts:
			if !ok {
				return batch
			}
			q.taken(p)
			batch, events, bytes = append(batch, p), events+len(p.events), bytes+p.size
		default:
			return batch
		}
	}
	return batch
}

// writeParts records several parts of day files in one transaction. Should
// a write fail, the transaction is rolled back and the parts are written
// again one per transaction, so a part (a whole day file, unless it is very
// large) lands whole or not at all and one bad file spoils nothing else.
// (No savepoints in the common case: FTS5 flushes its index at every
// savepoint, which would cost more than the import itself.)
func writeParts(ctx context.Context, st *store.Store, rec *record.Recorder, batch []part, sum *Summary,
	prog *progress) error {
	apply := func(tx *store.Tx, p part) error {
		for _, ev := range p.events {
			if err := rec.Record(ctx, ev, tx); err != nil {
				return fmt.Errorf("not stored: %w", err)
			}
		}
		return nil
	}
	done := func(p part) { prog.step(p.last, p.messages) }
	var good []part
	for _, p := range batch {
		if p.err != nil {
			sum.Errors = append(sum.Errors, fmt.Sprintf("%s: %v", p.file, p.err))
			done(part{last: p.last})
			continue
		}
		good = append(good, p)
	}
	err := st.Batch(ctx, func(tx *store.Tx) error {
		for _, p := range good {
			if err := apply(tx, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	for _, p := range good {
		if err != nil { // find the culprit: one transaction per part
			if ferr := st.Batch(ctx, func(tx *store.Tx) error { return apply(tx, p) }); ferr != nil {
				sum.Errors = append(sum.Errors, fmt.Sprintf("%s: %v", p.file, ferr))
				done(part{last: p.last})
				continue
			}
		}
		sum.add(p)
		done(p)
	}
	return nil
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
