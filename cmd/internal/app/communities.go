package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/bot/record"
	"praxis/store"
)

// Communities resolves the configuration's communities once, for the whole
// program: each channel reference of the file to the channel resolved
// gives it (the workspace's for run, the export's for an import, the
// store's for the offline commands), time zones loaded, settings typed. A
// reference resolved lacks is left out, and so is a ritual posted there:
// run refuses to start before (see resolve), and an import reports them.
func Communities(cfg *config.Config, resolved map[string]bot.Channel) ([]bot.Community, error) {
	out := make([]bot.Community, 0, len(cfg.Communities))
	for _, c := range cfg.Communities {
		bc, err := community(c, resolved)
		if err != nil {
			return nil, fmt.Errorf("community %s: %w", c.Name, err)
		}
		out = append(out, bc)
	}
	return out, nil
}

// community resolves one community of the configuration.
func community(c config.Community, resolved map[string]bot.Channel) (bot.Community, error) {
	h, err := c.Hours()
	if err != nil {
		return bot.Community{}, fmt.Errorf("working hours: %w", err)
	}
	from, to, quiet := c.Nudges.QuietWindow()
	n, d, r := c.Nudges, c.Digest, c.Report
	bc := bot.Community{Name: c.Name, Vocation: c.Vocation, Language: c.Language, Loc: c.Location(),
		Facilitators: c.Facilitators, Sponsors: c.Sponsors, Topics: c.Topics, Experts: map[string][]string{}, Hours: h,
		AnswerWithin:  time.Duration(c.Questions.AnswerWithinHours) * time.Hour,
		EscalateAfter: time.Duration(c.Questions.EscalateAfterHours) * time.Hour,
		Digest:        bot.Digest{Frequency: d.Frequency, Weekday: d.Day(), Hour: d.Hour, MaxItems: d.MaxItems},
		Nudges: bot.Nudges{Enabled: n.Enabled, WeeklyBudget: n.WeeklyBudget, Quiet: quiet, QuietFrom: from, QuietTo: to,
			SkipWeekends: n.SkipWeekends, HoldoutPercent: n.HoldoutPercent, SilentWeeks: n.SilentWeeks,
			PerQuestion: n.PerQuestion},
		Report: bot.Report{Weekday: r.Day(), Hour: r.Hour, Format: r.Format, Charts: r.Charts},
	}
	for _, x := range c.Experts {
		bc.Experts[x.User] = append(bc.Experts[x.User], x.Topics...)
	}
	for _, ref := range c.Channels {
		if ch, ok := resolved[ref]; ok {
			bc.Channels = append(bc.Channels, ch)
		}
	}
	for _, rt := range c.Rituals {
		i := c.ChannelIndex(rt.Channel) // the ritual's channel may be written another way
		if i < 0 {
			continue
		}
		ch, ok := resolved[c.Channels[i]]
		if !ok {
			continue
		}
		bc.Rituals = append(bc.Rituals, bot.Ritual{Kind: rt.Kind, Spec: rt.Schedule, ChannelID: ch.ID,
			Questions: rt.Questions, Hosts: rt.Hosts, Text: rt.Text})
	}
	return bc, nil
}

// fallback is the workspace's defaults: its language and time zone, and
// the default settings, for a channel no community claims; its sponsors
// and their report's schedule.
func fallback(cfg *config.Config) (bot.Community, error) {
	c := config.DefaultCommunity()
	c.Language, c.Timezone, c.Sponsors = cfg.Language, cfg.Timezone, cfg.Sponsors
	fb, err := community(c, nil)
	r := cfg.SponsorReport
	fb.SponsorReport = bot.SponsorReport{Frequency: r.Frequency, Day: r.Day, Hour: r.Hour}
	return fb, err
}

// NewDirectory is the directory of the configuration's communities, each
// channel reference resolved by resolved (see Communities), with the
// workspace's defaults for a channel none claims. people reads members'
// languages (record.People); nil: only the communities' count.
func NewDirectory(cfg *config.Config, resolved map[string]bot.Channel, people bot.People) (*bot.Directory, error) {
	cs, err := Communities(cfg, resolved)
	if err != nil {
		return nil, err
	}
	fb, err := fallback(cfg)
	if err != nil {
		return nil, err
	}
	return bot.NewDirectory(cs, fb, people), nil
}

// StoredDirectory resolves the configuration's communities against the
// channels the database knows (by id, or by name with or without "#",
// whatever its case), as run resolves them against the workspace: the
// offline commands' directory.
func StoredDirectory(ctx context.Context, cfg *config.Config, st *store.Store) (*bot.Directory, error) {
	stored, err := st.Communities(ctx)
	if err != nil {
		return nil, err
	}
	known := map[string]bot.Channel{}
	for _, c := range stored {
		for id, name := range c.Channels {
			ch := bot.Channel{ID: id, Name: name, Private: c.Private[id]}
			known[id], known["#"+strings.ToLower(name)] = ch, ch
		}
	}
	resolved := map[string]bot.Channel{}
	for _, ref := range cfg.Channels() {
		key := strings.TrimSpace(ref)
		if _, isID := known[key]; !isID {
			key = "#" + strings.ToLower(strings.TrimPrefix(key, "#"))
		}
		if ch, ok := known[key]; ok {
			resolved[ref] = ch
		}
	}
	return NewDirectory(cfg, resolved, record.People(st))
}

// resolve resolves the configured channels against the workspace, records
// the communities and makes their directory. A channel the workspace lacks
// stops the start: it names it.
func (a *App) resolve(ctx context.Context) error {
	rctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	resolved, missing, err := a.slackDir.ResolveChannels(rctx, a.cfg.Channels())
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("channels not found in the workspace (invite Praxis or fix the name): %s",
			strings.Join(missing, ", "))
	}
	dir, err := NewDirectory(a.cfg, resolved, record.People(a.Store))
	if err != nil {
		return err
	}
	if err := record.SyncCommunities(ctx, a.Store, dir.Communities()); err != nil {
		return err
	}
	a.Directory = dir
	return nil
}
