package slackio

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
	"praxis/store"
)

// socketRig is the Socket Mode transport storing into a real inbox, against
// the emulator.
type socketRig struct {
	emu  *slackemu.Server
	st   *store.Store
	m    *metrics.Metrics
	sock *Socket
}

func newSocketRig(t *testing.T, opts slackemu.Options, pingInterval time.Duration) *socketRig {
	t.Helper()
	emu := slackemu.New(opts)
	emu.AddChannel(slackemu.Channel{ID: "C1", Name: "security", Members: []string{"UPRAXIS"}})
	ctx, cancel := context.WithCancel(context.Background())
	st := testkit.Store(t, nil)
	var w io.Writer = io.Discard
	if os.Getenv("SOCKET_DEBUG") != "" {
		w = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m := metrics.New()
	d := bot.Deps{Log: log, Metrics: m}
	recv := NewReceiver(st, testkit.Directory(map[string]string{"C1": "Security"}), d, ReceiverOptions{})
	api := emu.Client()
	sock := NewSocket(api, recv, d, SocketOptions{Handlers: 16, Ping: pingInterval})
	var wg sync.WaitGroup
	wg.Go(func() { recv.Run(ctx) })
	wg.Go(func() { sock.Run(ctx) })
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		emu.Close()
	})
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if err := emu.WaitConnected(wctx, 1); err != nil {
		t.Fatal(err)
	}
	return &socketRig{emu: emu, st: st, m: m, sock: sock}
}

func (r *socketRig) deliver(t *testing.T, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		payload := fmt.Sprintf(`{"type":"event_callback","event_id":"Ev%06d","event_time":1700000000,`+
			`"event":{"type":"message","channel":"C1","user":"U1","text":"message %d","ts":"1700000000.%06d"}}`, i, i, i)
		if err := r.emu.DeliverRaw([]byte(payload)); err != nil {
			t.Fatal(err)
		}
	}
}

// After an abrupt drop with envelopes in flight (their acks can no longer
// reach Slack), Praxis dials again at once: waiting acks must not hold up
// the reconnection. Every event is then stored once.
func TestSocketReconnectsWithinASecondOfADrop(t *testing.T) {
	r := newSocketRig(t, slackemu.Options{AckTimeout: 30 * time.Second, PingInterval: time.Second}, 0)
	const batch = 400
	for drop := range 3 {
		r.deliver(t, drop*batch, batch)
		time.Sleep(20 * time.Millisecond) // envelopes in flight, acks on their way
		start := time.Now()
		r.emu.DropConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := r.emu.WaitConnected(ctx, 1)
		cancel()
		if err != nil {
			t.Fatalf("drop %d: not reconnected within 10s", drop)
		}
		took := time.Since(start)
		if took >= time.Second {
			t.Errorf("drop %d: reconnected %v after the drop, want within a second", drop, took.Round(time.Millisecond))
		}
		t.Logf("drop %d: reconnected after %v", drop, took.Round(time.Millisecond))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.emu.WaitAcked(ctx); err != nil {
		t.Fatal(err)
	}
	// No dispatcher runs: every stored event is still pending.
	if n, err := r.st.InboxDepth(ctx); err != nil || n != 3*batch {
		t.Fatalf("got %d events stored (%v), want %d, each once", n, err, 3*batch)
	}
}

// halfOpenSlack is a Socket Mode server of its own (not the emulator): it
// says hello on each link and answers Praxis's pings until silence, then
// neither reads nor writes while keeping the TCP connection open, as a
// link whose far end vanished does.
type halfOpenSlack struct {
	srv    *httptest.Server
	links  atomic.Int32
	closed atomic.Bool // apps.connections.open refuses new links
	mu     sync.Mutex
	conns  []*websocket.Conn
}

func newHalfOpenSlack(t *testing.T) *halfOpenSlack {
	h := &halfOpenSlack{}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if h.closed.Load() {
			fmt.Fprint(w, `{"ok":false,"error":"internal_error"}`)
			return
		}
		fmt.Fprintf(w, `{"ok":true,"url":"ws%s/link"}`, strings.TrimPrefix(h.srv.URL, "http"))
	})
	mux.HandleFunc("/link", func(w http.ResponseWriter, r *http.Request) {
		conn, err := (&websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		h.mu.Lock()
		h.conns = append(h.conns, conn)
		h.mu.Unlock()
		h.links.Add(1)
		conn.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello","num_connections":1}`))
		for { // reading answers pings with pongs, until silence
			if _, _, err := conn.ReadMessage(); err != nil {
				break
			}
		}
		<-r.Context().Done()
	})
	h.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		h.mu.Lock()
		for _, c := range h.conns {
			c.Close()
		}
		h.mu.Unlock()
		h.srv.Close()
	})
	return h
}

