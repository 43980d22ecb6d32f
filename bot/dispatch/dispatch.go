// Package dispatch processes the events stored in the inbox: a pump reads
// them in order and hands each to a bounded pool of workers, sharded by
// channel so that one channel's events (a message, then its edit) are applied
// in the order they arrived. Each event is prepared by the Handler outside
// the transaction, and the Step it returns is applied in the transaction
// that marks the event processed.
package dispatch

import (
	"cmp"
	"context"
	"errors"
	"hash/fnv"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/store"
)

// Decoder turns a stored payload into an Event.
type Decoder func(payload []byte) (bot.Event, error)

// Options tune a Dispatcher.
type Options struct {
	Workers     int           // default 4
	MaxAttempts int           // before an event is set aside; default 5
	Timeout     time.Duration // for a batch's Prepares, and for its transaction; default 30s
	Rescan      time.Duration // how often failed events are retried; default 2s
	// AfterPrepare, when set, runs once an event is prepared, before its
	// transaction (the end-to-end tests' crash point).
	AfterPrepare func(eventID string)
	// Holds tells whether this replica holds a shard of channels
	// (store.Shard) as its last heartbeat said: the events of the others'
	// channels are theirs. Default: every shard (one process).
	Holds func(shard int) bool
	// Apart tells whether an event's step writes only what belongs to its
	// channel (a message, an edit, a reaction in a community's channel):
	// a batch of such events takes only its shards' locks
	// (store.WithShards), so that replicas applying different channels
	// commit side by side. Default: none (every batch takes the whole lock).
	Apart func(ev bot.Event) bool
}

// Dispatcher processes the inbox.
type Dispatcher struct {
	st      *store.Store
	decode  Decoder
	handler Handler
	m       *metrics.Metrics
	log     *slog.Logger
	opts    Options
	wake    chan struct{}
	// rewind is the lowest inbox row id announced stored since the pump
	// last read (math.MaxInt64: none; see WakeFrom).
	rewind atomic.Int64

	mu       sync.Mutex
	inflight map[int64]bool
	// finished are the rows workers finished (recorded or failed) since the
	// pump's last read began: what that read found unprocessed may be done
	// by now, and is not handed out again (its Prepare would run twice).
	finished map[int64]bool
}

// New returns a Dispatcher.
func New(st *store.Store, decode Decoder, h Handler, d bot.Deps, opts Options) *Dispatcher {
	d = d.For("dispatch")
	if opts.Workers <= 0 {
		opts.Workers = 4
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 5
	}
	if opts.Holds == nil {
		opts.Holds = func(int) bool { return true }
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.Rescan <= 0 {
		opts.Rescan = 2 * time.Second
	}
	disp := &Dispatcher{st: st, decode: decode, handler: h, m: d.Metrics, log: d.Log, opts: opts,
		wake: make(chan struct{}, 1), inflight: map[int64]bool{}, finished: map[int64]bool{}}
	disp.rewind.Store(math.MaxInt64)
	return disp
}

// WakeFrom tells the dispatcher that events were stored from inbox row id
// from on (0: anywhere), by this replica or another. Row ids are drawn as
// rows are inserted, and transactions commit in another order: a row below
// what the pump has read may appear later, and is read again from there.
// It never blocks.
func (d *Dispatcher) WakeFrom(from int64) {
	for {
		cur := d.rewind.Load()
		if from >= cur || d.rewind.CompareAndSwap(cur, from) {
			break
		}
	}
	d.Wake()
}

// Wake tells the dispatcher that new events are stored. It never blocks.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

type job struct {
	row  store.InboxRow
	ev   bot.Event
	err  error // decoding's
	step Step  // Prepare's, kept for the batch and for its retry event by event
}

// Run processes the inbox until ctx ends, starting with whatever a previous
// run left unprocessed. It waits for its workers before returning.
func (d *Dispatcher) Run(ctx context.Context) error {
	queues := make([]chan job, d.opts.Workers)
	var wg sync.WaitGroup
	for i := range queues {
		queues[i] = make(chan job, 64)
		wg.Add(1)
		go func(q chan job) {
			defer wg.Done()
			for j := range q {
				d.process(ctx, collect(j, q))
			}
		}(queues[i])
	}
	defer func() {
		for _, q := range queues {
			close(q)
		}
		wg.Wait()
	}()
	return d.pump(ctx, queues)
}

func (d *Dispatcher) pump(ctx context.Context, queues []chan job) error {
	var cursor int64
	rescan := time.NewTicker(d.opts.Rescan)
	defer rescan.Stop()
	retry := true // the first reading and each rescan take the events that failed too
	for {
		d.newRead()
		rows, err := d.st.PendingInbox(ctx, cursor, 512)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			d.log.Error("read inbox", "err", err)
		}
		for _, row := range rows {
			cursor = row.ID
			if row.Attempts > 0 && !retry { // failed: due again at the rescan, not at each rewind
				continue
			}
			if !d.claim(row.ID) {
				continue
			}
			ev, err := d.decode(row.Payload)
			if !d.opts.Holds(store.Shard(ev.Channel)) {
				d.release(row.ID) // another replica's channel
				continue
			}
			j := job{row: row, ev: ev, err: err}
			select {
			case queues[shard(ev.Channel, len(queues))] <- j:
			case <-ctx.Done():
				return nil
			}
		}
		if len(rows) == 512 {
			continue
		}
		retry = false
		select {
		case <-ctx.Done():
			return nil
		case <-d.wake:
			if from := d.rewind.Swap(math.MaxInt64); from <= cursor {
				cursor = max(from-1, 0)
			}
		case <-rescan.C:
			cursor, retry = 0, true // pick up events whose processing failed and is due again
		}
	}
}

