// Package ritual is each community's animation plan: the posts the
// configuration schedules (question of the week, show & tell, office hours,
// a custom text), what each says in the community's language and time zone,
// and when the coming sessions are. Its Slack edge (bot/ritual/slackedge)
// makes each ritual a scheduler job posting through the outbox.
//
// Rotation (which question, which office-hours host) follows the week of the
// session in the community's time zone: week n since Monday 1970-01-05 picks
// item n modulo the list. It needs no state, so a restart neither repeats
// nor skips one, and every session of a week has the same host.
//
// Office hours: a session's announcement (which mentions its host) comes
// with a DM telling the next session's host when that is and where. So a
// host hears of their turn one session ahead (a week, for weekly office
// hours); the first session after office hours are set up has no warning
// but the announcement's mention.
package ritual

import (
	"context"
	"slices"
	"time"

	"github.com/robfig/cron/v3"

	"praxis/bot"
	"praxis/bot/i18n"
	"praxis/bot/llm"
	"praxis/store"
)

// Drafter drafts a question of the week (bot/llm's Client).
type Drafter interface {
	DraftQuestion(ctx context.Context, lang string, b llm.QuestionBrief) (string, error)
}

// draftWindow is how far back a drafted question looks for topics.
const draftWindow = 28 * 24 * time.Hour

// Topics returns what a question of the week drafted at at is drawn from:
// the openings of the community's busiest threads of the four weeks
// before, as members read them. A private channel's talk is for its
// members: the question, posted in a channel, is drawn from the public
// ones only.
func Topics(ctx context.Context, st *store.Store, c bot.Community, at time.Time) ([]string, error) {
	threads, err := st.BusiestThreads(ctx, c.Public(), at.Add(-draftWindow), at, 12)
	if err != nil {
		return nil, err
	}
	names := st.Names(ctx) // the model reads the threads as members do
	for i, t := range threads {
		threads[i] = bot.Quote(t, bot.Plain, 0, bot.Names{Member: names.Member, Channel: names.Channel})
	}
	return threads, nil
}

// Draft asks the model for ritual r's question of the week on topics, in
// the community's language, unlike the questions asked lately and those of
// the configured list.
func Draft(ctx context.Context, model Drafter, c bot.Community, r bot.Ritual, topics, asked []string) (string, error) {
	return model.DraftQuestion(ctx, i18n.Lang(c.Language), llm.QuestionBrief{Community: c.Name, Vocation: c.Vocation,
		RecentThreads: topics, Avoid: append(asked, r.Questions...)})
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
// rotation gives that week, as the announcement will. The recognition
// ritual posts at its first run of a month only: its later runs that month
// are no sessions.
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
				if r.Kind != bot.RitualRecognition || firstOfMonth(s, at) {
					out = append(out, ss)
				}
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

// firstOfMonth reports whether at is schedule s's first instant of its
// month (in at's zone).
func firstOfMonth(s cron.Schedule, at time.Time) bool {
	y, m, _ := at.Date()
	return s.Next(time.Date(y, m, 1, 0, 0, 0, 0, at.Location()).Add(-time.Second)).Equal(at)
}
