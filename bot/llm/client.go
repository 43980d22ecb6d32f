package llm

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sashabaranov/go-openai"
	"golang.org/x/sync/singleflight"

	"praxis/bot"
	"praxis/bot/redact"
)

// ErrDisabled is returned by every call when no model is configured.
var ErrDisabled = errors.New("llm: no model configured")

// ErrBudget is returned, without calling the server, when the call would
// exceed the day's token budget.
var ErrBudget = errors.New("llm: daily token budget spent")

// Settings say which model to call and what it may spend (the
// configuration's llm section).
type Settings struct {
	BaseURL          string        // the OpenAI-compatible endpoint; "": the provider's default
	Model            string        // "": no model
	DailyTokenBudget int           // tokens per UTC day across all calls
	Timeout          time.Duration // per call; default 30s
}

// Options tune a Client. The zero value is usable.
type Options struct {
	MaxConcurrent int // requests in flight at once; default 4
	Cache         int // answers kept; default 10,000
}

// Stats are a Client's totals since it was made.
type Stats struct {
	Model            string
	Requests         int           // requests sent to the server
	Errors           int           // calls that failed after a request was attempted
	CacheHits        int           // calls answered from the cache
	Refused          int           // calls refused by the budget
	PromptTokens     int           // as reported by the server
	CompletionTokens int           // as reported by the server
	Latency          time.Duration // total time of the requests
	TokensToday      int           // charged to today's budget (UTC)
	DailyBudget      int
}

// Client calls the configured model. A nil *Client is valid: it has no
// model, and every call returns ErrDisabled.
type Client struct {
	api     *openai.Client
	model   string
	timeout time.Duration
	now     func() time.Time
	log     *slog.Logger
	slots   chan struct{}
	flight  singleflight.Group
	plain   atomic.Bool      // the server rejected response_format
	redact  *redact.Redactor // takes the key out of errors (see upstream)

	mu     sync.Mutex // guards what follows
	cache  cache
	budget budget
	stats  Stats
}

// New returns a Client for cfg, or nil (no model) when cfg names none.
// apiKey may be empty for servers that need none.
func New(cfg Settings, apiKey string, d bot.Deps, opts Options) *Client {
	if cfg.Model == "" {
		return nil
	}
	d = d.For("llm")
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = 4
	}
	if opts.Cache <= 0 {
		opts.Cache = 10000
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	oc := openai.DefaultConfig(apiKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = cfg.BaseURL
	}
	return &Client{
		api:     openai.NewClientWithConfig(oc),
		model:   cfg.Model,
		timeout: timeout,
		redact:  redact.New(apiKey),
		now:     d.Now, // tells when the UTC day turns
		log:     d.Log,
		slots:   make(chan struct{}, opts.MaxConcurrent),
		cache:   cache{n: opts.Cache, m: map[[32]byte]any{}},
		budget:  budget{limit: cfg.DailyTokenBudget},
		stats:   Stats{Model: cfg.Model, DailyBudget: cfg.DailyTokenBudget},
	}
}

// Stats returns the totals so far; zero for a nil Client.
func (c *Client) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.budget.turn(c.now())
	s := c.stats
	s.TokensToday = c.budget.spent
	return s
}

// task is one thing the model is asked to do.
type task struct {
	name      string // in logs
	system    string // the instructions: the only text the model is told to follow
	maxTokens int    // for the answer
}

// ask returns the model's answer to t about data, read by parse. The user
// turn is data's JSON encoding and nothing else. Answers that parse are
// cached; calls with the same input share one request.
func ask[T any](ctx context.Context, c *Client, t task, data any, parse func(string) (T, error)) (T, error) {
	var zero T
	if c == nil {
		return zero, ErrDisabled
	}
	if err := ctx.Err(); err != nil {
		return zero, fmt.Errorf("llm %s: %w", t.name, err)
	}
	user, err := quote(data)
	if err != nil {
		return zero, fmt.Errorf("llm %s: %w", t.name, err)
	}
	key := c.key(t, user)
	if v, ok := c.cached(key); ok {
		return v.(T), nil
	}
	ch := c.flight.DoChan(string(key[:]), func() (any, error) {
		if v, ok := c.cached(key); ok {
			return v, nil
		}
		// The request is shared, so it does not die with the first caller;
		// complete bounds it with the call's timeout.
		content, err := c.complete(context.WithoutCancel(ctx), t, user)
		if err != nil {
			return nil, err
		}
		v, err := parse(content)
		if err != nil {
			c.count(func(s *Stats) { s.Errors++ })
			return nil, fmt.Errorf("llm %s: %w", t.name, err)
		}
		c.mu.Lock()
		c.cache.put(key, v)
		c.mu.Unlock()
		return v, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return zero, r.Err
		}
		return r.Val.(T), nil
	case <-ctx.Done():
		return zero, fmt.Errorf("llm %s: %w", t.name, ctx.Err())
	}
}

// key identifies an answer: the model, the instructions and the data.
func (c *Client) key(t task, user string) [32]byte {
	h := sha256.New()
	for _, s := range []string{c.model, t.system, user} {
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(s))))
		h.Write([]byte(s))
	}
	return [32]byte(h.Sum(nil))
}

func (c *Client) cached(key [32]byte) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.cache.get(key)
	if ok {
		c.stats.CacheHits++
	}
	return v, ok
}

func (c *Client) count(f func(*Stats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
}

// cache keeps the last n answers; the oldest goes first.
type cache struct {
	n    int
	m    map[[32]byte]any
	ring [][32]byte // keys in insertion order, from next on
	next int
}

func (c *cache) get(k [32]byte) (any, bool) {
	v, ok := c.m[k]
	return v, ok
}

func (c *cache) put(k [32]byte, v any) {
	if _, ok := c.m[k]; !ok {
		if len(c.ring) < c.n {
			c.ring = append(c.ring, k)
		} else {
			delete(c.m, c.ring[c.next])
			c.ring[c.next] = k
			c.next = (c.next + 1) % c.n
		}
	}
	c.m[k] = v
}

// quote encodes data as the user turn: JSON, with Slack's <, > and & left
// readable (they are inside JSON strings, which is what keeps them data).
func quote(data any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
