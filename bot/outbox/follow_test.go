package outbox_test

import (
	"context"
	"testing"
	"time"

	"praxis/bot/outbox"
	"praxis/internal/testkit"
	"praxis/store"
)

// A poster following the store (store.OnCommit, as app.New wires it) sends
// a message as soon as the transaction that enqueued it commits, whoever
// wrote it: nobody wakes it by hand, and it would otherwise sleep an hour.
func TestPosterWokenByTheCommit(t *testing.T) {
	r := newRig(t, outbox.Options{Rate: 100, Burst: 10, Idle: time.Hour})
	r.st.OnCommit(r.p.Committed)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.p.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	sent := func(key string) func() bool {
		return func() bool {
			row, err := r.st.OutboxByKey(ctx, key)
			return err == nil && row.Status == store.OutSent
		}
	}
	// A first message, sent at start: the poster then sleeps.
	r.enqueue(t, 1, "C1")
	testkit.WaitFor(t, 10*time.Second, "the first message sent", sent("k0"))
	time.Sleep(50 * time.Millisecond) // let it fall asleep
	err := r.st.Batch(ctx, func(tx *store.Tx) error {
		_, err := tx.Enqueue(ctx, outbox.New("in-tx", outbox.PostMessage, "C1", outbox.Message{Text: "from a job"}))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	testkit.WaitFor(t, 10*time.Second, "the message enqueued in a transaction sent", sent("in-tx"))
}
