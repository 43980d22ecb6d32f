package slackemu

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// httpResult is the outcome of one Events API HTTP attempt.
type httpResult struct {
	done   bool   // acknowledged (2xx), or the app asked for no retry
	reason string // X-Slack-Retry-Reason for the next attempt
	body   []byte // response body of a 2xx
}

// Sign computes Slack's request signature headers for body sent at ts:
// X-Slack-Request-Timestamp and X-Slack-Signature ("v0=" followed by the hex
// HMAC-SHA256 of "v0:<timestamp>:<body>" keyed by secret).
func Sign(secret string, ts time.Time, body []byte) (timestampHeader, signatureHeader string) {
	timestampHeader = strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + timestampHeader + ":"))
	mac.Write(body)
	return timestampHeader, "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// request returns the URL, body and content type of a delivery in HTTP mode:
// events as JSON, commands as a form, interactions as a form with a payload
// field, like Slack.
func (s *Server) request(d *delivery) (target string, body []byte, contentType string) {
	const form = "application/x-www-form-urlencoded"
	switch d.kind {
	case kindCommand:
		return s.opts.CommandsURL, []byte(d.form.Encode()), form
	case kindInteractive:
		return s.opts.InteractiveURL, []byte(url.Values{"payload": {string(d.payload)}}.Encode()), form
	}
	return s.opts.EventsURL, d.payload, "application/json"
}

// post makes one signed HTTP attempt. The signature uses the real clock, as
// slack-go's verifier compares it with time.Now.
func (s *Server) post(a attempt) httpResult {
	target, body, contentType := s.request(a.d)
	ctx, cancel := context.WithTimeout(s.ctx, s.opts.AckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		s.opts.Logf("slackemu: bad delivery URL %q: %v", target, err)
		return httpResult{reason: "unknown_error"}
	}
	ts, sig := Sign(s.opts.SigningSecret, time.Now(), body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", sig)
	if a.attempt > 0 {
		req.Header.Set("X-Slack-Retry-Num", strconv.Itoa(a.attempt))
		req.Header.Set("X-Slack-Retry-Reason", a.reason)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return httpResult{reason: "http_timeout"}
		}
		return httpResult{reason: "connection_failed"}
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	switch {
	case err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		return httpResult{reason: "http_timeout"}
	case resp.StatusCode/100 == 2:
		return httpResult{done: true, body: respBody}
	case resp.Header.Get("X-Slack-No-Retry") == "1":
		s.opts.Logf("slackemu: %s answered %d with X-Slack-No-Retry", target, resp.StatusCode)
		return httpResult{done: true}
	}
	s.opts.Logf("slackemu: %s answered %d", target, resp.StatusCode)
	return httpResult{reason: "http_error"}
}
