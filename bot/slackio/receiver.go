package slackio

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/store"
)

// Receiver is the step both transports share: decode just enough to decide
// whether to keep the event, store it in the inbox (group-committed with the
// events arriving at the same moment), and only then let the transport ack.
type Receiver struct {
	st   *store.Store
	dir  *bot.Directory
	m    *metrics.Metrics
	log  *slog.Logger
	opts ReceiverOptions
	reqs chan putReq
}

// ReceiverOptions are what a Receiver tells of the events it stores.
type ReceiverOptions struct {
	// Wake is called after new events are stored: the dispatcher's Wake.
	Wake func()
	// AfterStore, when set, runs after an event is stored and before it is
	// acknowledged. Crash tests use it to stop the process at that point.
	AfterStore func(eventID string)
}

type putReq struct {
	item store.InboxItem
	done chan putRes
}

type putRes struct {
	fresh bool
	err   error
}

// Outcome says what Receive did with an event.
type Outcome int

// Outcomes of Receive. Every outcome but Failed may be acknowledged.
const (
	Stored    Outcome = iota // new, stored in the inbox
	Duplicate                // a redelivery of a stored event
	Dropped                  // not for Praxis (unmapped channel, unused type); nothing stored
	Malformed                // could not be decoded; nothing stored
	Failed                   // storage failed: do not acknowledge, Slack will redeliver
)

// NewReceiver returns a Receiver: the inbox, in its logs.
func NewReceiver(st *store.Store, dir *bot.Directory, d bot.Deps, opts ReceiverOptions) *Receiver {
	d = d.For("inbox")
	return &Receiver{
		st:   st,
		dir:  dir,
		m:    d.Metrics,
		log:  d.Log,
		opts: opts,
		reqs: make(chan putReq, 1024),
	}
}

// Run commits stored events in batches until ctx ends.
func (r *Receiver) Run(ctx context.Context) error {
	batch := make([]putReq, 0, 256)
	for {
		batch = batch[:0]
		select {
		case <-ctx.Done():
			return nil
		case q := <-r.reqs:
			batch = append(batch, q)
		}
	drain:
		for len(batch) < cap(batch) {
			select {
			case q := <-r.reqs:
				batch = append(batch, q)
			default:
				break drain
			}
		}
		r.commit(ctx, batch)
	}
}

func (r *Receiver) commit(ctx context.Context, batch []putReq) {
	items := make([]store.InboxItem, len(batch))
	for i, q := range batch {
		items[i] = q.item
	}
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	fresh, err := r.st.PutInbox(wctx, items)
	cancel()
	anyFresh := false
	for i, q := range batch {
		res := putRes{err: err}
		if err == nil {
			res.fresh = fresh[i]
			anyFresh = anyFresh || fresh[i]
		}
		q.done <- res
	}
	if anyFresh && r.opts.Wake != nil {
		r.opts.Wake()
	}
}

// Receive stores one raw payload from a transport, its invalid UTF-8
// replaced (see validPayload). The caller acknowledges Slack only when the
// outcome is not Failed.
func (r *Receiver) Receive(ctx context.Context, source string, payload []byte) (Outcome, error) {
	r.m.EventsReceived.WithLabelValues(source).Inc()
	payload = validPayload(payload)
	ev, err := Decode(payload)
	if errors.Is(err, ErrUnusable) {
		// A redelivery would carry the same field: acknowledge and skip it.
		r.m.EventsUnusable.Inc()
		r.log.Warn("event skipped: a field it needs is unusable", "event_id", ev.ID, "type", ev.Type, "err", err)
		return Dropped, nil
	}
	if err != nil {
		r.m.EventsMalformed.Inc()
		return Malformed, err
	}
	if !r.dir.Accept(ev) {
		switch ev.Kind {
		case bot.KindUnknown:
			r.m.EventsUnknown.Inc()
		case bot.KindIgnored:
		default:
			r.m.EventsUnmapped.Inc()
		}
		return Dropped, nil
	}
	q := putReq{item: store.InboxItem{EventID: ev.ID, Source: source, Payload: payload, Channel: ev.Channel},
		done: make(chan putRes, 1)}
	select {
	case r.reqs <- q:
	case <-ctx.Done():
		return Failed, ctx.Err()
	}
	var res putRes
	select {
	case res = <-q.done:
	case <-ctx.Done():
		return Failed, ctx.Err()
	}
	if res.err != nil {
		return Failed, fmt.Errorf("store event %s: %w", ev.ID, res.err)
	}
	if r.opts.AfterStore != nil {
		r.opts.AfterStore(ev.ID)
	}
	if !res.fresh {
		r.m.EventsDuplicate.Inc()
		return Duplicate, nil
	}
	r.m.EventsStored.Inc()
	return Stored, nil
}
