package slackio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/metrics"
)

// Socket receives events over Socket Mode: it opens a link with
// apps.connections.open, stores each request in the inbox and acknowledges
// it only afterwards (a request not acknowledged is redelivered by Slack).
//
// It drives the websocket itself rather than through slack-go's client, for
// three reasons found on real links. After an abrupt drop, slack-go's
// redial waited behind acknowledgements that could no longer be sent (each
// with a 2 s timeout, on the goroutines that were the only readers of its
// events): up to 8 s disconnected. Here a link's acknowledgements die with
// it and the next link is dialled at once. slack-go only notices a
// half-open link when Slack's pings stop (30 s), while Connected said yes:
// here Praxis pings Slack and a link silent for longer than the ping
// interval and its allowance is dead, closed and dialled again. And an
// event is capped as an HTTP body is (maxBody), where slack-go kept any
// size in memory.
type Socket struct {
	api       *slack.Client
	recv      *Receiver
	log       *slog.Logger
	m         *metrics.Metrics
	handlers  int
	ping      time.Duration // how often Praxis pings Slack
	allowance time.Duration // how late a pong (or any frame) may be before the link is dead
	dialer    websocket.Dialer

	mu    sync.Mutex
	live  *link // the link that said hello; nil when none
	conns atomic.Int64
	epoch time.Time // links' frame times count from it, in real (monotonic) time: liveness is a timeout

	onConnect func(ctx context.Context, count int)
}

// SocketOptions tune a Socket.
type SocketOptions struct {
	// Handlers bounds how many requests are being stored at once; default
	// 16.
	Handlers int
	// Ping is how often Praxis pings Slack (default 5 s); a link that
	// receives nothing, pong included, for twice that is dead.
	Ping time.Duration
	// OnConnect, when set, runs (in its own goroutine) after every
	// successful connection, with the connection count (0 for the first).
	OnConnect func(ctx context.Context, count int)
}

// maxFrame bounds what is kept of a Socket Mode frame: the same cap as an
// HTTP body, plus room for the envelope around the payload.
const maxFrame = maxBody + 4<<10

// NewSocket returns the Socket Mode transport. api must carry the app-level
// token (slack.OptionAppLevelToken). A link's liveness is a timeout, on
// real time whatever d's clock.
func NewSocket(api *slack.Client, recv *Receiver, d bot.Deps, opts SocketOptions) *Socket {
	d = d.For("socket")
	if opts.Handlers <= 0 {
		opts.Handlers = 16
	}
	if opts.Ping <= 0 {
		opts.Ping = 5 * time.Second
	}
	return &Socket{
		api:       api,
		recv:      recv,
		log:       d.Log,
		m:         d.Metrics,
		handlers:  opts.Handlers,
		ping:      opts.Ping,
		allowance: opts.Ping,
		onConnect: opts.OnConnect,
		dialer:    websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: 10 * time.Second},
		epoch:     time.Now(),
	}
}

// Connected reports whether a Socket Mode link is open and alive: Slack
// said hello on it, and it received a frame (a pong to Praxis's pings at
// least) within the ping interval and its allowance. /healthz follows it.
func (s *Socket) Connected() bool {
	s.mu.Lock()
	l := s.live
	s.mu.Unlock()
	return l != nil && l.silence() <= s.ping+s.allowance
}

// request is one envelope to store, from the link that must acknowledge it.
type request struct {
	link       *link
	envelopeID string
	payload    []byte
	at         time.Time
}

