package digest

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"

	"praxis/bot/llm"
)

// Summarizer writes a thread's summary in a language (a language model, see
// bot/llm); any error means: keep the extractive one.
type Summarizer interface {
	Summarize(ctx context.Context, lang string, thread []llm.Message) (string, error)
	// MaxConcurrent is how many requests it sends at once: the workers
	// asking it are as many. 0 means it has no model (a nil *llm.Client).
	MaxConcurrent() int
}

var _ Summarizer = (*llm.Client)(nil)

// maxSummary bounds a model's summary as shown: it is written in Slack's
// form like the thread it summarises, and quoted the same way.
const maxSummary = 400

// summaryKey is a thread summarised in a language.
type summaryKey struct{ item, lang string }

// Digests picks the members' digests (For) and, with a Summarizer, has
// the threads they show summarised: once per thread and language, with as
// many workers as it has requests in flight, so that the run goes as fast
// as the model serves and no faster. A thread whose summary fails keeps its
// extractive one.
func (s *Snapshot) Digests(ctx context.Context, members []string) []Digest {
	ds := make([]Digest, len(members))
	for i, m := range members {
		ds[i] = s.For(m)
	}
	if s.summarize(ctx, ds) {
		for i := range ds {
			for j, it := range ds[i].Threads {
				if sum, ok := s.summaries[summaryKey{it.Key, ds[i].Lang}]; ok {
					ds[i].Threads[j].Summary = sum
				}
			}
		}
	}
	return ds
}

// summarize asks for the summaries of the digests' threads not summarised
// yet; false when there is no model.
func (s *Snapshot) summarize(ctx context.Context, ds []Digest) bool {
	sum := s.r.opts.Summarizer
	if sum == nil || sum.MaxConcurrent() <= 0 {
		return false
	}
	var todo []summaryKey
	items := map[summaryKey]Item{}
	for _, d := range ds {
		for _, it := range d.Threads {
			k := summaryKey{it.Key, d.Lang}
			if _, ok := items[k]; !ok {
				if _, done := s.summaries[k]; !done {
					items[k] = it
					todo = append(todo, k)
				}
			}
		}
	}
	if len(todo) == 0 {
		return true
	}
	var (
		mu     sync.Mutex
		failed int
		g      errgroup.Group
	)
	g.SetLimit(sum.MaxConcurrent())
	for _, k := range todo {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			text, err := s.summarizeOne(ctx, sum, items[k], k.lang)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed++
				s.r.log.Debug("thread summary failed, extractive kept", "item", k.item, "err", err)
				return nil
			}
			s.summaries[k] = s.quote(text, maxSummary)
			return nil
		})
	}
	g.Wait()
	s.r.log.Info("thread summaries", "asked", len(todo), "failed", failed)
	return true
}

// summarizeOne reads a thread as it stood at the window's end and asks for
// its summary.
func (s *Snapshot) summarizeOne(ctx context.Context, sum Summarizer, it Item, lang string) (string, error) {
	msgs, err := s.r.st.Thread(ctx, it.ChannelID, it.TS)
	if err != nil {
		return "", err
	}
	var thread []llm.Message
	for _, m := range msgs {
		if m.Deleted || m.IsBot || !m.PostedAt.Before(s.to) {
			continue
		}
		thread = append(thread, llm.Message{Author: m.UserID, Text: m.Text})
	}
	return sum.Summarize(ctx, lang, thread)
}