// silence stops every open link reading (so answering pings) for good,
// leaving its TCP connection open, and refuses new links until reopen.
func (h *halfOpenSlack) silence() {
	h.closed.Store(true)
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, c := range h.conns {
		c.SetReadDeadline(time.Now())
	}
}

// A half-open link (no pong to Praxis's pings, no frame at all) is
// unhealthy once silent for longer than the ping interval and its
// allowance, and is replaced by a new one; a link that answers stays
// healthy however long nothing else happens.
func TestSocketHalfOpenLinkIsUnhealthyAndReplaced(t *testing.T) {
	fake := newHalfOpenSlack(t)
	ctx, cancel := context.WithCancel(context.Background())
	st := testkit.Store(t, nil)
	log := slog.New(slog.DiscardHandler)
	m := metrics.New()
	d := bot.Deps{Log: log, Metrics: m}
	recv := NewReceiver(st, testkit.Directory(nil), d, ReceiverOptions{})
	api := slack.New("xoxb-test", slack.OptionAPIURL(fake.srv.URL+"/api/"), slack.OptionAppLevelToken("xapp-test"))
	const ping = 200 * time.Millisecond
	sock := NewSocket(api, recv, d, SocketOptions{Handlers: 4, Ping: ping})
	var wg sync.WaitGroup
	wg.Go(func() { recv.Run(ctx) })
	wg.Go(func() { sock.Run(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })

	testkit.WaitFor(t, 5*time.Second, "the first link healthy", sock.Connected)
	time.Sleep(5 * ping) // only pings and pongs cross the link meanwhile
	if !sock.Connected() {
		t.Fatal("got a link that answers pings unhealthy, want healthy")
	}
	fake.silence()
	took := testkit.WaitFor(t, 5*time.Second, "the silent link unhealthy", func() bool { return !sock.Connected() })
	if limit := 2*ping + 2*ping; took > limit { // ping interval + allowance, and room for a loaded machine
		t.Errorf("got the silent link unhealthy after %v, want within %v", took.Round(time.Millisecond), limit)
	}
	fake.closed.Store(false)
	testkit.WaitFor(t, 5*time.Second, "a new link", func() bool { return fake.links.Load() >= 2 })
	testkit.WaitFor(t, 5*time.Second, "the new link healthy", sock.Connected)
}

// A Socket Mode event is capped as an HTTP body is: an event of 3 MiB is
// acknowledged and dropped (read through without being kept: it costs no
// more memory than the cap), one just under the cap is stored, and so are
// the events around it, on the same link.
func TestSocketCapsEventsLikeHTTP(t *testing.T) {
	r := newSocketRig(t, slackemu.Options{AckTimeout: 20 * time.Second, PingInterval: time.Second}, 0)
	event := func(id string, textBytes int) []byte {
		return []byte(fmt.Sprintf(`{"type":"event_callback","event_id":%q,"event_time":1700000000,`+
			`"event":{"type":"message","channel":"C1","user":"U1","text":%q,"ts":"1700000000.000100"}}`,
			id, strings.Repeat("a", textBytes)))
	}
	for _, e := range [][]byte{event("EvHUGE", 3<<20), event("EvFITS", maxBody-1024), event("EvSMALL", 10)} {
		if err := r.emu.DeliverRaw(e); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.emu.WaitAcked(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := r.st.InboxDepth(ctx); err != nil || n != 2 {
		t.Fatalf("got %d events stored (%v), want the two within the cap", n, err)
	}
	if got := r.emu.Abandoned(); got != 0 {
		t.Fatalf("got %d deliveries given up, want none (the 3 MiB one acknowledged)", got)
	}
	if got := r.emu.Deliveries(); got != 3 {
		t.Fatalf("got %d deliveries, want 3 (no link dropped, nothing redelivered)", got)
	}
}
