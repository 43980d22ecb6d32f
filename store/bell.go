package store

import (
	"context"
	"math"
	"strconv"
	"time"
)

// The replicas' doorbells, on PostgreSQL. A NOTIFY sent inside a write
// transaction makes its commit take PostgreSQL's one notification lock and
// hold it through the commit's flush to disk: every writer (each batch of
// events stored, each batch applied) then committed after the other, with no
// flush shared between them (under load, the first thing the server's
// processes waited for). So a commit only rings: a goroutine of the store
// sends the notification afterwards, in a transaction of its own that
// writes no row, one at a time per replica, and the rings that come while
// it sends are folded into one more. A notification lost to a crash between the
// commit and the ring costs time, not data: the replicas read the change log
// at least every second, and the dispatchers look at the inbox every two.

// bells are the notification channels rung, each with its pending ring.
type bells map[string]chan struct{}

// The inbox's notification says from which row id the events it announces
// were stored: PostgreSQL draws ids as rows are inserted, and transactions
// commit in another order, so a dispatcher that read past an id may find
// rows below it later (see dispatch's WakeFrom).

// startBells starts the doorbells' sender, until Close.
func (s *Store) startBells(ctx context.Context) {
	s.bells = bells{chanChanges: make(chan struct{}, 1), chanInbox: make(chan struct{}, 1)}
	s.inboxFrom.Store(math.MaxInt64)
	bctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.bellStop, s.bellDone = stop, make(chan struct{})
	go s.ringLoop(bctx)
}

// ring asks for a notification on channel ch; it never waits.
func (s *Store) ring(ch string) {
	select {
	case s.bells[ch] <- struct{}{}:
	default:
	}
}

// ringInbox rings the inbox's bell for events stored from row id on.
func (s *Store) ringInbox(from int64) {
	for {
		cur := s.inboxFrom.Load()
		if from >= cur || s.inboxFrom.CompareAndSwap(cur, from) {
			break
		}
	}
	s.ring(chanInbox)
}

// announce rings the change log's bell after a commit that logged c.
func (s *Store) announce(c Changes) {
	if s.pg && !c.empty() {
		s.ring(chanChanges)
	}
}

// ringLoop sends the notifications rung, until ctx ends. One that fails (a
// connection lost) is not sent again: the readers look by themselves.
func (s *Store) ringLoop(ctx context.Context) {
	defer close(s.bellDone)
	for {
		ch, payload := chanChanges, ""
		select {
		case <-ctx.Done():
			return
		case <-s.bells[chanChanges]:
		case <-s.bells[chanInbox]:
			from := s.inboxFrom.Swap(math.MaxInt64)
			if from == math.MaxInt64 {
				continue // a ring already sent with the one before
			}
			ch, payload = chanInbox, strconv.FormatInt(from, 10)
		}
		sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		s.in.ExecContext(sctx, `SELECT pg_notify(?, ?)`, ch, payload)
		cancel()
	}
}

// stopBells stops the sender (rings still pending are dropped).
func (s *Store) stopBells() {
	if s.bellStop != nil {
		s.bellStop()
		<-s.bellDone
	}
}
