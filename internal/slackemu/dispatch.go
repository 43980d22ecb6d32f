package slackemu

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"sync"
	"time"
)

// Envelope types, as Socket Mode names them.
const (
	kindEvents      = "events_api"
	kindCommand     = "slash_commands"
	kindInteractive = "interactive"
)

const (
	// maxRetries is how many times Slack redelivers an event.
	maxRetries = 3
	// maxHTTPInFlight bounds concurrent Events API HTTP requests. One keeps
	// deliveries in order (retries go first), which makes tests and demos
	// deterministic; Slack itself may deliver concurrently and out of order.
	maxHTTPInFlight = 1
)

// delivery is one event, command or interaction on its way to the app. Every
// attempt carries the same payload (so the same event_id) under a new
// envelope ID.
type delivery struct {
	kind    string
	payload json.RawMessage // event_callback, command or interaction JSON
	form    url.Values      // a command's HTTP form body
	target  responseTarget  // where an acknowledgement's response goes

	attempt  int      // 0 for the first delivery
	reason   string   // retry reason of the current attempt
	envs     []string // every envelope ID issued for it
	conn     *sockConn
	deadline time.Time
}

// attempt is a delivery attempt decided under the dispatcher's lock and carried
// out after it is released.
type attempt struct {
	d       *delivery
	conn    *sockConn // Socket Mode: where frame goes
	frame   []byte
	attempt int // HTTP: retry number and reason at decision time
	reason  string
}

// dispatcher routes deliveries to Socket Mode connections, or to HTTP in
// Events API mode, and tracks them until they are acknowledged, given up, or
// the server closes.
type dispatcher struct {
	httpMode   bool
	ackTimeout time.Duration
	logf       func(string, ...any)
	envelopeID func() string
	wake       chan struct{}

	mu        sync.Mutex
	queue     []*delivery // waiting for a connection or an HTTP slot
	inflight  []*delivery // sent, not yet acknowledged
	byEnv     map[string]*delivery
	conns     []*sockConn // open connections
	rr        int
	httpBusy  int
	settling  int             // claimed by an ack, its effects not yet recorded
	ackLat    []time.Duration // Socket Mode: from sending each envelope to its ack
	attempts  int
	abandoned int
	changed   chan struct{} // closed and replaced on every state change
}

func newDispatcher(httpMode bool, ackTimeout time.Duration, logf func(string, ...any),
	envelopeID func() string) *dispatcher {
	return &dispatcher{
		httpMode:   httpMode,
		ackTimeout: ackTimeout,
		logf:       logf,
		envelopeID: envelopeID,
		wake:       make(chan struct{}, 1),
		byEnv:      map[string]*delivery{},
		changed:    make(chan struct{}),
	}
}

// notifyLocked wakes waiters and the pump.
func (d *dispatcher) notifyLocked() {
	close(d.changed)
	d.changed = make(chan struct{})
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func (d *dispatcher) submit(dl *delivery) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.queue = append(d.queue, dl)
	d.notifyLocked()
}

// step expires overdue envelopes and decides the next attempts. It returns
// them with the earliest pending acknowledgement deadline (zero if none).
func (d *dispatcher) step(now time.Time) (out []attempt, next time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var late []*delivery
	if !d.httpMode {
		d.inflight = slices.DeleteFunc(d.inflight, func(dl *delivery) bool {
			if !dl.deadline.After(now) {
				late = append(late, dl)
				return true
			}
			return false
		})
		d.retryLocked(late, "timeout")
	}
	for len(d.queue) > 0 {
		dl := d.queue[0]
		a := attempt{d: dl, attempt: dl.attempt, reason: dl.reason}
		if d.httpMode {
			if d.httpBusy >= maxHTTPInFlight {
				break
			}
			d.httpBusy++
		} else {
			c := d.pickLocked()
			if c == nil {
				break
			}
			env := d.envelopeID()
			dl.envs = append(dl.envs, env)
			d.byEnv[env] = dl
			dl.conn, dl.deadline = c, now.Add(d.ackTimeout)
			c.unacked++
			a.conn, a.frame = c, envelopeFrame(env, dl)
		}
		d.queue = d.queue[1:]
		d.inflight = append(d.inflight, dl)
		d.attempts++
		out = append(out, a)
	}
	for _, dl := range d.inflight {
		if dl.conn != nil && (next.IsZero() || dl.deadline.Before(next)) {
			next = dl.deadline
		}
	}
	if len(late) > 0 || len(out) > 0 {
		d.notifyLocked()
	}
	return out, next
}

