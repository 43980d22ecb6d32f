package outbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/store"
)

// responseURLLife is how long after its command a response_url is used:
// Slack honours it for 30 minutes and 5 posts
// (https://api.slack.com/interactivity/handling#message_responses);
// a minute is kept back for the delay between Slack issuing it and Praxis
// enqueueing the answer.
const responseURLLife = 29 * time.Minute

// errResponseGone says a response_url can no longer be used (expired, used
// up, or not one Praxis may post to): the answer takes its fallback.
var errResponseGone = errors.New("response_url can no longer be used")

// responseError is Slack's refusal of a response_url post.
type responseError struct {
	Status int
	Code   string // Slack's error ("invalid_blocks"), from its answer
}

func (e *responseError) Error() string {
	return fmt.Sprintf("response_url: HTTP %d %s", e.Status, e.Code)
}

// responseBody is what a response_url takes: a message, ephemeral, posted
// as a new message rather than in place of the one clicked.
type responseBody struct {
	Text            string          `json:"text"`
	Blocks          json.RawMessage `json:"blocks,omitempty"`
	ResponseType    string          `json:"response_type"`
	ReplaceOriginal bool            `json:"replace_original"`
}

// respond posts m to its response_url. A URL past its life, or one that is
// not Slack's to post to, fails with errResponseGone without being called.
func (p *Poster) respond(ctx context.Context, row store.OutRow, m Message) (channel, ts string, err error) {
	if !row.CreatedAt.IsZero() && p.now().Sub(row.CreatedAt) > responseURLLife {
		return "", "", fmt.Errorf("%w: older than %s", errResponseGone, responseURLLife)
	}
	if err := checkResponseURL(m.ResponseURL); err != nil {
		return "", "", err
	}
	body, err := json.Marshal(responseBody{Text: m.Text, Blocks: m.Blocks, ResponseType: "ephemeral"})
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", errPermanent, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.ResponseURL, bytes.NewReader(body))
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", errResponseGone, err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := p.http.Do(req)
	if err != nil {
		return "", "", withoutURL(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return row.ChannelID, "", responseResult(resp, answer)
}

// responseResult reads Slack's answer to a response_url post: 200 with
// "ok" or {"ok":true}; otherwise an error code, as text or JSON.
func responseResult(resp *http.Response, answer []byte) error {
	var j struct {
		OK    *bool  `json:"ok"`
		Error string `json:"error"`
	}
	text := strings.TrimSpace(string(answer))
	if json.Unmarshal(answer, &j) == nil && j.OK != nil {
		if *j.OK && resp.StatusCode == http.StatusOK {
			return nil
		}
		text = j.Error
	} else if resp.StatusCode == http.StatusOK {
		return nil
	}
	status := resp.StatusCode
	if status == http.StatusOK {
		status = http.StatusBadRequest // {"ok":false} with 200: refused all the same
	}
	if status == http.StatusTooManyRequests {
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return &slack.RateLimitedError{RetryAfter: time.Duration(max(secs, 1)) * time.Second}
	}
	code := strings.Map(func(r rune) rune { // a short code, not a page of HTML
		if r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, text)
	if len(code) > 40 {
		code = code[:40]
	}
	e := &responseError{Status: status, Code: code}
	switch {
	case code == "expired_url" || code == "used_url" || status == http.StatusNotFound || status == http.StatusGone:
		return fmt.Errorf("%w: %w", errResponseGone, e)
	}
	return e
}

// checkResponseURL accepts a response_url Praxis may post an answer to:
// https, or http to this machine (the emulator, tests). It came in a
// signed request, but it receives what a member asked for.
func checkResponseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || u.Host == "" {
		return fmt.Errorf("%w: not a response_url", errResponseGone)
	}
	if u.Scheme == "https" {
		return nil
	}
	ip := net.ParseIP(u.Hostname())
	if u.Scheme == "http" && (u.Hostname() == "localhost" || ip != nil && ip.IsLoopback()) {
		return nil
	}
	return fmt.Errorf("%w: not https", errResponseGone)
}

// withoutURL strips the URL net/http puts in its errors: whoever holds a
// response_url may post into the member's conversation for half an hour,
// so it stays out of logs and of the outbox's last_error.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("response_url %s: %w", strings.ToLower(ue.Op), ue.Err)
	}
	return err
}
