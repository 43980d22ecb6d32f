package slackio

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkIngestHTTP measures the transport → inbox → dispatcher → store
// path under load: concurrent clients post signed message events to the HTTP
// transport while the dispatcher records them. It reports acknowledged
// events/s, the ack latency p50/p99, and events/s fully recorded (every
// message counted in the store). With $PRAXIS_TEST_STORE=postgres, on
// PostgreSQL.
//
//	go test -run=^$ -bench=IngestHTTP -benchtime=50000x ./bot/slackio/
func BenchmarkIngestHTTP(b *testing.B) { benchIngestHTTP(b, 1) }

// BenchmarkIngestHTTP3Replicas is the same with three replicas on one
// PostgreSQL database, the clients spread across their HTTP listeners,
// the channels' shards shared among them.
//
//	PRAXIS_TEST_STORE=postgres go test -run=^$ -bench=IngestHTTP3 -benchtime=50000x ./bot/slackio/
func BenchmarkIngestHTTP3Replicas(b *testing.B) { benchIngestHTTP(b, 3) }

func benchIngestHTTP(b *testing.B, replicas int) {
	r := newIngestRigs(b, "", replicas) // every channel mapped, the dispatcher woken as run wires it
	const clients = 64
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var failed atomic.Int64
	text := bytes.Repeat([]byte("word "), 40) // a 200-byte message
	b.ResetTimer()
	start := time.Now() // wallclock: a benchmark's start, measured from (benchIngestHTTP is the benchmarks' body)
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		url := r.urls[c%len(r.urls)] + "/slack/events"
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				body := []byte(fmt.Sprintf(`{"type":"event_callback","event_id":"Ev%09d","event_time":1700000000,`+
					`"event":{"type":"message","channel":"C%02d","user":"U%d","text":%q,"ts":"%d.%06d"}}`,
					i, i%4, i%500, text, 1700000000+i/1000, i%1000))
				stamp, sig := sign(time.Now(), body)
				req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
				req.Header.Set("X-Slack-Request-Timestamp", stamp)
				req.Header.Set("X-Slack-Signature", sig)
				t0 := time.Now()
				resp, err := client.Do(req)
				lat[i] = time.Since(t0)
				if err != nil || resp.StatusCode != 200 {
					failed.Add(1)
				}
				if resp != nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
	wg.Wait()
	acked := time.Since(start)
	recorded := r.waitRecorded(b, start, b.N)
	b.StopTimer()
	if failed.Load() > 0 {
		b.Fatalf("%d requests failed", failed.Load())
	}
	var stored int
	if err := r.db.QueryRow(`SELECT count(*) FROM messages`).Scan(&stored); err != nil || stored != b.N {
		b.Fatalf("%d messages stored (%v), want %d", stored, err, b.N)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(b.N)/acked.Seconds(), "acked/s")
	b.ReportMetric(float64(b.N)/recorded.Seconds(), "recorded/s")
	b.ReportMetric(float64(lat[b.N/2].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(lat[b.N*99/100].Microseconds())/1000, "p99_ms")
}
