// Package slackedge is nudging's Slack edge: the hourly job that records
// and sends, through the outbox, what bot/nudge's policy allows; the DM a
// nudge becomes (its text and the "No more nudges" button); and the routes
// of a member's choice (`/praxis nudges off|on`, the button). What to
// nudge, to whom and when is bot/nudge's.
package slackedge

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/bot/nudge"
	"praxis/bot/outbox"
	"praxis/bot/schedule"
	"praxis/store"
)

// JobName is the scheduler job that nudges.
const JobName = "nudges"

// Sender sends what a Nudger plans: the same Nudger the Home previews
// with, so that both share its rankings.
type Sender struct {
	n   *nudge.Nudger
	st  *store.Store
	log *slog.Logger
	m   *metrics.Metrics // counts the nudges recorded
}

// NewSender returns the Sender of n's decisions, recording them in st.
func NewSender(n *nudge.Nudger, st *store.Store, d bot.Deps) *Sender {
	d = d.For("nudge")
	return &Sender{n: n, st: st, log: d.Log, m: d.Metrics}
}

// Job is the hourly job (in UTC, so every hour exists once) that measures
// past nudges and sends what the policy allows at the period's instant,
// each member's quiet hours and weekends judged in their own zone.
func (s *Sender) Job() schedule.Job {
	return schedule.Job{Name: JobName, Spec: "0 * * * *", Loc: time.UTC, Timeout: 50 * time.Minute,
		Fn: func(ctx context.Context, p schedule.Period) error { _, err := s.Send(ctx, p.At); return err }}
}

// Send measures the nudges whose 7 days are over, then records every
// decision the policy allows or holds out at now, and enqueues the allowed
// ones; a decision already recorded (same key) is not sent again. It
// returns the decisions.
func (s *Sender) Send(ctx context.Context, now time.Time) ([]nudge.Decision, error) {
	if _, err := s.st.SettleNudges(ctx, now); err != nil {
		return nil, err
	}
	ds, err := s.n.Plan(ctx, now)
	if err != nil {
		return nil, err
	}
	var recorded []record
	err = s.st.Batch(ctx, func(tx *store.Tx) error {
		var err error
		recorded, err = writeDecisions(ctx, tx, ds, now) // a retried transaction counts again
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("send nudges: %w", err)
	}
	sent, held := 0, 0
	for _, d := range recorded {
		s.m.Nudges.WithLabelValues(d.kind, d.outcome).Inc()
		if d.outcome == store.NudgeHoldout {
			held++
		} else {
			sent++
		}
	}
	s.log.Info("nudges", "at", now, "candidates", len(ds), "sent", sent, "held_out", held)
	return ds, nil
}

// record is what one decision of a run wrote: its kind and outcome.
type record struct{ kind, outcome string }

// writeDecisions writes the decisions the policy allows or holds out, and enqueues
// the allowed ones. A decision already recorded (a plan read before another
// run wrote it) is skipped, never sent again, and the others still go.
func writeDecisions(ctx context.Context, tx *store.Tx, ds []nudge.Decision, now time.Time) ([]record, error) {
	var out []record
	for _, d := range ds {
		status := store.NudgeSent
		switch d.Block {
		case nudge.Allowed:
		case nudge.Holdout:
			status = store.NudgeHoldout
		default:
			continue
		}
		added, err := tx.AddNudge(ctx, store.Nudge{Key: d.Key, Member: d.Member, Community: d.Community,
			Kind: d.Kind, Subject: d.Subject, Status: status, At: now})
		if err != nil {
			return nil, err
		}
		if !added {
			continue
		}
		out = append(out, record{d.Kind, status})
		if status == store.NudgeSent {
			if _, err := tx.Enqueue(ctx, outbox.New(d.Key, outbox.PostMessage, d.Member, message(d.Content))); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
