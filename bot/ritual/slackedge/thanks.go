package slackedge

import (
	"context"
	"fmt"
	"time"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/bot/recognition"
	"praxis/store"
)

// thanks are the messages of recognition ritual r (job) run at at: its
// post thanking the helpers of the month before (bot/recognition), keyed
// <job>:<month>, "2026-11", so that a month is thanked once however often
// the schedule runs and whether a facilitator asked for it first. No
// message when nobody is to be thanked. It returns the month's first day.
func (p *Planner) thanks(ctx context.Context, job string, c bot.Community, r bot.Ritual,
	at time.Time) ([]store.OutMessage, time.Time, error) {
	loc := c.Loc
	if loc == nil {
		loc = time.UTC
	}
	from, to := recognition.Month(at, loc)
	hs, err := recognition.Helpers(ctx, p.st, c, from, to)
	if err != nil {
		return nil, from, fmt.Errorf("ritual %s: %w", job, err)
	}
	text := recognition.Post(c, from, hs)
	if text == "" {
		p.log.Info("recognition: nobody to thank", "job", job, "month", from.Format("2006-01"))
		return nil, from, nil
	}
	key := job + ":" + from.Format("2006-01")
	return []store.OutMessage{outbox.New(key, outbox.PostMessage, r.ChannelID, outbox.Message{Text: text})}, from, nil
}

// Thanks returns the posts of community c's recognition rituals were
// they run now, as their schedule would: the month before, keyed as the
// scheduled post, so that a facilitator's `/praxis recognition now`
// (Recognition) and the schedule thank a month once between them.
func (p *Planner) Thanks(ctx context.Context, c bot.Community) ([]Thanks, error) {
	var out []Thanks
	for i, r := range c.Rituals {
		if r.Kind != bot.RitualRecognition {
			continue
		}
		msgs, from, err := p.thanks(ctx, JobName(c.Name, i, r.Kind), c, r, p.now())
		if err != nil {
			return nil, err
		}
		out = append(out, Thanks{Channel: r.ChannelID, Month: from, Messages: msgs})
	}
	return out, nil
}

// Thanks is a recognition ritual's post for a month.
type Thanks struct {
	Channel  string
	Month    time.Time          // its first day
	Messages []store.OutMessage // none: nobody to thank
}
