// Package metrics defines the Prometheus metrics Praxis exposes on its admin
// address. One Metrics value is created by the command and handed to each
// component; there is no global registry.
package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the counters, gauges and histograms of one Praxis process.
type Metrics struct {
	Registry *prometheus.Registry

	EventsReceived   *prometheus.CounterVec // by source
	EventsStored     prometheus.Counter
	EventsDuplicate  prometheus.Counter
	EventsUnmapped   prometheus.Counter
	EventsMalformed  prometheus.Counter
	EventsUnknown    prometheus.Counter
	EventsUnusable   prometheus.Counter
	EventsProcessed  prometheus.Counter
	EventsFailed     prometheus.Counter
	AckLatency       prometheus.Histogram
	SignatureRejects *prometheus.CounterVec // by reason

	OutboxSent       prometheus.Counter
	OutboxDead       prometheus.Counter
	OutboxDegraded   prometheus.Counter     // payloads cut to fit Slack's limits
	OutboxRetries    *prometheus.CounterVec // by reason
	SlackRateLimited prometheus.Counter
	SendLatency      prometheus.Histogram

	SlackConnected prometheus.Gauge
	Reconnects     prometheus.Counter

	ShardsHeld       prometheus.Gauge   // channel shards this replica holds (store.Shards in all)
	HeartbeatsFailed prometheus.Counter // replica heartbeats that failed: its leases run out unless one succeeds

	ExpertQueries      *prometheus.CounterVec // by source: command, mention, dm, shortcut
	ExpertLatency      prometheus.Histogram
	ExpertThreads      prometheus.Gauge // threads in the expert index
	QuestionsRouted    prometheus.Counter
	QuestionsEscalated prometheus.Counter

	Nudges  *prometheus.CounterVec // by kind and outcome: sent, holdout
	Digests *prometheus.CounterVec // by outcome: sent, empty
	Rituals prometheus.Counter     // ritual messages enqueued

	RequestsThrottled prometheus.Counter // members' requests dropped over their rate limit
}

// Depths reports queue depths on each scrape.
type Depths interface {
	InboxDepth(ctx context.Context) (int, error)
	OutboxCounts(ctx context.Context) (map[string]int, error)
}

// New creates the metrics and registers them, with Go and process
// collectors, in a fresh registry.
func New() *Metrics {
	r := prometheus.NewRegistry()
	m := &Metrics{Registry: r}
	c := func(name, help string) prometheus.Counter {
		x := prometheus.NewCounter(prometheus.CounterOpts{Namespace: "praxis", Name: name, Help: help})
		r.MustRegister(x)
		return x
	}
	vec := func(name, help string, labels ...string) *prometheus.CounterVec {
		x := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "praxis", Name: name, Help: help}, labels)
		r.MustRegister(x)
		return x
	}
	// hist buckets durations from start seconds, doubling 14 times.
	hist := func(name, help string, start float64) prometheus.Histogram {
		x := prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: "praxis", Name: name, Help: help,
			Buckets: prometheus.ExponentialBuckets(start, 2, 14)})
		r.MustRegister(x)
		return x
	}
	gauge := func(name, help string) prometheus.Gauge {
		x := prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "praxis", Name: name, Help: help})
		r.MustRegister(x)
		return x
	}
	m.EventsReceived = vec("events_received_total", "Events received from Slack, by transport.", "source")
	m.SignatureRejects = vec("http_rejected_total", "HTTP requests rejected before storage, by reason.", "reason")
	m.OutboxRetries = vec("outbox_retries_total", "Outbox send attempts that will be retried, by reason.", "reason")
	m.ExpertQueries = vec("expert_queries_total", "Who-knows questions answered, by where they were asked.", "source")
	m.Nudges = vec("nudges_total", "Nudge decisions recorded, by kind and outcome "+
		"(sent, or holdout: recorded for the measure, never sent).", "kind", "outcome")
	m.Digests = vec("digests_total", "Personal digests due, by outcome (sent, or empty: nothing new, not sent).",
		"outcome")
	m.Rituals = c("ritual_posts_total", "Ritual messages enqueued (posts, and office-hours hosts told).")
	m.RequestsThrottled = c("requests_throttled_total",
		"Members' requests (commands, mentions, DMs, clicks) dropped over their rate limit.")
	m.EventsStored = c("events_stored_total", "Events stored in the inbox.")
	m.EventsDuplicate = c("events_deduplicated_total", "Redelivered events already in the inbox.")
	m.EventsUnmapped = c("events_dropped_unmapped_total",
		"Events dropped because their channel is not mapped to a community.")
	m.EventsMalformed = c("events_malformed_total", "Events that could not be decoded.")
	m.EventsUnknown = c("events_unknown_total", "Events of a type Praxis does not handle, acknowledged and ignored.")
	m.EventsUnusable = c("events_unusable_total", "Events acknowledged and skipped because a field they need "+
		"holds an unusable value (an object where a ts belongs).")
	m.EventsProcessed = c("events_processed_total", "Inbox events processed.")
	m.EventsFailed = c("events_failed_total", "Inbox event processing failures.")
	m.OutboxSent = c("outbox_sent_total", "Messages delivered to Slack.")
	m.OutboxDead = c("outbox_dead_total", "Messages parked as dead after failing.")
	m.OutboxDegraded = c("outbox_degraded_total", "Sends whose Block Kit or text was cut to fit Slack's limits.")
	m.SlackRateLimited = c("slack_ratelimited_total", "Slack Web API answers with HTTP 429.")
	m.Reconnects = c("slack_reconnects_total", "Socket Mode connections opened after the first.")
	m.QuestionsRouted = c("questions_routed_total", "Unanswered questions whose experts were invited into the thread.")
	m.QuestionsEscalated = c("questions_escalated_total", "Unanswered questions reported to the facilitators.")
	m.AckLatency = hist("ack_latency_seconds",
		"Time from receiving an event to acknowledging it (storage included).", 0.0005)
	m.SendLatency = hist("send_latency_seconds", "Duration of Slack Web API sends from the outbox.", 0.001)
	m.SlackConnected = gauge("slack_connected", "1 while Praxis can receive events from Slack.")
	m.ShardsHeld = gauge("shards_held", "Channel shards this replica holds, of 64: it applies their events, "+
		"sends their messages and routes their questions (all 64 for a replica alone).")
	m.HeartbeatsFailed = c("replica_heartbeats_failed_total",
		"Replica heartbeats that failed; the replica's shards go to others when its leases run out.")
	m.ExpertLatency = hist("expert_rank_seconds", "Duration of ranking experts for one question.", 0.0005)
	m.ExpertThreads = gauge("expert_index_threads", "Threads in the expert-finding index.")
	r.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// LLMStats are a language model client's totals (bot/llm's Stats).