// envelopeFrame renders the Socket Mode message of one attempt.
func envelopeFrame(env string, dl *delivery) []byte {
	return rawJSON(obj{
		"envelope_id":              env,
		"type":                     dl.kind,
		"accepts_response_payload": dl.kind != kindEvents,
		"retry_attempt":            dl.attempt,
		"retry_reason":             dl.reason,
		"payload":                  dl.payload,
	})
}

// retryLocked puts unacknowledged deliveries back at the head of the queue
// with their attempt incremented, or gives up on them: after maxRetries for
// events, at once for commands and interactions, which Slack never retries.
func (d *dispatcher) retryLocked(dls []*delivery, reason string) {
	if len(dls) == 0 {
		return
	}
	var again []*delivery
	for _, dl := range dls {
		if dl.conn != nil {
			dl.conn.unacked--
		}
		dl.conn = nil
		if dl.kind != kindEvents || dl.attempt >= maxRetries {
			d.forgetLocked(dl)
			d.abandoned++
			d.logf("slackemu: gave up on %s delivery after %d attempts (%s)", dl.kind, dl.attempt+1, reason)
			continue
		}
		dl.attempt++
		dl.reason = reason
		again = append(again, dl)
	}
	d.queue = append(again, d.queue...)
}

// forgetLocked drops every trace of dl.
func (d *dispatcher) forgetLocked(dl *delivery) {
	is := func(x *delivery) bool { return x == dl }
	if dl.conn != nil { // sent: it is in flight, not queued (keeps acks O(window))
		dl.conn.unacked--
		dl.conn = nil
		d.inflight = slices.DeleteFunc(d.inflight, is)
	} else {
		d.queue = slices.DeleteFunc(d.queue, is)
		d.inflight = slices.DeleteFunc(d.inflight, is)
	}
	for _, env := range dl.envs {
		delete(d.byEnv, env)
	}
}

// claim takes the delivery that envelope env belongs to, whichever of its
// attempts env names, off the queues (nil if unknown or already complete).
// It still counts as pending until settle, so that whatever the ack causes
// is recorded before WaitAcked returns.
func (d *dispatcher) claim(env string) *delivery {
	d.mu.Lock()
	defer d.mu.Unlock()
	dl := d.byEnv[env]
	if dl == nil {
		return nil
	}
	if dl.conn != nil {
		d.ackLat = append(d.ackLat, time.Since(dl.deadline.Add(-d.ackTimeout)))
	}
	d.forgetLocked(dl)
	d.settling++
	return dl
}

// settle completes a claimed delivery.
func (d *dispatcher) settle() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.settling--
	d.notifyLocked()
}

// pendingLocked counts the deliveries not yet settled.
func (d *dispatcher) pendingLocked() int {
	return len(d.queue) + len(d.inflight) + d.settling
}

// httpDone records the outcome of an HTTP attempt.
func (d *dispatcher) httpDone(dl *delivery, res httpResult) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.httpBusy--
	if res.done {
		d.forgetLocked(dl)
	} else {
		d.inflight = slices.DeleteFunc(d.inflight, func(x *delivery) bool { return x == dl })
		d.retryLocked([]*delivery{dl}, res.reason)
	}
	d.notifyLocked()
}

// await blocks until cond, evaluated under the lock, holds.
func (d *dispatcher) await(ctx context.Context, closed <-chan struct{}, cond func() bool) error {
	for {
		d.mu.Lock()
		ok, changed := cond(), d.changed
		d.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-closed:
			return ErrClosed
		case <-changed:
		}
	}
}
