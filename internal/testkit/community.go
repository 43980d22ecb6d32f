package testkit

import (
	"slices"
	"time"

	"praxis/bot"
	"praxis/bot/workhours"
)

// Community returns a community with the configuration's default settings
// (English, UTC, weekly digests on Monday at 9, nudges with a 10% holdout,
// 09:00-18:00 Monday to Friday, reports on Monday at 8), with these
// channel ids. A cmd/praxis test checks these are the defaults a
// configuration resolves to.
func Community(name string, channels ...string) bot.Community {
	c := bot.Community{Name: name, Language: "en", Loc: time.UTC, Experts: map[string][]string{},
		Hours:        workhours.Hours{Loc: time.UTC, Start: 9 * time.Hour, End: 18 * time.Hour},
		AnswerWithin: 4 * time.Hour, EscalateAfter: 24 * time.Hour,
		Digest: bot.Digest{Frequency: bot.FrequencyWeekly, Weekday: time.Monday, Hour: 9, MaxItems: 8},
		Nudges: bot.Nudges{Enabled: true, WeeklyBudget: 1, Quiet: true, QuietFrom: 19 * time.Hour, QuietTo: 8 * time.Hour,
			SkipWeekends: true, HoldoutPercent: 10, SilentWeeks: 4, PerQuestion: 2},
		Report: bot.Report{Weekday: time.Monday, Hour: 8, Format: "blocks", Charts: "png"},
	}
	for d := time.Monday; d <= time.Friday; d++ {
		c.Hours.Days[d] = true
	}
	for _, id := range channels {
		c.Channels = append(c.Channels, bot.Channel{ID: id})
	}
	if name == "" { // the workspace's defaults, a Directory's fallback, hold the sponsors' report's schedule
		c.SponsorReport = bot.SponsorReport{Frequency: bot.FrequencyMonthly, Day: 1, Hour: 9}
	}
	return c
}

// Directory returns the directory of communities with the default settings
// (see Community) made of byChannel, channel id → community name, in the
// order of their names; its fallback is a nameless default community.
func Directory(byChannel map[string]string) *bot.Directory {
	var names []string
	ids := map[string][]string{}
	for id, name := range byChannel {
		if _, ok := ids[name]; !ok {
			names = append(names, name)
		}
		ids[name] = append(ids[name], id)
	}
	slices.Sort(names)
	var cs []bot.Community
	for _, name := range names {
		slices.Sort(ids[name])
		cs = append(cs, Community(name, ids[name]...))
	}
	return bot.NewDirectory(cs, Community(""), nil)
}
