package slackemu

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// writeTimeout bounds every WebSocket write.
const writeTimeout = 5 * time.Second

// sockConn is one Socket Mode WebSocket connection. Only its writer goroutine
// writes frames; close may be called from anywhere.
type sockConn struct {
	ws   *websocket.Conn
	out  chan []byte
	done chan struct{}
	once sync.Once

	draining bool // guarded by the dispatcher's mu: sent a disconnect message
	unacked  int  // guarded by the dispatcher's mu: envelopes sent and not yet acknowledged
}

// window bounds the envelopes a connection holds unacknowledged, as Slack
// bounds its concurrent deliveries; the rest wait in the queue. It is below
// the writer's buffer, so a burst never overflows a healthy connection.
const window = 200

func newSockConn(ws *websocket.Conn) *sockConn {
	return &sockConn{ws: ws, out: make(chan []byte, 256), done: make(chan struct{})}
}

// send queues a frame for the writer. A connection too slow to drain its
// queue is closed; whatever it held is then redelivered.
func (c *sockConn) send(frame []byte) {
	select {
	case c.out <- frame:
	case <-c.done:
	default:
		c.close()
	}
}

// close shuts the connection abruptly, without a close frame.
func (c *sockConn) close() {
	c.once.Do(func() {
		close(c.done)
		_ = c.ws.Close()
	})
}

// openSocketLocked issues a single-use Socket Mode URL.
func (s *Server) openSocketLocked() string {
	ticket := s.newID("tk")
	s.ws.tickets[ticket] = true
	return "ws" + s.base[len("http"):] + "/ws?ticket=" + ticket
}

// serveSocket accepts a Socket Mode connection opened with a ticket from
// apps.connections.open.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	valid := s.ws.tickets[ticket]
	delete(s.ws.tickets, ticket)
	s.mu.Unlock()
	if !valid {
		http.Error(w, "invalid or used ticket", http.StatusUnauthorized)
		return
	}
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		s.opts.Logf("slackemu: websocket upgrade: %v", err)
		return
	}
	c := newSockConn(ws)
	s.disp.addConn(c, func(n int) []byte {
		return rawJSON(obj{
			"type": "hello", "num_connections": n,
			"connection_info": obj{"app_id": s.opts.AppID},
			"debug_info":      obj{"host": "slackemu", "build_number": 1, "approximate_connection_time": 18060},
		})
	})
	if !s.spawn(func() { s.writeLoop(c) }) || !s.spawn(func() { s.readLoop(c) }) {
		c.close()
		s.disp.removeConn(c)
	}
}

// writeLoop writes queued frames, the hello first, and pings every
// PingInterval; slack-go reconnects when pings stop.
func (s *Server) writeLoop(c *sockConn) {
	defer c.close()
	ping := func() error {
		return c.ws.WriteControl(websocket.PingMessage, []byte("slackemu"), time.Now().Add(writeTimeout))
	}
	ticker := time.NewTicker(s.opts.PingInterval)
	defer ticker.Stop()
	first := true
	for {
		select {
		case <-c.done:
			return
		case <-s.ctx.Done():
			return
		case frame := <-c.out:
			_ = c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
			if err := c.ws.WriteMessage(websocket.TextMessage, frame); err != nil {
				return
			}
			if first { // ping right after hello so the client's ping watchdog starts fed
				first = false
				if ping() != nil {
					return
				}
			}
		case <-ticker.C:
			if ping() != nil {
				return
			}
		}
	}
}

// readLoop reads acknowledgements until the connection ends, then requeues
// whatever the connection held unacknowledged.
func (s *Server) readLoop(c *sockConn) {
	defer func() {
		c.close()
		s.disp.removeConn(c)
	}()
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &ack) != nil || ack.EnvelopeID == "" {
			s.opts.Logf("slackemu: ignoring unexpected Socket Mode frame: %.200s", data)
			continue
		}
		dl := s.disp.claim(ack.EnvelopeID)
		if dl == nil {
			s.opts.Logf("slackemu: ack for unknown or completed envelope %s", ack.EnvelopeID)
			continue
		}
		if dl.kind != kindEvents && len(ack.Payload) > 0 && string(ack.Payload) != "null" {
			s.respond("ack", dl.target, ack.Payload)
		}
		s.disp.settle()
	}
}

// DropConnections closes every Socket Mode connection abruptly, without a
// disconnect message, as a network failure would. Unacknowledged envelopes
// are redelivered once the app reconnects.
func (s *Server) DropConnections() {
	for _, c := range s.disp.detachAll() {
		c.close()
	}
}

// SendDisconnect sends {"type":"disconnect","reason":"refresh_requested"} to
// every connection, as Slack does before recycling one. Those connections get
// no further envelopes and stop counting in Connections; the app is expected
// to close them and reconnect. It returns how many it told.
func (s *Server) SendDisconnect() int {
	frame := rawJSON(obj{
		"type": "disconnect", "reason": "refresh_requested",
		"debug_info": obj{"host": "slackemu"},
	})
	conns := s.disp.drainAll()
	for _, c := range conns {
		c.send(frame)
	}
	return len(conns)
}

// Connections reports the open Socket Mode connections that receive
// envelopes (not counting those sent a disconnect message).
func (s *Server) Connections() int {
	s.disp.mu.Lock()
	defer s.disp.mu.Unlock()
	return s.disp.activeLocked()
}

// WaitConnected blocks until at least n connections receive envelopes.
func (s *Server) WaitConnected(ctx context.Context, n int) error {
	return s.disp.await(ctx, s.ctx.Done(), func() bool { return s.disp.activeLocked() >= n })
}
