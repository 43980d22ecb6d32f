// Package slackedge is personal digests' Slack edge: what turns the digests
// of bot/digest (read, picked and planned there) into Slack. The Sender is
// the hourly job that enqueues the digests due through the outbox, each in
// Block Kit with its buttons (Blocks, Message); Prefs answers those buttons
// and `/praxis digest`. They write through store.Tx and post through the
// outbox; bot/digest does neither.
package slackedge

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/metrics"
	"praxis/bot/outbox"
	"praxis/bot/schedule"
	"praxis/store"
)

// JobName is the scheduler job sending the digests.
const JobName = "digest"

// Sender sends the digests due: the plans its Planner makes, built by its
// Reader, enqueued with the items they carry.
type Sender struct {
	st     *store.Store
	reader *digest.Reader
	plans  *digest.Planner
	log    *slog.Logger
	m      *metrics.Metrics // counts digests sent and empty
}

// NewSender returns the Sender writing to st the digests plans says are
// due, read by r.
func NewSender(st *store.Store, r *digest.Reader, plans *digest.Planner, d bot.Deps) *Sender {
	d = d.For("digest")
	return &Sender{st: st, reader: r, plans: plans, log: d.Log, m: d.Metrics}
}

// Job is the hourly job (UTC) sending the digests due in each hour.
func (s *Sender) Job() schedule.Job {
	return schedule.Job{Name: JobName, Spec: "0 * * * *", Loc: time.UTC, Timeout: 50 * time.Minute, Fn: s.Send}
}

// Key is the outbox key of a member's digest for a period: one per member
// and day (daily), ISO week (weekly) or month (monthly).
func Key(member, period string) string { return "digest:" + member + ":" + period }

// Send builds and enqueues the digests due in period p: one snapshot per
// window (the members whose windows start at the same instant share it),
// then each member's digest; an empty one is not sent, and one already
// enqueued is not sent again. The items sent are recorded with it, in its
// transaction.
func (s *Sender) Send(ctx context.Context, p schedule.Period) error {
	ps, err := s.plans.Due(ctx, p)
	if err != nil {
		return fmt.Errorf("digests due: %w", err)
	}
	groups := map[time.Time][]digest.Plan{} // by the window's start
	var order []time.Time
	for _, pl := range ps {
		if _, ok := groups[pl.From]; !ok {
			order = append(order, pl.From)
		}
		groups[pl.From] = append(groups[pl.From], pl)
	}
	sent, empty := 0, 0
	for _, from := range order {
		group := groups[from]
		snap, err := s.reader.Window(ctx, from, p.At)
		if err != nil {
			return fmt.Errorf("prepare digests: %w", err)
		}
		snap.Aheads = map[string]time.Duration{}
		members := make([]string, len(group))
		for i, pl := range group {
			members[i] = pl.Member
			snap.Aheads[pl.Member] = pl.Ahead
		}
		n, e, err := s.enqueue(ctx, group, snap.Digests(ctx, members))
		sent, empty = sent+n, empty+e
		if err != nil {
			return err
		}
	}
	s.m.Digests.WithLabelValues("sent").Add(float64(sent))
	s.m.Digests.WithLabelValues("empty").Add(float64(empty))
	s.log.Info("digests sent", "period", p.Key, "due", len(ps), "windows", len(order), "sent", sent, "empty", empty)
	return nil
}

// enqueue writes a group's digests, a few hundred per transaction.
func (s *Sender) enqueue(ctx context.Context, group []digest.Plan,
	digests []digest.Digest) (sent, empty int, err error) {
	const batch = 200
	for i := 0; i < len(group); i += batch {
		err := s.st.Batch(ctx, func(tx *store.Tx) error {
			for k, d := range group[i:min(i+batch, len(group))] {
				dg := digests[i+k]
				if dg.Empty() {
					empty++
					continue
				}
				key := Key(d.Member, d.Period)
				added, err := tx.Enqueue(ctx, outbox.New(key, outbox.PostMessage, d.Member, Message(dg, d.Freq)))
				if err != nil {
					return err
				}
				if !added {
					continue
				}
				if err := tx.RecordDigestItems(ctx, d.Member, d.Period, dg.Keys()); err != nil {
					return err
				}
				sent++
			}
			return nil
		})
		if err != nil {
			return sent, empty, fmt.Errorf("enqueue digests: %w", err)
		}
	}
	return sent, empty, nil
}
