package slackio

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/metrics"
	"praxis/bot/record"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
)

// BenchmarkIngestSocket measures the Socket Mode path: the emulator pushes
// message events over a real websocket as fast as it can, Praxis stores and
// acks each one while the dispatcher records them. It reports events/s
// acknowledged and recorded, and the emulator's view of ack latency (from
// sending an envelope to receiving its ack).
//
//	go test -run=^$ -bench=IngestSocket -benchtime=50000x ./bot/slackio/
func BenchmarkIngestSocket(b *testing.B) {
	emu := slackemu.New(slackemu.Options{AckTimeout: 30 * time.Second, PingInterval: 2 * time.Second})
	defer emu.Close()
	for i := 1; i <= 4; i++ {
		emu.AddChannel(slackemu.Channel{ID: fmt.Sprintf("C%d", i), Name: fmt.Sprintf("c%d", i), Members: []string{"UPRAXIS"}})
	}
	st := testkit.Store(b, nil)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := metrics.New()
	mapping := testkit.Directory(map[string]string{"C1": "Security", "C2": "Data", "C3": "Ops", "C4": "Sales"})
	recorder := record.New(st, mapping, nil, "UPRAXIS", bot.Deps{Log: log})
	deps := bot.Deps{Log: log, Metrics: m}
	d := dispatch.New(st, Decode, dispatch.Chain{recorder}, deps, dispatch.Options{Workers: 4})
	recv := NewReceiver(st, mapping, deps, ReceiverOptions{Wake: d.Wake})
	api := emu.Client()
	sock := NewSocket(api, recv, deps, SocketOptions{Handlers: 16, Ping: 10 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 3)
	for _, run := range []func(context.Context) error{recv.Run, d.Run, sock.Run} {
		go func() { run(ctx); done <- struct{}{} }()
	}
	defer func() { cancel(); <-done; <-done; <-done }()
	if err := emu.WaitConnected(ctx, 1); err != nil {
		b.Fatal(err)
	}
	payloads := make([][]byte, b.N)
	for i := range payloads {
		payloads[i] = []byte(fmt.Sprintf(`{"type":"event_callback","event_id":"Ev%09d","event_time":1700000000,`+
			`"event":{"type":"message","channel":"C%d","user":"U%d",`+
			`"text":"a message of ordinary length about rotating keys and the runbook","ts":"%d.%06d"}}`,
			i, 1+i%4, i%500, 1700000000+i/1000, i%1000))
	}
	b.ResetTimer()
	start := time.Now()
	for _, p := range payloads {
		if err := emu.DeliverRaw(p); err != nil {
			b.Fatal(err)
		}
	}
	if err := emu.WaitAcked(ctx); err != nil {
		b.Fatal(err)
	}
	acked := time.Since(start)
	for {
		n, _ := st.InboxDepth(ctx)
		if n == 0 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	recorded := time.Since(start)
	b.StopTimer()
	if n, _ := st.Stats(ctx); n.Messages != b.N {
		b.Fatalf("recorded %d messages, want %d "+
			"(stored %v, dup %v, malformed %v, unmapped %v, deliveries %d, abandoned %d)", n.Messages, b.N,
			testutil.ToFloat64(m.EventsStored), testutil.ToFloat64(m.EventsDuplicate), testutil.ToFloat64(m.EventsMalformed),
			testutil.ToFloat64(m.EventsUnmapped), emu.Deliveries(), emu.Abandoned())
	}
	// Two views of ack latency: the emulator's (sending an envelope to
	// reading its ack, including the wait behind the 200 envelopes in flight)
	// and Praxis's own (receiving a request to sending its ack), as bucketed by
	// praxis_ack_latency_seconds.
	lat := emu.AckLatencies()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(b.N)/acked.Seconds(), "acked/s")
	b.ReportMetric(float64(b.N)/recorded.Seconds(), "recorded/s")
	b.ReportMetric(histQuantile(b, m, 0.99)*1000, "praxis_p99_ms")
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99_ms")
	}
}

// histQuantile returns the upper bound of the ack latency bucket holding the
// q-quantile.
func histQuantile(b *testing.B, m *metrics.Metrics, q float64) float64 {
	var pb dto.Metric
	if err := m.AckLatency.Write(&pb); err != nil {
		b.Fatal(err)
	}
	h := pb.GetHistogram()
	target := q * float64(h.GetSampleCount())
	for _, bk := range h.GetBucket() {
		if float64(bk.GetCumulativeCount()) >= target {
			return bk.GetUpperBound()
		}
	}
	return math.Inf(1)
}