func (d *Dispatcher) claim(id int64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.inflight[id] || d.finished[id] {
		return false
	}
	d.inflight[id] = true
	return true
}

// newRead forgets the rows finished before a reading of the inbox begins.
func (d *Dispatcher) newRead() {
	d.mu.Lock()
	clear(d.finished)
	d.mu.Unlock()
}

// finish releases a row a worker is done with (see finished).
func (d *Dispatcher) finish(id int64) {
	d.mu.Lock()
	delete(d.inflight, id)
	d.finished[id] = true
	d.mu.Unlock()
}

func (d *Dispatcher) release(id int64) {
	d.mu.Lock()
	delete(d.inflight, id)
	d.mu.Unlock()
}

func shard(channel string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(channel))
	return int(h.Sum32() % uint32(n))
}

// maxBatch bounds how many events one transaction records.
const maxBatch = 64

// collect gathers the jobs already waiting behind first, without waiting.
func collect(first job, q chan job) []job {
	batch := []job{first}
	for len(batch) < maxBatch {
		select {
		case j, ok := <-q:
			if !ok {
				return batch
			}
			batch = append(batch, j)
		default:
			return batch
		}
	}
	return batch
}

// process runs a batch of events to completion: each decoded, prepared
// and its step applied (in one transaction, one savepoint each), or its
// failure recorded. A panic fails the event that raised it.
func (d *Dispatcher) process(ctx context.Context, batch []job) {
	defer func() {
		for _, j := range batch {
			d.finish(j.row.ID)
		}
	}()
	for rest := batch; len(rest) > 0 && ctx.Err() == nil; {
		var todo []job
		todo, rest = d.prepare(ctx, rest)
		if len(todo) > 0 {
			d.record(ctx, todo)
		}
	}
}

// prepare runs the handler's Prepare of each event, outside the
// transaction, and keeps its step with the job. The batch's Prepares share
// one time budget (Options.Timeout), so that a slow Slack cannot eat the
// one the write needs. When the budget is spent, no single event is to
// blame: the events prepared so far are returned to be written, and the
// rest (the one whose Prepare ran out of time included) are returned to be
// prepared again with a budget of their own. An event whose Prepare fails
// by itself is charged an attempt, as a failing step is.
func (d *Dispatcher) prepare(ctx context.Context, batch []job) (todo, rest []job) {
	pctx, cancel := context.WithTimeout(ctx, d.opts.Timeout)
	defer cancel()
	prepared := 0
	for i, j := range batch {
		if j.err != nil {
			d.failed(ctx, j, j.err)
			continue
		}
		if prepared > 0 && pctx.Err() != nil {
			return todo, batch[i:]
		}
		prepared++
		step, err := d.prepareOne(pctx, j.ev)
		switch {
		case err == nil:
			j.step = step
			todo = append(todo, j)
			if d.opts.AfterPrepare != nil {
				d.opts.AfterPrepare(j.row.EventID)
			}
		case ctx.Err() != nil:
			return todo, nil // shutting down: the event stays in the inbox for the next run
		case prepared > 1 && pctx.Err() != nil:
			return todo, batch[i:]
		default:
			d.failed(ctx, j, err)
		}
	}
	return todo, nil
}

