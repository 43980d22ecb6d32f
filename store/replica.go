package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"time"
)

// Replicas (docs/postgres.md, "Replicas"). Several processes of `praxis
// run` may share one PostgreSQL database. Each registers under an id of its
// own start and says it is alive (Heartbeat); channels are split into
// Shards, each held by one live replica at a time through a lease it
// renews. A replica applies the events, sends the messages and routes the
// questions of the channels whose shards it holds, so that each channel's
// events are applied in order by one process; what is applied, sent or
// run once is still decided inside the write transactions (an inbox row's
// processed mark, an outbox row's claim, a job run's claim), so that a
// replica that lost its lease without knowing can do no harm. SQLite has
// one process: its store holds every shard and needs no heartbeat.

// Shards is how many parts the channels are split into among replicas.
const Shards = 64

// DefaultReplicaTTL is how long a lease lasts without a heartbeat: the
// longest a stopped replica's shards wait before others take them.
// Replicas beat three times per TTL.
const DefaultReplicaTTL = 6 * time.Second

// Shard is the shard of a channel (or of a DM's member): the same on every
// replica and every start.
func Shard(channel string) int {
	h := fnv.New32a()
	h.Write([]byte(channel))
	return int(h.Sum32() % Shards)
}

// Shared reports whether several processes may share this store
// (PostgreSQL): then each replica holds only the shards of its leases.
func (s *Store) Shared() bool { return s.pg }

// ReplicaID is this process's id among the replicas: random, drawn when
// the store was opened.
func (s *Store) ReplicaID() string { return s.replica }

// newReplicaID draws a replica id: the host's name and 6 random bytes.
func newReplicaID() string {
	b := make([]byte, 6)
	rand.Read(b)
	host, _ := os.Hostname()
	if len(host) > 40 {
		host = host[:40]
	}
	return host + "-" + hex.EncodeToString(b)
}

// Replica is one process sharing the store, as it last said.
type Replica struct {
	ID        string
	Host      string
	PID       int
	StartedAt time.Time
	SeenAt    time.Time
	Shards    []int // the shards it holds, ascending
}

