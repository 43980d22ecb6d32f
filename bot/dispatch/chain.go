package dispatch

import (
	"context"

	"praxis/bot"
	"praxis/store"
)

// Chain runs several handlers in order: every Prepare, then every Apply in
// the same transaction. The first Apply error fails the event.
type Chain []Handler

// Prepare runs each handler's Prepare.
func (c Chain) Prepare(ctx context.Context, ev bot.Event) {
	for _, h := range c {
		h.Prepare(ctx, ev)
	}
}

// Apply runs each handler's Apply.
func (c Chain) Apply(ctx context.Context, ev bot.Event, tx *store.Tx) error {
	for _, h := range c {
		if err := h.Apply(ctx, ev, tx); err != nil {
			return err
		}
	}
	return nil
}
