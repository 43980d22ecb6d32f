package llm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"praxis/bot"
	"praxis/internal/testkit"
)

func TestCacheSparesTheSecondRequest(t *testing.T) {
	f := newFake(t)
	var logs bytes.Buffer
	c := New(testConfig(f), "sk-test", bot.Deps{
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}, Options{})
	ctx := context.Background()
	for range 3 {
		if ok, err := c.IsQuestion(ctx, "Who maintains the Helm charts?"); !ok || err != nil {
			t.Fatalf("got %v, %v, want true, nil", ok, err)
		}
	}
	if got := f.Hits.Load(); got != 1 {
		t.Errorf("got %d requests for one text asked three times, want 1", got)
	}
	s := c.Stats()
	if s.Requests != 1 || s.CacheHits != 2 || s.PromptTokens != 50 || s.CompletionTokens != 5 || s.TokensToday != 55 ||
		s.Latency <= 0 || s.Model != "test-model" {
		t.Errorf("got stats %+v, want 1 request, 2 cache hits, 50+5 tokens, a latency", s)
	}
	log := logs.String()
	if !strings.Contains(log, "msg=\"llm call\"") || !strings.Contains(log, "prompt_tokens=50") ||
		!strings.Contains(log, "completion_tokens=5") || !strings.Contains(log, "latency=") {
		t.Errorf("got log %q, want the call recorded with its tokens and latency", log)
	}
	if strings.Contains(log, "Helm") {
		t.Errorf("got log %q, want no message text", log)
	}
}

func TestCacheKeepsTheLatestAnswers(t *testing.T) {
	f := newFake(t)
	c := New(testConfig(f), "sk-test", bot.Deps{}, Options{Cache: 2})
	for _, text := range []string{"a?", "b?", "c?", "c?", "b?", "a?"} {
		if _, err := c.IsQuestion(context.Background(), text); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.Hits.Load(); got != 4 {
		t.Errorf("got %d requests, want 4 (a, b, c, then a again once evicted)", got)
	}
}

func TestUnusableAnswersAreNotCached(t *testing.T) {
	f := newFake(t)
	f.SetReply(func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		testkit.Complete(w, "maybe", 50, 1)
	})
	c := New(testConfig(f), "sk-test", bot.Deps{}, Options{})
	for range 2 {
		if _, err := c.IsQuestion(context.Background(), "Any idea?"); err == nil {
			t.Fatal("got no error for the answer \"maybe\"")
		}
	}
	if got := f.Hits.Load(); got != 2 {
		t.Errorf("got %d requests, want 2", got)
	}
	if s := c.Stats(); s.Errors != 2 || s.TokensToday != 102 {
		t.Errorf("got stats %+v, want 2 errors and the 102 tokens charged", s)
	}
}

func TestBudget(t *testing.T) {
	f := newFake(t)
	f.SetReply(func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		testkit.Complete(w, `{"question": true}`, 590, 10)
	})
	var now atomic.Int64
	now.Store(time.Date(2026, 11, 27, 22, 30, 0, 0, time.UTC).Unix())
	cfg := testConfig(f)
	cfg.DailyTokenBudget = 1000
	c := New(cfg, "sk-test", bot.Deps{Now: func() time.Time { return time.Unix(now.Load(), 0) }}, Options{})
	ctx := context.Background()

	if _, err := c.IsQuestion(ctx, "How do I renew a certificate?"); err != nil {
		t.Fatalf("first call: %v", err)
	}
	if _, err := c.IsQuestion(ctx, "Where is the on-call rota?"); !errors.Is(err, ErrBudget) {
		t.Fatalf("second call: got %v, want ErrBudget (600 of 1,000 spent, a call costs 600)", err)
	}
	if got := f.Hits.Load(); got != 1 {
		t.Errorf("got %d requests, want 1: a refused call sends nothing", got)
	}
	if s := c.Stats(); s.Refused != 1 || s.TokensToday != 600 {
		t.Errorf("got stats %+v, want 1 refused, 600 tokens today", s)
	}

	now.Add(int64(2 * time.Hour / time.Second)) // 00:30 UTC, the next day
	if _, err := c.IsQuestion(ctx, "Where is the on-call rota?"); err != nil {
		t.Fatalf("next day: got %v, want an answer", err)
	}
	if got := f.Hits.Load(); got != 2 {
		t.Errorf("got %d requests, want 2", got)
	}
}

func TestZeroBudgetForbidsCalls(t *testing.T) {
	f := newFake(t)
	cfg := testConfig(f)
	cfg.DailyTokenBudget = 0
	c := New(cfg, "sk-test", bot.Deps{}, Options{})
	if _, err := c.IsQuestion(context.Background(), "Anyone?"); !errors.Is(err, ErrBudget) {
		t.Errorf("got %v, want ErrBudget", err)
	}
	if got := f.Hits.Load(); got != 0 {
		t.Errorf("got %d requests, want none", got)
	}
}

