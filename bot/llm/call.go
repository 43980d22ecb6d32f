package llm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/sashabaranov/go-openai"
)

// reasoningTokens is the answer allowance of reasoning models, which think
// (and are billed for it) before they answer.
const reasoningTokens = 1024

// complete sends one request, the task's instructions then the data, within
// the budget, a free slot and the call's timeout, and returns the answer's
// text.
func (c *Client) complete(ctx context.Context, t task, user string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := c.request(t, user)
	size := len(t.system) + len(user)
	h, err := c.take(size, max(req.MaxTokens, req.MaxCompletionTokens))
	if err != nil {
		return "", fmt.Errorf("llm %s: %w", t.name, err)
	}
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		c.settle(h, openai.Usage{}, false, size)
		c.count(func(s *Stats) { s.Errors++ })
		return "", fmt.Errorf("llm %s: wait for a slot: %w", t.name, ctx.Err())
	}
	start := time.Now()
	resp, err := c.send(ctx, req)
	err = c.upstream(err)
	latency := time.Since(start)
	<-c.slots
	c.settle(h, resp.Usage, err == nil, size)
	c.record(t, resp.Usage, latency, err)
	if err != nil {
		return "", fmt.Errorf("llm %s: %w", t.name, err)
	}
	return answer(resp)
}

// request asks for temperature 0, a short answer and JSON mode, unless the
// model is a reasoning one, which refuses such settings.
func (c *Client) request(t task, user string) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model: c.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: t.system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		// go-openai leaves out a zero temperature and servers then use 1:
		// the smallest float32 is sent instead, and means 0.
		Temperature: math.SmallestNonzeroFloat32,
		MaxTokens:   t.maxTokens,
	}
	if !c.plain.Load() {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	if openai.NewReasoningValidator().Validate(req) != nil {
		req.Temperature, req.MaxTokens, req.MaxCompletionTokens = 0, 0, reasoningTokens
	}
	return req
}

// send posts req. A server that rejects JSON mode (400) is asked again
// without it, and never with it again once that works.
func (c *Client) send(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error) {
	c.count(func(s *Stats) { s.Requests++ })
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err == nil || req.ResponseFormat == nil || status(err) != http.StatusBadRequest {
		return resp, err
	}
	req.ResponseFormat = nil
	c.count(func(s *Stats) { s.Requests++ })
	resp, err = c.api.CreateChatCompletion(ctx, req)
	if err == nil && !c.plain.Swap(true) {
		c.log.Info("llm server rejects JSON mode, asking without it from now on", "model", c.model)
	}
	return resp, err
}

// StatusError is a model server's refusal, known by its HTTP status only.
// Servers and the proxies in front of them fill an error's message and
// body as they like, an echo of the request included (the prompt, which
// quotes members, and the headers, which carry the key): none of it is
// kept, logged or returned.
type StatusError struct {
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("the model server answered %d %s", e.Status, http.StatusText(e.Status))
}

// upstream maps an error of the model server to what Praxis keeps of it:
// its status when it has one (StatusError), else the error (the network,
// a timeout) without the key and cut short.
func (c *Client) upstream(err error) error {
	if err == nil {
		return nil
	}
	if code := status(err); code != 0 {
		return &StatusError{Status: code}
	}
	return c.redact.Error(err)
}

// status is the HTTP status of a go-openai error, 0 when there is none.
func status(err error) int {
	var api *openai.APIError
	if errors.As(err, &api) {
		return api.HTTPStatusCode
	}
	var req *openai.RequestError
	if errors.As(err, &req) {
		return req.HTTPStatusCode
	}
	return 0
}

// answer is the first choice's text, unless the model refused.
func answer(resp openai.ChatCompletionResponse) (string, error) {
	if len(resp.Choices) == 0 {
		return "", errors.New("llm: no answer")
	}
	ch := resp.Choices[0]
	if ch.Message.Refusal != "" || ch.FinishReason == openai.FinishReasonContentFilter {
		return "", errors.New("llm: the model refused")
	}
	return ch.Message.Content, nil
}

// record counts a request and logs it, never its text.
func (c *Client) record(t task, u openai.Usage, latency time.Duration, err error) {
	c.count(func(s *Stats) {
		s.PromptTokens += u.PromptTokens
		s.CompletionTokens += u.CompletionTokens
		s.Latency += latency
		if err != nil {
			s.Errors++
		}
	})
	attrs := []any{"model", c.model, "task", t.name, "prompt_tokens", u.PromptTokens,
		"completion_tokens", u.CompletionTokens, "latency", latency}
	if err != nil {
		attrs = append(attrs, "err", err)
	}
	c.log.Debug("llm call", attrs...)
}

// take holds the expected cost of a call in today's budget, or refuses it.
func (c *Client) take(size, maxTokens int) (hold, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := &c.budget
	h, ok := b.take(c.now(), size, maxTokens)
	if !ok {
		c.stats.Refused++
		if !b.warned {
			b.warned = true
			c.log.Warn("llm daily token budget spent", "model", c.model, "budget", b.limit, "spent", b.spent)
		}
		return hold{}, ErrBudget
	}
	return h, nil
}

// settle charges a call what the server reported instead of its hold.
func (c *Client) settle(h hold, u openai.Usage, answered bool, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.budget.settle(c.now(), h, u, answered, size)
}
