package slackemu

import (
	"context"
	"slices"
	"time"
)

// pump is the delivery loop: it sends what the dispatcher decides, and wakes
// up on new work or at the next acknowledgement deadline.
func (s *Server) pump() {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		out, next := s.disp.step(time.Now())
		for _, a := range out {
			s.attempt(a)
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = max(time.Until(next), 0)
		}
		timer.Reset(wait)
		select {
		case <-s.ctx.Done():
			return
		case <-s.disp.wake:
		case <-timer.C:
		}
	}
}

// attempt carries out one delivery attempt.
func (s *Server) attempt(a attempt) {
	if a.conn != nil {
		a.conn.send(a.frame)
		return
	}
	s.spawn(func() {
		res := s.post(a)
		if res.done && a.d.kind == kindCommand && len(res.body) > 0 {
			s.respond("ack", a.d.target, res.body) // before the delivery stops being pending
		}
		s.disp.httpDone(a.d, res)
	})
}

// Pending reports the deliveries not yet acknowledged: queued while no
// connection is open, sent and awaiting their ack, or awaiting a 2xx in HTTP
// mode. Deliveries given up after their retries no longer count.
func (s *Server) Pending() int {
	s.disp.mu.Lock()
	defer s.disp.mu.Unlock()
	return s.disp.pendingLocked()
}

// WaitAcked blocks until no delivery is pending (see Pending). Deliveries
// given up count as settled; check Abandoned to tell them apart.
func (s *Server) WaitAcked(ctx context.Context) error {
	d := s.disp
	return d.await(ctx, s.ctx.Done(), func() bool { return d.pendingLocked() == 0 })
}

// Deliveries reports the delivery attempts made, redeliveries included.
func (s *Server) Deliveries() int {
	s.disp.mu.Lock()
	defer s.disp.mu.Unlock()
	return s.disp.attempts
}

// AckLatencies returns, for every Socket Mode envelope acknowledged so far,
// the time from sending it to receiving its ack (benchmarks read it).
func (s *Server) AckLatencies() []time.Duration {
	s.disp.mu.Lock()
	defer s.disp.mu.Unlock()
	return slices.Clone(s.disp.ackLat)
}

// Abandoned reports the deliveries given up: events still unacknowledged
// after 3 retries, and commands or interactions not acknowledged in time
// (Slack never retries those; the user would see an error).
func (s *Server) Abandoned() int {
	s.disp.mu.Lock()
	defer s.disp.mu.Unlock()
	return s.disp.abandoned
}