func TestTimeout(t *testing.T) {
	f := newFake(t)
	f.SetReply(func(w http.ResponseWriter, r *http.Request, _ testkit.ModelRequest) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		testkit.Complete(w, "true", 1, 1)
	})
	cfg := testConfig(f)
	cfg.Timeout = 200 * time.Millisecond
	c := New(cfg, "sk-test", bot.Deps{}, Options{})
	start := time.Now()
	_, err := c.IsQuestion(context.Background(), "Is anyone there?")
	if took := time.Since(start); err == nil || took > 2*time.Second {
		t.Errorf("got %v after %v, want an error after about 200ms", err, took)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want a deadline exceeded", err)
	}
}

func TestConcurrencyBound(t *testing.T) {
	f := newFake(t)
	f.SetReply(func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		time.Sleep(30 * time.Millisecond)
		testkit.Complete(w, "no", 10, 1)
	})
	c := New(testConfig(f), "sk-test", bot.Deps{}, Options{MaxConcurrent: 2})
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			if _, err := c.IsQuestion(context.Background(), fmt.Sprintf("message %d", i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := f.Hits.Load(); got != 10 {
		t.Errorf("got %d requests, want 10", got)
	}
	if got := f.Peak.Load(); got > 2 {
		t.Errorf("got %d requests at once, want at most 2", got)
	}
}

func TestDisabled(t *testing.T) {
	f := newFake(t)
	cfg := testConfig(f)
	cfg.Model = ""
	for name, c := range map[string]*Client{"nil": nil, "no model": New(cfg, "sk-test", bot.Deps{}, Options{})} {
		if _, err := c.IsQuestion(context.Background(), "How?"); !errors.Is(err, ErrDisabled) {
			t.Errorf("%s: got %v, want ErrDisabled", name, err)
		}
		if s := c.Stats(); s != (Stats{}) {
			t.Errorf("%s: got stats %+v, want none", name, s)
		}
	}
	if got := f.Hits.Load(); got != 0 {
		t.Errorf("got %d requests, want none", got)
	}
}

func TestServerErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
	}{
		{"500 in OpenAI's shape", 500, `{"error": {"message": "The server had an error", "type": "server_error"}}`},
		{"502 in HTML", 502, `<html><body>Bad gateway</body></html>`},
		{"401", 401, `{"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			f.SetReply(func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				fmt.Fprint(w, tc.body)
			})
			c := New(testConfig(f), "sk-test", bot.Deps{}, Options{})
			for range 2 {
				ok, err := c.IsQuestion(context.Background(), "How do I reset my token?")
				if err == nil || ok || errors.Is(err, ErrBudget) || errors.Is(err, ErrDisabled) {
					t.Errorf("got %v, %v, want false and the server's error", ok, err)
				}
			}
			if got := f.Hits.Load(); got != 2 {
				t.Errorf("got %d requests, want 2: an error is not cached", got)
			}
			if s := c.Stats(); s.Errors != 2 || s.TokensToday != 0 {
				t.Errorf("got stats %+v, want 2 errors and nothing charged", s)
			}
		})
	}
}

func TestServerWithoutJSONMode(t *testing.T) {
	f := newFake(t)
	f.SetReply(func(w http.ResponseWriter, _ *http.Request, req testkit.ModelRequest) {
		if req.ResponseFormat != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error": {"message": "response_format is not supported", "type": "invalid_request_error"}}`)
			return
		}
		testkit.Complete(w, "yes", 50, 1)
	})
	c := New(testConfig(f), "sk-test", bot.Deps{}, Options{})
	for i, want := range []int32{2, 3} {
		if ok, err := c.IsQuestion(context.Background(), fmt.Sprintf("Question %d?", i)); !ok || err != nil {
			t.Fatalf("got %v, %v, want true, nil", ok, err)
		}
		if got := f.Hits.Load(); got != want {
			t.Errorf("got %d requests, want %d: JSON mode is asked for once only", got, want)
		}
	}
}

func TestSameTextAtOnceIsOneRequest(t *testing.T) {
	f := newFake(t)
	f.SetReply(func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		time.Sleep(50 * time.Millisecond)
		testkit.Complete(w, "yes", 50, 1)
	})
	c := New(testConfig(f), "sk-test", bot.Deps{}, Options{})
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			if ok, err := c.IsQuestion(context.Background(), "Can someone review my PR?"); !ok || err != nil {
				t.Errorf("got %v, %v, want true, nil", ok, err)
			}
		})
	}
	wg.Wait()
	if got := f.Hits.Load(); got != 1 {
		t.Errorf("got %d requests for five simultaneous calls with one text, want 1", got)
	}
}
