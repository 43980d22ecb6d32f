package discover

import (
	"context"

	"praxis/bot"
	"praxis/bot/llm"
)

// Drafter drafts a community's vocation: bot/llm's client, when a model is
// configured.
type Drafter interface {
	DraftVocation(ctx context.Context, lang string, b llm.VocationBrief) (string, error)
}

var _ Drafter = (*llm.Client)(nil)

// Draft asks d for the vocation of the first n communities (0: all), in
// each one's language, from its channels, purposes, subjects and most
// answered questions; a community whose draft fails keeps its extractive
// vocation. The model reads no author's name.
func Draft(ctx context.Context, res *Result, d Drafter, n int) {
	if n <= 0 || n > len(res.Communities) {
		n = len(res.Communities)
	}
	for i := range res.Communities[:n] {
		c := &res.Communities[i]
		var b llm.VocationBrief
		for _, ch := range c.Channels {
			b.Channels = append(b.Channels, ch.Name)
			if ch.Purpose != "" {
				b.Purposes = append(b.Purposes, plain(ch.Purpose))
			}
		}
		b.Subjects = c.Subjects
		for _, q := range c.Openers {
			b.Questions = append(b.Questions, plain(q))
		}
		if v, err := d.DraftVocation(ctx, c.Language, b); err == nil {
			c.Vocation, c.Drafted = v, true
		}
	}
}

// plain is Slack text as its author wrote it, people and channels by
// their ids' names left out: what a model may read.
func plain(s string) string { return bot.Quote(s, bot.Plain, 300, bot.Names{}) }
