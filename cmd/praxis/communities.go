package main

import (
	"fmt"
	"time"

	"praxis/bot"
	"praxis/bot/config"
)

// communities resolves the configuration's communities once, for the whole
// program: each channel reference of the file to the channel resolved
// gives it (the workspace's for run, the export's for an import, the
// store's for the offline commands), time zones loaded, settings typed. A
// reference resolved lacks is left out, and so is a ritual posted there:
// run refuses to start before, and an import reports them.
func communities(cfg *config.Config, resolved map[string]bot.Channel) ([]bot.Community, error) {
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
		Facilitators: c.Facilitators, Topics: c.Topics, Experts: map[string][]string{}, Hours: h,
		AnswerWithin:  time.Duration(c.Questions.AnswerWithinHours) * time.Hour,
		EscalateAfter: time.Duration(c.Questions.EscalateAfterHours) * time.Hour,
		Digest:        bot.Digest{Frequency: d.Frequency, Weekday: d.Day(), Hour: d.Hour, MaxItems: d.MaxItems},
		Nudges: bot.Nudges{Enabled: n.Enabled, WeeklyBudget: n.WeeklyBudget, Quiet: quiet, QuietFrom: from, QuietTo: to,
			SkipWeekends: n.SkipWeekends, HoldoutPercent: n.HoldoutPercent, SilentWeeks: n.SilentWeeks},
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
// the default settings, for a channel no community claims.
func fallback(cfg *config.Config) (bot.Community, error) {
	c := config.DefaultCommunity()
	c.Language, c.Timezone = cfg.Language, cfg.Timezone
	return community(c, nil)
}
