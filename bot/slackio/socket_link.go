package slackio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// writeWait bounds every websocket write.
const writeWait = 5 * time.Second

// link is one Socket Mode websocket. Its reader hands requests to the
// Socket's handlers; its writer sends their acknowledgements and Praxis's
// pings. When it ends (a read or write fails, Slack asks to disconnect, or
// it falls silent) its pending acknowledgements are dropped at once: they
// could not reach Slack, which redelivers what they were for.
type link struct {
	s         *Socket
	ctx       context.Context
	conn      *websocket.Conn
	acks      chan string
	done      chan struct{}
	once      sync.Once
	lastFrame atomic.Int64 // time.Since(s.epoch) at the last frame received, control frames included
}

func newLink(ctx context.Context, conn *websocket.Conn, s *Socket) *link {
	l := &link{s: s, ctx: ctx, conn: conn, acks: make(chan string, 256), done: make(chan struct{})}
	l.heard()
	conn.SetPingHandler(func(data string) error {
		l.heard()
		err := conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(writeWait))
		if err != nil && !errors.Is(err, websocket.ErrCloseSent) {
			return err
		}
		return nil
	})
	conn.SetPongHandler(func(string) error { l.heard(); return nil })
	go l.write()
	return l
}

// heard records a frame and gives the next one the ping interval and its
// allowance to come. Only the reader calls it (from ReadMessage's control
// frame handlers, or after a data frame), as gorilla requires.
func (l *link) heard() {
	l.lastFrame.Store(int64(time.Since(l.s.epoch)))
	_ = l.conn.SetReadDeadline(time.Now().Add(l.s.ping + l.s.allowance))
}

// silence is how long the link has received nothing.
func (l *link) silence() time.Duration {
	return time.Since(l.s.epoch) - time.Duration(l.lastFrame.Load())
}

func (l *link) close() {
	l.once.Do(func() {
		close(l.done)
		_ = l.conn.Close()
	})
}

// ack queues an acknowledgement; false when the link is gone.
func (l *link) ack(envelopeID string) bool {
	select {
	case l.acks <- envelopeID:
		return true
	case <-l.done:
		return false
	}
}

// read reads frames until the link ends, and says why.
func (l *link) read(work chan<- request) error {
	for {
		data, whole, err := l.next()
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		l.heard()
		if !whole {
			l.tooLarge(data)
			continue
		}
		var f socketFrame
		if err := json.Unmarshal(data, &f); err != nil {
			l.s.m.EventsMalformed.Inc()
			l.s.log.Warn("socket mode frame is not JSON; ignored", "err", err)
			continue
		}
		switch {
		case f.Type == "hello":
			l.s.up(l.ctx, l)
		case f.Type == "disconnect":
			return fmt.Errorf("slack asked to disconnect (%s)", f.Reason)
		case f.EnvelopeID == "":
			l.s.log.Debug("socket mode frame ignored", "type", f.Type)
		default:
			payload := []byte(f.Payload)
			if f.Type == "slash_commands" {
				payload = commandPayload(f.Payload)
			}
			select {
			case work <- request{link: l, envelopeID: f.EnvelopeID, payload: payload, at: time.Now()}:
			case <-l.done:
				return errors.New("link closed")
			case <-l.ctx.Done():
				return l.ctx.Err()
			}
		}
	}
}

// next reads the next message, keeping at most maxFrame bytes of it: the
// rest of a larger one is read and thrown away (whole is then false), so a
// huge frame costs no more memory than the cap and the link stays up.
func (l *link) next() (data []byte, whole bool, err error) {
	_, r, err := l.conn.NextReader()
	if err != nil {
		return nil, false, err
	}
	data, err = io.ReadAll(io.LimitReader(r, maxFrame+1))
	if err != nil || len(data) <= maxFrame {
		return data, true, err
	}
	if _, err := io.Copy(io.Discard, r); err != nil {
		return nil, false, err
	}
	return data[:maxFrame], false, nil
}

// envelopeID finds the envelope id at the start of a frame (Slack sends
// it before the payload).
var envelopeID = regexp.MustCompile(`"envelope_id"\s*:\s*"([^"]{1,200})"`)

// tooLarge acknowledges and drops an event over the cap, as a malformed
// one: a redelivery could not make it fit. (Over HTTP the same event gets
// 413.)
func (l *link) tooLarge(prefix []byte) {
	id := ""
	if m := envelopeID.FindSubmatch(prefix); m != nil {
		id = string(m[1])
		l.ack(id)
	}
	l.s.log.Warn("socket mode event over the size cap acknowledged and dropped", "envelope_id", id, "limit", maxFrame)
}

// write sends acknowledgements and pings until the link ends; a link
// silent for longer than the ping interval and its allowance is closed.
func (l *link) write() {
	defer l.close()
	t := time.NewTicker(l.s.ping)
	defer t.Stop()
	for {
		select {
		case <-l.done:
			return
		case <-l.ctx.Done():
			return
		case id := <-l.acks:
			msg, _ := json.Marshal(map[string]string{"envelope_id": id})
			_ = l.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := l.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
				return
			}
		case <-t.C:
			if quiet := l.silence(); quiet > l.s.ping+l.s.allowance {
				l.s.log.Warn("socket mode link silent; reconnecting", "silent_for", quiet.Round(time.Millisecond))
				return
			}
			if err := l.conn.WriteControl(websocket.PingMessage, []byte("praxis"), time.Now().Add(writeWait)); err != nil {
				return
			}
		}
	}
}
