package history

import (
	"context"

	"golang.org/x/sync/semaphore"
)

// queue hands decoded parts from the decoder to the writer. What waits in
// it is bounded in bytes (as parts count them), not in parts: a few parts
// of a huge day file, or as many small day files as make that many bytes.
// Bounded by count, four day files of a few dozen messages waited while a
// transaction was written, and the next transaction held only those: an
// import of a million messages made thousands of small transactions, each
// paying its commit and the writes of its members' first and last seen.
type queue struct {
	parts  chan part
	budget *semaphore.Weighted
	bytes  int64
}

// queueParts bounds the parts waiting whatever their size (an empty part,
// a day file that could not be read, counts as one byte).
const queueParts = 4096

func newQueue(bytes int) *queue {
	return &queue{parts: make(chan part, queueParts), budget: semaphore.NewWeighted(int64(bytes)), bytes: int64(bytes)}
}

// weight is what p holds of the budget while it waits: a part larger than
// the whole budget waits alone.
func (q *queue) weight(p part) int64 {
	return min(max(int64(p.size), 1), q.bytes)
}

// put waits for room for p and queues it; false when ctx ends first.
func (q *queue) put(ctx context.Context, p part) bool {
	w := q.weight(p)
	if err := q.budget.Acquire(ctx, w); err != nil {
		return false
	}
	select {
	case q.parts <- p:
		return true
	case <-ctx.Done():
		q.budget.Release(w)
		return false
	}
}

// taken gives back the room of a part the writer took.
func (q *queue) taken(p part) { q.budget.Release(q.weight(p)) }

// close tells the writer that no part will follow.
func (q *queue) close() { close(q.parts) }
