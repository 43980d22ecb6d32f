package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"sync"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/bot/i18n"
	"praxis/store"
)

// What `praxis expert` writes: the people by name with their reasons, in
// the language asked (--lang), as text or JSON.

var expertCatalog = i18n.Catalog{
	"en": {
		"nobody": "Nobody stands out for this question yet.",
		"regulars": "Nobody stands out on “%s”: no past thread matches it well. " +
			"These members answer questions regularly and may know who does:",
		"threads": "Already answered:",
	},
	"fr": {
		"nobody": "Personne ne se distingue encore pour cette question.",
		"regulars": "Personne ne se distingue sur « %s » : aucun fil passé n'y correspond vraiment. " +
			"Ces membres répondent régulièrement aux questions et sauront peut-être qui s'y connaît :",
		"threads": "Déjà abordé dans ces fils :",
	},
}

// people names members as the command line shows them: their real name,
// else the name Slack shows, read once each (batches rank on every core).
type people struct {
	st *store.Store
	mu sync.Mutex
	by map[string]string
}

func newPeople(st *store.Store) *people { return &people{st: st, by: map[string]string{}} }

// name is a member's real name, else their shown name; "" when unknown.
func (p *people) name(ctx context.Context, id string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n, ok := p.by[id]; ok {
		return n
	}
	m, err := p.st.Member(ctx, id)
	if err != nil {
		return "" // not kept: unknown, or a lookup that may succeed later
	}
	n := m.RealName
	if n == "" {
		n = m.ShownName()
	}
	p.by[id] = n
	return n
}

// label is "Real Name (U123)", or the id alone when no name is known.
func (p *people) label(ctx context.Context, id string) string {
	if n := p.name(ctx, id); n != "" {
		return n + " (" + id + ")"
	}
	return id
}

type rankedJSON struct {
	User    string        `json:"user"`
	Name    string        `json:"name,omitempty"`
	Score   float64       `json:"score"`
	Reasons []string      `json:"reasons"`
	Threads []string      `json:"threads,omitempty"`
	Explain []featureJSON `json:"explain,omitempty"`
}

type featureJSON struct {
	Feature string  `json:"feature"`
	Value   float64 `json:"value"`
	Weight  float64 `json:"weight"`
	Adds    float64 `json:"adds"`
}

// resultJSON is one query's answer. Ranked is the ranking (what replays
// score); when nobody stands out on the topic, Weak says so and Regulars are
// the people to show instead, as regular answerers.
type resultJSON struct {
	ID       string       `json:"id"`
	Error    string       `json:"error,omitempty"`
	Topic    string       `json:"topic,omitempty"`
	Weak     bool         `json:"weak,omitempty"`
	Ranked   []rankedJSON `json:"ranked"`
	Regulars []rankedJSON `json:"regulars,omitempty"`
	Similar  []string     `json:"similar_threads,omitempty"`
}

func batchLine(ctx context.Context, id string, res expert.Result, lang string, now time.Time,
	names *people) resultJSON {
	out := resultJSON{ID: id, Topic: res.Topic, Weak: res.Weak}
	out.Ranked = rankedLines(ctx, res.Experts, res, lang, now, names)
	if res.Weak {
		out.Regulars = rankedLines(ctx, res.Regulars, res, lang, now, names)
	}
	for _, t := range res.Threads {
		out.Similar = append(out.Similar, expert.Permalink("", t.ThreadRef))
	}
	return out
}

func rankedLines(ctx context.Context, cs []expert.Candidate, res expert.Result, lang string, now time.Time,
	names *people) []rankedJSON {
	out := []rankedJSON{}
	for _, c := range cs {
		r := rankedJSON{User: c.User, Name: names.name(ctx, c.User), Score: c.Score,
			Reasons: c.Reasons(lang, res.Community, now)}
		for _, t := range c.Best {
			r.Threads = append(r.Threads, expert.Permalink("", t))
		}
		for _, x := range c.Explain {
			r.Explain = append(r.Explain, featureJSON{
				Feature: x.Feature,
				Value:   round3(x.Value),
				Weight:  x.Weight,
				Adds:    round3(x.Value * x.Weight),
			})
		}
		out = append(out, r)
	}
	return out
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// printResult writes an answer for a terminal, every line in lang.
func printResult(ctx context.Context, w io.Writer, res expert.Result, lang string, now time.Time, names *people) {
	shown := res.Shown()
	switch {
	case res.Weak && len(shown) > 0:
		fmt.Fprintln(w, expertCatalog.T(lang, "regulars", res.Topic))
	case len(shown) == 0:
		fmt.Fprintln(w, expertCatalog.T(lang, "nobody"))
	}
	for i, c := range shown {
		fmt.Fprintf(w, "%d. %s (%.2f)\n", i+1, names.label(ctx, c.User), c.Score)
		for _, r := range c.Reasons(lang, res.Community, now) {
			fmt.Fprintf(w, "   - %s\n", r)
		}
		for _, t := range c.Best {
			fmt.Fprintf(w, "   %s\n", expert.Permalink("", t))
		}
		for _, x := range c.Explain {
			if x.Value*x.Weight != 0 {
				fmt.Fprintf(w, "   %-24s %.2f × %.2f = %.3f\n", x.Feature, x.Value, x.Weight, x.Value*x.Weight)
			}
		}
	}
	if len(res.Threads) > 0 {
		fmt.Fprintln(w, "\n"+expertCatalog.T(lang, "threads"))
		for _, t := range res.Threads {
			quoted := bot.Quote(t.Text, bot.Plain, 160, bot.Names{})
			fmt.Fprintf(w, "- %s (#%s, %s)\n  %s\n", quoted, t.Channel, expert.Ago(lang, t.At, now),
				expert.Permalink("", t.ThreadRef))
		}
	}
}
