package slackio

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"praxis/bot/metrics"
)

// Socket receives events over Socket Mode with slack-go's client, which
// reconnects with backoff on `disconnect` envelopes and dropped connections.
// Each request is stored in the inbox and acknowledged only afterwards; a
// request not acknowledged is redelivered by Slack.
type Socket struct {
	client    *socketmode.Client
	recv      *Receiver
	log       *slog.Logger
	m         *metrics.Metrics
	handlers  int
	connected atomic.Bool
	conns     atomic.Int64
	// OnConnect runs (in its own goroutine) after every successful
	// connection, with the connection count (0 for the first).
	OnConnect func(ctx context.Context, count int)
}

// NewSocket returns the Socket Mode transport. api must carry the app-level
// token (slack.OptionAppLevelToken). handlers bounds how many requests are
// being stored at once.
func NewSocket(api *slack.Client, recv *Receiver, m *metrics.Metrics, log *slog.Logger, handlers int, pingInterval time.Duration) *Socket {
	opts := []socketmode.Option{}
	if pingInterval > 0 {
		opts = append(opts, socketmode.OptionPingInterval(pingInterval))
	}
	if handlers <= 0 {
		handlers = 16
	}
	return &Socket{client: socketmode.New(api, opts...), recv: recv, log: log, m: m, handlers: handlers}
}

// Connected reports whether a Socket Mode connection is open.
func (s *Socket) Connected() bool { return s.connected.Load() }

// Run connects and handles requests until ctx ends. It keeps reconnecting
// when slack-go gives up (for example after a long outage).
func (s *Socket) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for i := 0; i < s.handlers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.loop(ctx)
		}()
	}
	defer wg.Wait()
	backoff := time.Second
	for {
		err := s.client.RunContext(ctx)
		s.connected.Store(false)
		s.m.SlackConnected.Set(0)
		if ctx.Err() != nil {
			return nil
		}
		s.log.Error("socket mode stopped, reconnecting", "err", err, "backoff", backoff)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, time.Minute)
	}
}

func (s *Socket) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt, ok := <-s.client.Events:
			if !ok {
				return
			}
			s.handle(ctx, evt)
		}
	}
}

func (s *Socket) handle(ctx context.Context, evt socketmode.Event) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic in socket handler", "panic", fmt.Sprint(p), "type", string(evt.Type))
		}
	}()
	switch evt.Type {
	case socketmode.EventTypeConnected:
		n := s.conns.Add(1)
		if n > 1 {
			s.m.Reconnects.Inc()
		}
		s.connected.Store(true)
		s.m.SlackConnected.Set(1)
		s.log.Info("socket mode connected", "connection", n)
		if s.OnConnect != nil {
			go s.OnConnect(ctx, int(n-1))
		}
	case socketmode.EventTypeConnecting, socketmode.EventTypeHello:
	case socketmode.EventTypeDisconnect:
		s.connected.Store(false)
		s.m.SlackConnected.Set(0)
		s.log.Info("socket mode disconnect requested")
	case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		s.connected.Store(false)
		s.m.SlackConnected.Set(0)
		s.log.Warn("socket mode connection problem", "type", string(evt.Type))
	case socketmode.EventTypeInvalidAuth:
		s.log.Error("socket mode rejected the app token: check SLACK_APP_TOKEN")
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeInteractive:
		if evt.Request != nil {
			s.store(ctx, evt.Request.EnvelopeID, evt.Request.Payload)
		}
	case socketmode.EventTypeSlashCommand:
		if evt.Request != nil {
			s.store(ctx, evt.Request.EnvelopeID, commandPayload(evt.Request.Payload))
		}
	case socketmode.EventTypeErrorBadMessage:
		// slack-go could not parse the payload (an event type it does not
		// know, say). Praxis decodes it itself: store what it can and ack,
		// or Slack would redeliver it forever.
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var req socketmode.Request
			if json.Unmarshal(bad.Message, &req) == nil && req.EnvelopeID != "" {
				payload := []byte(req.Payload)
				if req.Type == socketmode.RequestTypeSlashCommands {
					payload = commandPayload(req.Payload)
				}
				s.store(ctx, req.EnvelopeID, payload)
			}
		}
	}
}

// store saves the payload and acknowledges the envelope unless storage
// failed, in which case Slack will redeliver it.
func (s *Socket) store(ctx context.Context, envelopeID string, payload []byte) {
	start := time.Now()
	sctx, cancel := context.WithTimeout(ctx, 2500*time.Millisecond)
	out, err := s.recv.Receive(sctx, "socket", payload)
	cancel()
	switch out {
	case Failed:
		s.log.Error("event not stored, not acknowledged", "envelope_id", envelopeID, "err", err)
		return
	case Malformed:
		s.log.Warn("malformed event acknowledged and dropped", "envelope_id", envelopeID, "err", err)
	}
	actx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.client.AckCtx(actx, envelopeID, nil); err != nil {
		s.log.Warn("ack failed; Slack will redeliver", "envelope_id", envelopeID, "err", err)
		return
	}
	s.m.AckLatency.Observe(time.Since(start).Seconds())
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
