// Package ritual runs each community's animation plan: the posts the
// configuration schedules (question of the week, show & tell, office hours,
// a custom text), in the community's language and time zone.
//
// Each ritual is one bot/schedule job, named ritual:<community>:<index>:<kind>
// (the index is the ritual's place in the community's list, so the name
// stays the same across restarts while the file does). A period's messages
// are enqueued in the outbox in one transaction under keys made of the job
// name and the period key, so a period retried or run again posts nothing
// twice.
//
// Rotation (which question, which office-hours host) follows the week of the
// period in the community's time zone: week n since Monday 1970-01-05 picks
// item n modulo the list. It needs no state, so a restart neither repeats
// nor skips one, and every session of a week has the same host.
//
// Office hours: the job posting a session's announcement (which mentions its
// host) also tells the next session's host, by DM, when that is and where.
// So a host hears of their turn one session ahead (a week, for weekly office
// hours); the first session after office hours are set up has no warning
// but the announcement's mention.
package ritual

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"praxis/bot"
	"praxis/bot/i18n"
	"praxis/bot/llm"
	"praxis/bot/metrics"
	"praxis/bot/outbox"
	"praxis/bot/schedule"
	"praxis/store"
)

// Options tune a Planner.
type Options struct {
	// Drafter, when set (a language model), drafts each question of the
	// week from the community's busiest threads of the last four weeks; on
	// any error the configured list's question is asked.
	Drafter Drafter
}

// Drafter drafts a question of the week (bot/llm's Client).
type Drafter interface {
	DraftQuestion(ctx context.Context, lang string, b llm.QuestionBrief) (string, error)
}

// Planner turns the communities' rituals into scheduler jobs that post
// through the outbox.
type Planner struct {
	m      *metrics.Metrics
	st     *store.Store
	comms  []bot.Community
	log    *slog.Logger
	drafts Drafter
}

// New returns a Planner for comms that enqueues in st.
func New(st *store.Store, comms []bot.Community, d bot.Deps, opts Options) *Planner {
	d = d.For("ritual")
	return &Planner{
		st:     st,
		comms:  comms,
		log:    d.Log,
		drafts: opts.Drafter,
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
	msgs, err := messages(job, c, r, per, p.draft(ctx, job, c, r, per))
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

// draftWindow is how far back a drafted question looks for topics.
const draftWindow = 28 * 24 * time.Hour

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
	// A private channel's talk is for its members: the question, posted
	// in a channel, is drawn from the public ones only.
	threads, err := p.st.BusiestThreads(ctx, c.Public(), per.At.Add(-draftWindow), per.At, 12)
	if err != nil {
		p.log.Warn("question of the week: topics", "job", job, "err", err)
		return ""
	}
	names := p.st.Names(ctx) // the model reads the threads as members do
	for i, t := range threads {
		threads[i] = bot.Quote(t, bot.Plain, 0, bot.Names{Member: names.Member, Channel: names.Channel})
	}
	q, err := p.drafts.DraftQuestion(ctx, i18n.Lang(c.Language), llm.QuestionBrief{Community: c.Name, Vocation: c.Vocation,
		RecentThreads: threads, Avoid: append(p.asked(ctx, job), r.Questions...)})
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

// Session is a coming occurrence of a ritual.
type Session struct {
	Community string
	Kind      string // bot.RitualQuestionOfTheWeek, …
	ChannelID string
	Host      string // office hours: that week's host
	At        time.Time
}

// Upcoming returns the communities' ritual sessions in [from, to), in time
// order, at most max (0: no limit). The host of office hours is the one the
// rotation gives that week, as the announcement will.
func Upcoming(cs []bot.Community, from, to time.Time, max int) []Session {
	var out []Session
	for _, c := range cs {
		loc := c.Loc
		if loc == nil {
			loc = time.UTC
		}
		for _, r := range c.Rituals {
			s, err := cron.ParseStandard(r.Spec)
			if err != nil {
				continue
			}
			// At most a session a day is worth listing, even for an hourly spec.
			at := s.Next(from.In(loc).Add(-time.Second))
			for n := 0; !at.IsZero() && at.Before(to) && n < 31; n++ {
				ss := Session{Community: c.Name, Kind: r.Kind, ChannelID: r.ChannelID, At: at}
				if r.Kind == bot.RitualOfficeHours && len(r.Hosts) > 0 {
					ss.Host = pick(r.Hosts, Week(at, loc))
				}
				out = append(out, ss)
				at = s.Next(at)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Session) int { return a.At.Compare(b.At) })
	if max > 0 && len(out) > max {
		out = out[:max]
	}
	return out
}
