package slackio

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
)

// maxBody bounds a request body: Slack's own payloads stay far below it, and
// a 40 kB message fits with room to spare.
const maxBody = 1 << 20

// HTTP receives the Events API, interactivity and slash commands over HTTP.
// Every request must carry a valid Slack signature no older than five
// minutes; otherwise it gets 401 and nothing is stored.
type HTTP struct {
	recv    *Receiver
	secret  string
	log     *slog.Logger
	timeout time.Duration
	rejects *rejectSummary
}

// NewHTTP returns the HTTP transport. Run logs the requests it refuses,
// summarised each minute of d's clock. (A signature's age is checked
// against the wall clock, as Slack signs with it.)
func NewHTTP(recv *Receiver, signingSecret string, d bot.Deps) *HTTP {
	d = d.For("http")
	h := &HTTP{recv: recv, secret: signingSecret, log: d.Log, timeout: 2500 * time.Millisecond}
	h.rejects = newRejectSummary(d.Log, d.Now)
	return h
}

// Run logs, once a minute, a summary of the requests refused for their
// signature, age or size, until ctx ends.
func (h *HTTP) Run(ctx context.Context) error {
	h.rejects.run(ctx)
	return nil
}

// Handler serves /slack/events, /slack/interactivity and /slack/commands.
func (h *HTTP) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/events", h.verified(h.events))
	mux.HandleFunc("POST /slack/interactivity", h.verified(h.interactivity))
	mux.HandleFunc("POST /slack/commands", sslChecked(h.verified(h.commands)))
	return mux
}

type handlerFunc func(w http.ResponseWriter, r *http.Request, body []byte)

// verified reads the body (bounded) and checks the signature and its age
// before anything else looks at the request.
func (h *HTTP) verified(next handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			h.recv.m.SignatureRejects.WithLabelValues("too_large").Inc()
			h.rejects.add("too_large", r.RemoteAddr)
			http.Error(w, "request body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		sv, err := slack.NewSecretsVerifier(r.Header, h.secret)
		if err == nil {
			_, _ = sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			reason := "bad_signature"
			if errors.Is(err, slack.ErrExpiredTimestamp) {
				reason = "expired_timestamp"
			}
			h.recv.m.SignatureRejects.WithLabelValues(reason).Inc()
			h.rejects.add(reason, r.RemoteAddr)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), h.timeout)
		defer cancel()
		next(w, r.WithContext(ctx), body)
	}
}

func (h *HTTP) events(w http.ResponseWriter, r *http.Request, body []byte) {
	var probe struct {
		Type      string `json:"type"`
		Challenge string `json:"challenge"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		h.recv.m.EventsMalformed.Inc()
		http.Error(w, "malformed JSON", http.StatusBadRequest)
		return
	}
	if probe.Type == "url_verification" {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"challenge": probe.Challenge})
		return
	}
	h.store(w, r, "http", body)
}

func (h *HTTP) interactivity(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("payload") == "" {
		h.recv.m.EventsMalformed.Inc()
		http.Error(w, "missing payload", http.StatusBadRequest)
		return
	}
	h.store(w, r, "http", []byte(form.Get("payload")))
}

func (h *HTTP) commands(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("command") == "" {
		h.recv.m.EventsMalformed.Inc()
		http.Error(w, "malformed command", http.StatusBadRequest)
		return
	}
	fields := map[string]string{}
	for k := range form {
		fields[k] = form.Get(k)
	}
	h.store(w, r, "http", NormalizeCommand(fields))
}

// store hands the payload to the receiver and answers 200 only once it is
// stored (or knowingly dropped); a storage failure answers 500 so that Slack
// retries.
func (h *HTTP) store(w http.ResponseWriter, r *http.Request, source string, payload []byte) {
	start := time.Now()
	out, err := h.recv.Receive(r.Context(), source, payload)
	switch out {
	case Failed:
		h.log.Error("event not stored", "err", err)
		http.Error(w, "temporarily unavailable", http.StatusInternalServerError)
		return
	case Malformed:
		h.log.Warn("malformed event", "err", err)
		http.Error(w, "malformed event", http.StatusBadRequest)
		return
	}
	h.recv.m.AckLatency.Observe(time.Since(start).Seconds())
	w.WriteHeader(http.StatusOK)
}
