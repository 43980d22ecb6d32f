package slackio

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/metrics"
	"praxis/bot/record"
	"praxis/internal/testkit"
	"praxis/store"
)

// BenchmarkIngestRealShaped replays a stream shaped like a real community's
// (the mix of nine days of a public Slack community: messages in 40
// channels, thread replies, reactions, edits, link unfurls, deletions, file
// shares, and joins; one event in ten from a member never seen before,
// whose profile Slack's users.info gives after 50–100 ms) through the HTTP
// transport, the receiver and the dispatcher with the real recorder. It
// reports events/s acknowledged and recorded, the ack latency, and how long
// after the first event every new member's profile was stored.
//
//	go test -run='^$' -bench=IngestRealShaped -benchtime=20000x ./bot/slackio/
func BenchmarkIngestRealShaped(b *testing.B) {
	stream, members := realShapedStream(b.N, 1)
	slackAPI := newProfileServer(b, 50*time.Millisecond, 100*time.Millisecond)
	rig := newIngestRig(b, slackAPI.URL+"/api/")
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64},
		Timeout:   10 * time.Second,
	}
	lat := make([]time.Duration, len(stream))
	var next, failed atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(stream); i = int(next.Add(1) - 1) {
				t0 := time.Now()
				if code := postSigned(client, rig.url+"/slack/events", stream[i]); code != http.StatusOK {
					failed.Add(1)
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	acked := time.Since(start)
	recorded := rig.waitRecorded(b, start, 0)
	synced := rig.waitProfiles(b, start, members)
	b.StopTimer()
	if failed.Load() > 0 {
		b.Fatalf("%d requests failed", failed.Load())
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	n := float64(len(stream))
	b.ReportMetric(n/acked.Seconds(), "acked/s")
	b.ReportMetric(n/recorded.Seconds(), "recorded/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99_ms")
	b.ReportMetric(synced.Seconds(), "profiles_s")
	b.ReportMetric(float64(members), "members")
	b.ReportMetric(float64(slackAPI.calls.Load()), "users.info")
}

// ingestRig is Praxis's receiving side as `praxis run` wires it, once per
// replica: the HTTP transport, the receiver waking the dispatcher, the
// recorder syncing profiles through slack-go from apiURL ("": no
// profiles), 40 channels C00–C39 mapped. Its store is SQLite's, or
// PostgreSQL's with $PRAXIS_TEST_STORE=postgres (see openIngestStores).
type ingestRig struct {
	st   *store.Store // the first replica's
	db   *sql.DB      // a second look at the same database
	url  string       // the first replica's HTTP endpoint
	urls []string     // every replica's
	// m are the replicas' metrics: their dispatchers count the events
	// they recorded, as they commit.
	m []*metrics.Metrics
}

func newIngestRig(tb testing.TB, apiURL string) *ingestRig {
	return newIngestRigs(tb, apiURL, 1)
}

// newIngestRigs starts n replicas on one database, each with its own
// store, HTTP listener, receiver, dispatcher and recorder. On PostgreSQL
// they share the channels' shards as `praxis run` does (see beatReplicas).
func newIngestRigs(tb testing.TB, apiURL string, n int) *ingestRig {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stores, db := openIngestStores(tb, n)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	byChannel := map[string]string{}
	for c := range 40 {
		byChannel[fmt.Sprintf("C%02d", c)] = fmt.Sprintf("community %d", c%8)
	}
	mapping := testkit.Directory(byChannel)
	r := &ingestRig{st: stores[0], db: db}
	holds := beatReplicas(tb, ctx, stores)
	var wg sync.WaitGroup
	var servers []*httptest.Server
	for i, st := range stores {
		var profiles record.Profiles
		if apiURL != "" {
			profiles = NewDirectory(slack.New("xoxb-bench", slack.OptionAPIURL(apiURL)))
		}
		rec := record.New(st, mapping, profiles, "UPRAXIS", bot.Deps{Log: log})
		deps := bot.Deps{Log: log, Metrics: metrics.New()}
		r.m = append(r.m, deps.Metrics)
		d := dispatch.New(st, Decode, dispatch.Chain{rec}, deps, dispatch.Options{Workers: 4, Holds: holds[i].Holds,
			Apart: dispatch.Contribution(mapping)})
		holds[i].wake = func() { d.WakeFrom(0) }
		recv := NewReceiver(st, mapping, deps, ReceiverOptions{Wake: d.Wake})
		srv := httptest.NewServer(NewHTTP(recv, secret, deps).Handler())
		servers = append(servers, srv)
		r.urls = append(r.urls, srv.URL)
		follow := func(ctx context.Context) error { return st.FollowReplicas(ctx, d.WakeFrom, func(error) {}) }
		for _, run := range []func(context.Context) error{recv.Run, d.Run, rec.Run, follow, holds[i].run} {
			wg.Go(func() { run(ctx) })
		}
	}
	r.url = r.urls[0]
	tb.Cleanup(func() {
		for _, srv := range servers {
			srv.Close()
		}
		cancel()
		wg.Wait()
		db.Close()
		for _, st := range stores {
			st.Close()
		}
	})
	return r
}

// waitRecorded returns how long after start the events were recorded:
// when the replicas' dispatchers have counted events recorded (0: not
// known), read in the process, and the inbox is then found empty, counted
// every 20 ms at most: more often, its count competed with the dispatcher
// it waits for (a round trip and a scan of the pending events on
// PostgreSQL).
func (r *ingestRig) waitRecorded(tb testing.TB, start time.Time, events int) time.Duration {
	tb.Helper()
	testkit.WaitFor(tb, 5*time.Minute, "the events counted recorded", func() bool {
		done := 0.0
		for _, m := range r.m {
			done += testutil.ToFloat64(m.EventsProcessed)
		}
		return done >= float64(events)
	})
	at, polls := time.Since(start), 0
	testkit.WaitFor(tb, 5*time.Minute, "the inbox drained", func() bool {
		if polls++; polls > 1 {
			time.Sleep(15 * time.Millisecond)
		}
		n, err := r.st.InboxDepth(context.Background())
		return err == nil && n == 0
	})
	if polls > 1 {
		at = time.Since(start)
	}
	return at
}

// waitProfiles returns how long after start every member had a profile.
func (r *ingestRig) waitProfiles(tb testing.TB, start time.Time, members int) time.Duration {
	tb.Helper()
	testkit.WaitFor(tb, 5*time.Minute, "every member's profile", func() bool {
		var n int
		err := r.db.QueryRow(`SELECT count(*) FROM members WHERE synced_at > 0`).Scan(&n)
		return err == nil && n >= members
	})
	return time.Since(start)
}

func postSigned(client *http.Client, url string, body []byte) int {
	stamp, sig := sign(time.Now(), body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", sig)
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// profileServer answers users.info as Slack does, after a delay between
// lo and hi that depends on the member (the same member, the same delay).
type profileServer struct {
	*httptest.Server
	calls atomic.Int64
}

func newProfileServer(tb testing.TB, lo, hi time.Duration) *profileServer {
	p := &profileServer{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/users.info" {
			http.Error(w, `{"ok":false,"error":"unknown_method"}`, http.StatusNotFound)
			return
		}
		p.calls.Add(1)
		id := r.FormValue("user")
		h := fnv.New32a()
		h.Write([]byte(id))
		time.Sleep(lo + time.Duration(h.Sum32())%(hi-lo+1))
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "user": map[string]any{
			"id": id, "name": "member" + id, "real_name": "Member " + id, "tz": "Europe/Paris", "locale": "fr-FR",
			"profile": map[string]any{"display_name": "m" + id, "real_name": "Member " + id}}})
	}))
	tb.Cleanup(p.Close)
	return p
}
