package app

import (
	"context"
	"log/slog"
	"slices"
	"sync/atomic"
	"time"

	"praxis/bot/metrics"
	"praxis/store"
)

// replicas is this process's part among the replicas sharing a PostgreSQL
// store (store/replica.go): it renews its leases and rebalances the shards
// every third of their time, tells the dispatcher, the poster and the
// router which channels are theirs, and follows the other replicas'
// writes. On SQLite it holds every shard and does nothing.
type replicas struct {
	st  *store.Store
	ttl time.Duration
	log *slog.Logger
	m   *metrics.Metrics
	// stored: an event was stored by some replica (the dispatcher's wake);
	// changed: the shards held changed, now held of them.
	stored  func(from int64)
	changed func(held int)
	held    atomic.Pointer[[store.Shards]bool]
}

func newReplicas(st *store.Store, ttl time.Duration, log *slog.Logger, m *metrics.Metrics) *replicas {
	if ttl <= 0 {
		ttl = store.DefaultReplicaTTL
	}
	r := &replicas{st: st, ttl: ttl, log: log, m: m, stored: func(int64) {}, changed: func(int) {}}
	var all [store.Shards]bool
	if !st.Shared() {
		for i := range all {
			all[i] = true
		}
	}
	r.held.Store(&all)
	m.ShardsHeld.Set(float64(len(r.list())))
	return r
}

// Holds tells whether this replica holds shard, as its last heartbeat said.
func (r *replicas) Holds(shard int) bool {
	return shard >= 0 && shard < store.Shards && r.held.Load()[shard]
}

// beat renews the leases once and keeps what they say.
func (r *replicas) beat(ctx context.Context) error {
	shards, err := r.st.Heartbeat(ctx, r.ttl)
	if err != nil {
		return err
	}
	var held [store.Shards]bool
	for _, sh := range shards {
		held[sh] = true
	}
	r.m.ShardsHeld.Set(float64(len(shards)))
	if old := r.held.Swap(&held); *old != held {
		r.log.Info("shards held", "replica", r.st.ReplicaID(), "shards", len(shards))
		r.changed(len(shards))
	}
	return nil
}

// Run beats until ctx ends, then gives the leases back so that the others
// take them at once.
func (r *replicas) Run(ctx context.Context) error {
	if !r.st.Shared() {
		return nil
	}
	t := time.NewTicker(r.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if err := r.st.Leave(lctx); err != nil {
				r.log.Warn("give back the shards", "err", err)
			}
			return nil
		case <-t.C:
		}
		if err := r.beat(ctx); err != nil && ctx.Err() == nil {
			// The leases run out unless a later beat succeeds: the
			// transactions check them (store.Tx.Holds).
			r.m.HeartbeatsFailed.Inc()
			r.log.Warn("replica heartbeat", "err", err)
		}
	}
}

// Follow tells this process what the other replicas commit (store.FollowReplicas).
func (r *replicas) Follow(ctx context.Context) error {
	return r.st.FollowReplicas(ctx, r.stored, func(err error) {
		r.log.Warn("following the other replicas: connection lost; connecting again", "err", err)
	})
}

// list lists the shards held, ascending: the poster's share and the
// metrics' count.
func (r *replicas) list() []int {
	var out []int
	for i, h := range r.held.Load() {
		if h {
			out = append(out, i)
		}
	}
	return slices.Clip(out)
}