// record writes prepared events in one transaction. When the transaction as
// a whole fails (a timeout, a busy disk), no single event is to blame: each
// is then tried alone, so only an event that fails by itself is charged an
// attempt.
func (d *Dispatcher) record(ctx context.Context, todo []job) {
	ids := make([]int64, len(todo))
	for i, j := range todo {
		ids[i] = j.row.ID
	}
	wctx, cancel := context.WithTimeout(ctx, d.opts.Timeout)
	defer cancel()
	if shards, ok := d.apart(todo); ok {
		wctx = store.WithShards(wctx, shards)
	}
	errs, err := d.st.ProcessBatch(wctx, ids, func(i int, tx *store.Tx) error {
		if held, err := tx.Holds(wctx, store.Shard(todo[i].ev.Channel)); err != nil || !held {
			return cmp.Or(err, errNotHeld)
		}
		return d.apply(wctx, todo[i].step, tx)
	})
	if err != nil {
		if ctx.Err() != nil {
			return // shutting down: the events stay in the inbox for the next run
		}
		if len(todo) > 1 {
			d.log.Warn("batch failed; recording its events one by one", "events", len(todo), "err", err)
			for _, j := range todo {
				d.record(ctx, []job{j})
			}
			return
		}
		d.failed(ctx, todo[0], err)
		return
	}
	done := 0
	for i, e := range errs {
		switch {
		case e == nil:
			done++
		case errors.Is(e, store.ErrProcessed), errors.Is(e, errNotHeld):
		default:
			d.failed(ctx, todo[i], e)
		}
	}
	d.m.EventsProcessed.Add(float64(done))
}

// Contribution is Options.Apart for Praxis's handlers: a contribution in
// a community's channel (a message, an edit, a deletion, a reaction, a
// pin) writes only what belongs to its channel. Commands, clicks, DMs,
// joins and profiles touch what all channels share (a member's settings,
// privacy, the answers' outbox).
func Contribution(dir *bot.Directory) func(ev bot.Event) bool {
	return func(ev bot.Event) bool {
		switch ev.Kind {
		case bot.KindMessage, bot.KindEdit, bot.KindDelete, bot.KindReactionAdded, bot.KindReactionRemoved,
			bot.KindPin, bot.KindUnpin:
			_, ok := dir.Of(ev.Channel)
			return ok
		}
		return false
	}
}

// apart returns the shards of a batch whose every event is apart (see
// Options.Apart), or false.
func (d *Dispatcher) apart(todo []job) ([]int, bool) {
	if d.opts.Apart == nil {
		return nil, false
	}
	shards := make([]int, 0, len(todo))
	for _, j := range todo {
		if !d.opts.Apart(j.ev) {
			return nil, false
		}
		shards = append(shards, store.Shard(j.ev.Channel))
	}
	return shards, true
}

// errNotHeld: the event's channel is no longer this replica's (its lease
// expired and another replica took the shard); that replica applies it.
var errNotHeld = errors.New("the event's shard is held by another replica")

func (d *Dispatcher) failed(ctx context.Context, j job, err error) {
	d.m.EventsFailed.Inc()
	parked, ferr := d.st.FailInbox(context.WithoutCancel(ctx), j.row.ID, err, d.opts.MaxAttempts)
	if ferr != nil {
		d.log.Error("record event failure", "inbox_id", j.row.ID, "err", ferr)
	}
	d.log.Warn("event processing failed", "event_id", j.row.EventID, "type", j.ev.Type, "parked", parked, "err", err)
}