// Heartbeat says that this replica is alive and rebalances the shards, in
// one write transaction (writers take turns, so replicas see one another's
// heartbeats in order): it renews its leases until now+ttl, gives back
// those above its fair share when others hold fewer, and takes free or
// expired ones up to its fair share (the shards divided among the replicas
// seen within ttl). It returns the shards it holds. A replica not seen
// for ten ttl is forgotten. On SQLite, the only process holds every shard.
func (s *Store) Heartbeat(ctx context.Context, ttl time.Duration) ([]int, error) {
	if !s.pg {
		return allShards(), nil
	}
	var held []int
	err := s.Batch(ctx, func(tx *Tx) error {
		var err error
		held, err = tx.heartbeat(ctx, s.replica, ttl)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("heartbeat: %w", err)
	}
	return held, nil
}

func (t *Tx) heartbeat(ctx context.Context, me string, ttl time.Duration) ([]int, error) {
	now := ms(t.now)
	host, _ := os.Hostname()
	if _, err := t.tx.exec(ctx, `INSERT INTO replicas(id, host, pid, started_at, seen_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seen_at = excluded.seen_at`,
		me, host, os.Getpid(), now, now); err != nil {
		return nil, err
	}
	if _, err := t.tx.exec(ctx, `DELETE FROM replicas WHERE seen_at < ?`, now-10*ttl.Milliseconds()); err != nil {
		return nil, err
	}
	keep := now - changeLogKeep.Milliseconds()
	if _, err := t.tx.exec(ctx, `DELETE FROM change_log WHERE at < ?`, keep); err != nil {
		return nil, err
	}
	var live int
	if err := t.tx.queryRow(ctx, `SELECT count(*) FROM replicas WHERE seen_at >= ?`,
		now-ttl.Milliseconds()).Scan(&live); err != nil {
		return nil, err
	}
	fair := (Shards + max(live, 1) - 1) / max(live, 1)
	until := now + ttl.Milliseconds()
	if _, err := t.tx.exec(ctx, `UPDATE leases SET until = ? WHERE holder = ?`, until, me); err != nil {
		return nil, err
	}
	held, free, err := t.leases(ctx, me, now)
	if err != nil {
		return nil, err
	}
	for len(held) > fair {
		last := held[len(held)-1]
		if _, err := t.tx.exec(ctx, `DELETE FROM leases WHERE shard = ? AND holder = ?`, last, me); err != nil {
			return nil, err
		}
		held = held[:len(held)-1]
	}
	for _, sh := range free {
		if len(held) >= fair {
			break
		}
		if _, err := t.tx.exec(ctx, `INSERT INTO leases(shard, holder, until) VALUES (?, ?, ?)
			ON CONFLICT(shard) DO UPDATE SET holder = excluded.holder, until = excluded.until`,
			sh, me, until); err != nil {
			return nil, err
		}
		held = append(held, sh)
	}
	slices.Sort(held)
	return held, nil
}

// leases reads the shards me holds and those free to take (never leased,
// given back, or expired), both ascending.
func (t *Tx) leases(ctx context.Context, me string, now int64) (held, free []int, err error) {
	rows, err := t.tx.query(ctx, `SELECT shard, holder, until FROM leases ORDER BY shard`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	taken := make([]bool, Shards)
	for rows.Next() {
		var sh int
		var holder string
		var until int64
		if err := rows.Scan(&sh, &holder, &until); err != nil {
			return nil, nil, err
		}
		if sh < 0 || sh >= Shards {
			continue
		}
		switch {
		case holder == me:
			held, taken[sh] = append(held, sh), true
		case until >= now:
			taken[sh] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	for sh, t := range taken {
		if !t {
			free = append(free, sh)
		}
	}
	return held, free, nil
}

// Leave gives back this replica's leases and removes it from the replicas,
// so that the others take its shards at their next heartbeat rather than
// when its leases expire. A stopping replica calls it last.
func (s *Store) Leave(ctx context.Context) error {
	if !s.pg {
		return nil
	}
	return s.Batch(ctx, func(tx *Tx) error {
		if _, err := tx.tx.exec(ctx, `DELETE FROM leases WHERE holder = ?`, s.replica); err != nil {
			return err
		}
		_, err := tx.tx.exec(ctx, `DELETE FROM replicas WHERE id = ?`, s.replica)
		return err
	})
}

// Holds reports, inside the write transaction, whether this replica holds
// shard: an event of a shard it no longer holds (its lease expired and
// another replica took it) must be left to that replica. Always true on
// SQLite.
func (t *Tx) Holds(ctx context.Context, shard int) (bool, error) {
	if !t.s.pg {
		return true, nil
	}
	if v, ok := t.holds[shard]; ok {
		return v, nil
	}
	var n int
	err := t.tx.queryRow(ctx, `SELECT count(*) FROM leases WHERE shard = ? AND holder = ?`,
		shard, t.s.replica).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("lease of shard %d: %w", shard, err)
	}
	if t.holds == nil {
		t.holds = map[int]bool{}
	}
	t.holds[shard] = n > 0
	return n > 0, nil
}

// Replicas lists the replicas seen within ttl and the shards each holds,
// for /healthz. On SQLite it is this process alone, holding every shard.
func (s *Store) Replicas(ctx context.Context, ttl time.Duration) ([]Replica, error) {
	if !s.pg {
		host, _ := os.Hostname()
		return []Replica{{ID: s.replica, Host: host, PID: os.Getpid(), Shards: allShards()}}, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT r.id, r.host, r.pid, r.started_at, r.seen_at, l.shard
		FROM replicas r LEFT JOIN leases l ON l.holder = r.id
		WHERE r.seen_at >= ? ORDER BY r.started_at, r.id, l.shard`, ms(s.Now())-ttl.Milliseconds())
	if err != nil {
		return nil, fmt.Errorf("replicas: %w", err)
	}
	defer rows.Close()
	var out []Replica
	for rows.Next() {
		var r Replica
		var started, seen int64
		var shard sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Host, &r.PID, &started, &seen, &shard); err != nil {
			return nil, fmt.Errorf("replicas: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != r.ID {
			r.StartedAt, r.SeenAt = fromMS(started), fromMS(seen)
			out = append(out, r)
		}
		if shard.Valid {
			last := &out[len(out)-1]
			last.Shards = append(last.Shards, int(shard.Int64))
		}
	}
	return out, rows.Err()
}

func allShards() []int {
	all := make([]int, Shards)
	for i := range all {
		all[i] = i
	}
	return all
}
