package slackemu

import "slices"

// The dispatcher's side of Socket Mode connections. A connection sent a
// disconnect message is draining: it stays open, and keeps what it holds,
// until the app closes it, but gets no new envelopes.

// addConn registers c and queues its hello message, built from the number of
// connections, ahead of any envelope.
func (d *dispatcher) addConn(c *sockConn, hello func(n int) []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.conns = append(d.conns, c)
	c.out <- hello(len(d.conns))
	d.notifyLocked()
}

// removeConn forgets c and requeues what it held unacknowledged.
func (d *dispatcher) removeConn(c *sockConn) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.dropLocked(c)
	d.notifyLocked()
}

func (d *dispatcher) dropLocked(c *sockConn) {
	d.conns = slices.DeleteFunc(d.conns, func(x *sockConn) bool { return x == c })
	var lost []*delivery
	d.inflight = slices.DeleteFunc(d.inflight, func(dl *delivery) bool {
		if dl.conn == c {
			lost = append(lost, dl)
			return true
		}
		return false
	})
	d.retryLocked(lost, "timeout")
}

// detachAll forgets every connection, requeueing what they held, and returns
// them for the caller to close.
func (d *dispatcher) detachAll() []*sockConn {
	d.mu.Lock()
	defer d.mu.Unlock()
	conns := slices.Clone(d.conns)
	for _, c := range conns {
		d.dropLocked(c)
	}
	d.notifyLocked()
	return conns
}

// drainAll marks every connection as draining, so it gets no more envelopes,
// and returns them.
func (d *dispatcher) drainAll() []*sockConn {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.conns {
		c.draining = true
	}
	d.notifyLocked()
	return slices.Clone(d.conns)
}

// pickLocked chooses the next connection round robin, skipping draining ones.
func (d *dispatcher) pickLocked() *sockConn {
	for range d.conns {
		c := d.conns[d.rr%len(d.conns)]
		d.rr++
		if !c.draining && c.unacked < window {
			return c
		}
	}
	return nil
}

// activeLocked counts connections that receive envelopes.
func (d *dispatcher) activeLocked() int {
	n := 0
	for _, c := range d.conns {
		if !c.draining {
			n++
		}
	}
	return n
}
