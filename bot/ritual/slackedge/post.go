// Package slackedge is the animation plan's Slack edge: each ritual of
// bot/ritual as one bot/schedule job, named ritual:<community>:<index>:<kind>
// (the index is the ritual's place in the community's list, so the name
// stays the same across restarts while the file does), that posts what the
// ritual says through the outbox. A period's messages are enqueued in one
// transaction under keys made of the job name and the period key, so a
// period retried or run again posts nothing twice.
package slackedge

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/bot/outbox"
	"praxis/bot/ritual"
	"praxis/bot/schedule"
	"praxis/store"
)

// Options tune a Planner.
type Options struct {
	// Drafter, when set (a language model), drafts each question of the
	// week from the community's busiest threads of the last four weeks; on
	// any error the configured list's question is asked.
	Drafter ritual.Drafter
}

// Planner turns the communities' rituals into scheduler jobs that post
// through the outbox.
type Planner struct {
	m      *metrics.Metrics
	st     *store.Store
	comms  []bot.Community
	log    *slog.Logger
	drafts ritual.Drafter
	now    func() time.Time
}

// New returns a Planner for comms that enqueues in st.
func New(st *store.Store, comms []bot.Community, d bot.Deps, opts Options) *Planner {
	d = d.For("ritual")
	return &Planner{
		st:     st,
		comms:  comms,
		log:    d.Log,
		drafts: opts.Drafter,
		now:    d.Now,
		m:      d.Metrics, // counts the messages enqueued
	}
}

// JobName is the scheduler job of a community's i-th ritual.
func JobName(community string, i int, kind string) string {
	return fmt.Sprintf("ritual:%s:%d:%s", community, i, kind)
}

// Jobs returns one scheduler job per ritual.
func (p *Planner) Jobs() []schedule.Job {
	var jobs []schedule.Job
	for _, c := range p.comms {
		for i, r := range c.Rituals {
			name := JobName(c.Name, i, r.Kind)
			jobs = append(jobs, schedule.Job{Name: name, Spec: r.Spec, Loc: c.Loc, Timeout: time.Minute,
				Fn: func(ctx context.Context, per schedule.Period) error { return p.Post(ctx, name, c, r, per) }})
		}
	}
	return jobs
}

// Post enqueues a ritual's messages for one period in one transaction. A
// period already posted adds nothing: the outbox keys are the job's and the
// period's.
func (p *Planner) Post(ctx context.Context, job string, c bot.Community, r bot.Ritual, per schedule.Period) error {
	var msgs []store.OutMessage
	var err error
	if r.Kind == bot.RitualRecognition {
		msgs, _, err = p.thanks(ctx, job, c, r, per.At)
	} else {
		msgs, err = messages(job, c, r, per, p.draft(ctx, job, c, r, per))
	}
	if err != nil {
		return err
	}
	added, err := p.st.EnqueueAll(ctx, msgs)
	if err != nil {
		return fmt.Errorf("post ritual %s: %w", job, err)
	}
	p.log.Info("ritual posted", "job", job, "period", per.Key, "messages", added, "already", len(msgs)-added)
	p.m.Rituals.Add(float64(added))
	return nil
}

// messages are what a ritual posts for period per: its post in the
// channel, keyed <job>:<period key>, and for office hours the DM telling
// the next session's host, keyed <job>:<period key>:host. drafted, when not
// empty, is the question of the week asked instead of the list's.
func messages(job string, c bot.Community, r bot.Ritual, per schedule.Period,
	drafted string) ([]store.OutMessage, error) {
	t, err := ritual.Compose(c, r, per.At, drafted)
	if err != nil {
		return nil, fmt.Errorf("ritual %s: %w", job, err)
	}
	key := job + ":" + per.Key
	msgs := []store.OutMessage{outbox.New(key, outbox.PostMessage, r.ChannelID, outbox.Message{Text: t.Post})}
	if t.NextHost != "" {
		msgs = append(msgs, outbox.New(key+":host", outbox.PostMessage, t.NextHost, outbox.Message{Text: t.HostDM}))
	}
	return msgs, nil
}

// draft returns the model's question of the week for this period, or ""
// (no model, not a question of the week, already posted, or any error: the
// configured list's question is asked instead).
func (p *Planner) draft(ctx context.Context, job string, c bot.Community, r bot.Ritual, per schedule.Period) string {
	if p.drafts == nil || r.Kind != bot.RitualQuestionOfTheWeek {
		return ""
	}
	if _, err := p.st.OutboxByKey(ctx, job+":"+per.Key); err == nil {
		return "" // posted already: spend no tokens on a retry
	}
	topics, err := ritual.Topics(ctx, p.st, c, per.At)
	if err != nil {
		p.log.Warn("question of the week: topics", "job", job, "err", err)
		return ""
	}
	q, err := ritual.Draft(ctx, p.drafts, c, r, topics, p.asked(ctx, job))
	if err != nil {
		p.log.Info("question of the week: the list's, not a draft", "job", job, "reason", err)
		return ""
	}
	return q
}

// asked returns the questions a question-of-the-week job posted lately,
// newest first: a draft must differ from them.
func (p *Planner) asked(ctx context.Context, job string) []string {
	rows, err := p.st.OutboxLatest(ctx, job+":", 8)
	if err != nil {
		return nil
	}
	var out []string
	for _, row := range rows {
		var m outbox.Message
		if json.Unmarshal([]byte(row.Payload), &m) != nil {
			continue
		}
		for _, line := range strings.Split(m.Text, "\n") {
			if q, ok := strings.CutPrefix(line, ">"); ok && q != "" {
				out = append(out, bot.Quote(q, bot.Plain, 0, bot.Names{})) // posted escaped
				break
			}
		}
	}
	return out
}