type LLMStats struct {
	Requests, Errors, CacheHits, Refused int
	PromptTokens, CompletionTokens       int
	Latency                              time.Duration
	TokensToday, DailyBudget             int
}

// WatchLLM registers the model's counters, read from stats on each scrape.
func (m *Metrics) WatchLLM(stats func() LLMStats) {
	counter := func(name, help string, f func(LLMStats) float64) {
		m.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: "praxis", Name: name, Help: help},
			func() float64 { return f(stats()) }))
	}
	counter("llm_requests_total", "Requests sent to the language model.",
		func(s LLMStats) float64 { return float64(s.Requests) })
	counter("llm_errors_total", "Model calls that failed (the extractive or listed fallback was used).",
		func(s LLMStats) float64 { return float64(s.Errors) })
	counter("llm_cache_hits_total", "Model calls answered from the cache.",
		func(s LLMStats) float64 { return float64(s.CacheHits) })
	counter("llm_refused_total", "Model calls refused by the daily token budget.",
		func(s LLMStats) float64 { return float64(s.Refused) })
	counter("llm_prompt_tokens_total", "Prompt tokens, as the server reported them.",
		func(s LLMStats) float64 { return float64(s.PromptTokens) })
	counter("llm_completion_tokens_total", "Completion tokens, as the server reported them.",
		func(s LLMStats) float64 { return float64(s.CompletionTokens) })
	counter("llm_latency_seconds_total", "Total time spent waiting for the model.",
		func(s LLMStats) float64 { return s.Latency.Seconds() })
	gauge := func(name, help string, f func(LLMStats) float64) {
		m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "praxis", Name: name, Help: help},
			func() float64 { return f(stats()) }))
	}
	gauge("llm_tokens_today", "Tokens charged to today's budget (UTC).",
		func(s LLMStats) float64 { return float64(s.TokensToday) })
	gauge("llm_daily_token_budget", "Tokens allowed per day.",
		func(s LLMStats) float64 { return float64(s.DailyBudget) })
}

// WatchDepths registers gauges that read the queue depths from the store on
// each scrape (with a short deadline).
func (m *Metrics) WatchDepths(d Depths) {
	read := func(f func(ctx context.Context) float64) func() float64 {
		return func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			return f(ctx)
		}
	}
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "praxis", Name: "inbox_depth",
		Help: "Events stored and not yet processed."}, read(func(ctx context.Context) float64 {
		n, _ := d.InboxDepth(ctx)
		return float64(n)
	})))
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "praxis", Name: "outbox_depth",
		Help: "Messages waiting to be sent (pending or in flight)."}, read(func(ctx context.Context) float64 {
		c, _ := d.OutboxCounts(ctx)
		return float64(c["pending"] + c["sending"])
	})))
}
