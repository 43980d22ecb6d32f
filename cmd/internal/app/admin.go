package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"praxis/bot/metrics"
	"praxis/store"
)

// adminHandler serves /metrics and /healthz on the admin address.
// /healthz answers "ok" (or 503 and the problems), then the replicas
// sharing the store, this one first, and the shards each holds.
func adminHandler(st *store.Store, m *metrics.Metrics, connected func() bool, ttl time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Timeout: 5 * time.Second}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		var problems []string
		if err := st.Ping(ctx); err != nil {
			problems = append(problems, "store not writable: "+err.Error())
		}
		if !connected() {
			problems = append(problems, "not connected to Slack")
		}
		if len(problems) > 0 {
			http.Error(w, strings.Join(problems, "\n"), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
		writeReplicas(ctx, w, st, ttl)
	})
	return mux
}

// writeReplicas lists the replicas seen within ttl, this one first, each
// with the shards of channels it holds (store.Shard), as ranges.
func writeReplicas(ctx context.Context, w io.Writer, st *store.Store, ttl time.Duration) {
	rs, err := st.Replicas(ctx, ttl)
	if err != nil {
		fmt.Fprintf(w, "replicas: %v\n", err)
		return
	}
	if i := slices.IndexFunc(rs, func(r store.Replica) bool { return r.ID == st.ReplicaID() }); i > 0 {
		rs[0], rs[i] = rs[i], rs[0] // this one first
	}
	for _, r := range rs {
		this := ""
		if r.ID == st.ReplicaID() {
			this = " (this one)"
		}
		fmt.Fprintf(w, "replica %s%s host=%s pid=%d holds %d of %d shards: %s\n",
			r.ID, this, r.Host, r.PID, len(r.Shards), store.Shards, ranges(r.Shards))
	}
}

// ranges writes ascending ints as ranges: "0-20 31 40-63".
func ranges(v []int) string {
	var b strings.Builder
	for i := 0; i < len(v); {
		j := i
		for j+1 < len(v) && v[j+1] == v[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if j > i {
			fmt.Fprintf(&b, "%d-%d", v[i], v[j])
		} else {
			fmt.Fprintf(&b, "%d", v[i])
		}
		i = j + 1
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

func serveHTTP(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	log.Info("admin listening", "addr", ln.Addr().String())
	return serveListener(ctx, ln, h, log)
}

// serveListener serves until ctx ends, then shuts down gracefully.
func serveListener(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	return nil
}
