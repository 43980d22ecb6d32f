package dispatch

import (
	"context"
	"fmt"
	"runtime/debug"

	"praxis/bot"
	"praxis/store"
)

// Handler is what the dispatcher drives for each event, in two phases.
// Prepare runs outside the write transaction and does whatever is slow:
// it crosses the network (profiles, the language model), ranks, builds
// reports and exports, reads what the answer needs. It hands its result to
// the transaction as a Step, or nil when the event is none of its business.
//
// A Prepare error fails the event as a failing Step does: the event stays in
// the inbox, is tried again (prepared anew) later, and is set aside after
// Options.MaxAttempts. What is best effort (a profile, a model's verdict)
// is therefore not an error: Prepare goes on without it.
type Handler interface {
	Prepare(ctx context.Context, ev bot.Event) (Step, error)
}

// Step is the write side of one event, from its handler's Prepare: it runs
// inside the transaction that marks the event processed, and only writes
// (reading through tx what this transaction may have changed). A step may
// run more than once for one Prepare (its batch failed as a whole and is
// retried event by event): each run starts from what Prepare computed, never
// from what an earlier run changed.
type Step func(ctx context.Context, tx *store.Tx) error

// Run runs the step; a nil step does nothing.
func (s Step) Run(ctx context.Context, tx *store.Tx) error {
	if s == nil {
		return nil
	}
	return s(ctx, tx)
}

// Enqueue is the step of an answer computed in Prepare: it enqueues msgs,
// in order, in the event's transaction.
func Enqueue(msgs ...store.OutMessage) Step {
	return func(ctx context.Context, tx *store.Tx) error {
		for _, m := range msgs {
			if _, err := tx.Enqueue(ctx, m); err != nil {
				return err
			}
		}
		return nil
	}
}

// Chain runs several handlers as one: every Prepare in order, then their
// steps in the same order and the same transaction. The first error, of a
// Prepare or of a step, fails the event.
type Chain []Handler

// Prepare runs each handler's Prepare and composes their steps.
func (c Chain) Prepare(ctx context.Context, ev bot.Event) (Step, error) {
	steps := make([]Step, len(c))
	for i, h := range c {
		s, err := h.Prepare(ctx, ev)
		if err != nil {
			return nil, err
		}
		steps[i] = s
	}
	return Steps(steps...), nil
}

// Steps is one step running steps in order, the nil ones skipped; the
// first error stops it. It is nil when there is nothing to run.
func Steps(steps ...Step) Step {
	var run []Step
	for _, s := range steps {
		if s != nil {
			run = append(run, s)
		}
	}
	switch len(run) {
	case 0:
		return nil
	case 1:
		return run[0]
	}
	return func(ctx context.Context, tx *store.Tx) error {
		for _, s := range run {
			if err := s(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	}
}

// prepareOne runs the handler's Prepare; a panic becomes the event's error.
func (d *Dispatcher) prepareOne(ctx context.Context, ev bot.Event) (step Step, err error) {
	defer func() {
		if p := recover(); p != nil {
			step, err = nil, fmt.Errorf("panic in prepare: %v\n%s", p, debug.Stack())
		}
	}()
	return d.handler.Prepare(ctx, ev)
}

// apply runs an event's step inside its savepoint; a panic becomes the
// event's error.
func (d *Dispatcher) apply(ctx context.Context, step Step, tx *store.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return step.Run(ctx, tx)
}