// Run connects and handles requests until ctx ends. A link that ends is
// replaced at once; only failing to open one backs off (1 s, doubling up
// to a minute).
func (s *Socket) Run(ctx context.Context) error {
	// The queue lets a link's reader hand over what Slack sent in one go
	// (Slack bounds the envelopes in flight) and keep reading: it sees a
	// drop at once, not after the handlers caught up.
	work := make(chan request, 256)
	var wg sync.WaitGroup
	for range s.handlers {
		wg.Go(func() {
			for req := range work {
				s.store(ctx, req)
			}
		})
	}
	defer func() {
		close(work)
		wg.Wait()
	}()
	backoff := time.Second
	for ctx.Err() == nil {
		err := s.session(ctx, work)
		if ctx.Err() != nil {
			return nil
		}
		var dial dialError
		if !errors.As(err, &dial) {
			backoff = time.Second
			s.log.Info("socket mode link ended, reconnecting", "reason", err)
			continue
		}
		s.log.Error("socket mode connection failed, retrying", "err", err, "backoff", backoff)
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		backoff = min(2*backoff, time.Minute)
	}
	return nil
}

// dialError marks a failure to open a link (as opposed to a link ending).
type dialError struct{ err error }

func (e dialError) Error() string { return e.err.Error() }
func (e dialError) Unwrap() error { return e.err }

// session opens one link and reads it until it ends, handing requests to
// the handlers.
func (s *Socket) session(ctx context.Context, work chan<- request) error {
	octx, cancel := context.WithTimeout(ctx, 10*time.Second)
	_, url, err := s.api.StartSocketModeContext(octx)
	cancel()
	if err != nil {
		switch err.Error() {
		case "invalid_auth", "not_authed", "account_inactive", "token_revoked":
			s.log.Error("socket mode rejected the app token: check SLACK_APP_TOKEN")
		}
		return dialError{fmt.Errorf("apps.connections.open: %w", err)}
	}
	conn, resp, err := s.dialer.DialContext(ctx, url, http.Header{"Origin": {"https://api.slack.com"}})
	if err != nil {
		return dialError{fmt.Errorf("dial socket mode: %w", err)}
	}
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	l := newLink(ctx, conn, s)
	defer s.lost(l)
	return l.read(work)
}

// up records a link that said hello.
func (s *Socket) up(ctx context.Context, l *link) {
	s.mu.Lock()
	s.live = l
	s.mu.Unlock()
	n := s.conns.Add(1)
	if n > 1 {
		s.m.Reconnects.Inc()
	}
	s.m.SlackConnected.Set(1)
	s.log.Info("socket mode connected", "connection", n)
	if s.onConnect != nil {
		go s.onConnect(ctx, int(n-1))
	}
}

// lost records the end of a link: its acknowledgements are dropped (Slack
// redelivers what they were for).
func (s *Socket) lost(l *link) {
	l.close()
	s.mu.Lock()
	if s.live == l {
		s.live = nil
		s.m.SlackConnected.Set(0)
	}
	s.mu.Unlock()
}

// store saves the payload and acknowledges the envelope on the link it came
// from, unless storage failed: Slack will then redeliver it.
func (s *Socket) store(ctx context.Context, req request) {
	sctx, cancel := context.WithTimeout(ctx, 2500*time.Millisecond)
	out, err := s.recv.Receive(sctx, "socket", req.payload)
	cancel()
	switch out {
	case Failed:
		s.log.Error("event not stored, not acknowledged", "envelope_id", req.envelopeID, "err", err)
		return
	case Malformed:
		s.log.Warn("malformed event acknowledged and dropped", "envelope_id", req.envelopeID, "err", err)
	}
	if req.link.ack(req.envelopeID) {
		s.m.AckLatency.Observe(time.Since(req.at).Seconds())
	}
}

// socketFrame is a Socket Mode frame from Slack.
type socketFrame struct {
	Type       string          `json:"type"`
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload"`
	Reason     string          `json:"reason"`
}

// commandPayload turns a Socket Mode slash command (its form fields as JSON)
// into the normalized stored shape.
func commandPayload(raw json.RawMessage) []byte {
	fields := map[string]any{}
	if err := json.Unmarshal(raw, &fields); err != nil {
		return raw
	}
	flat := map[string]string{}
	for k, v := range fields {
		if s, ok := v.(string); ok {
			flat[k] = s
		}
	}
	return NormalizeCommand(flat)
}
