package ritual

import (
	"errors"
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"praxis/bot"
	"praxis/bot/i18n"
)

var catalog = i18n.Catalog{
	"en": {
		"question": ":speech_balloon: *Question of the week*\n>%s\nShare your answer in the thread: every experience counts.",
		"show": ":sparkles: *Show &amp; tell*\nWhat did you learn or build this week? " +
			"A tool, a trick, a mistake that taught you something: share it in the thread. Small things welcome!",
		"office": ":office: *Office hours* start now, hosted by <@%s>. " +
			"Bring your questions here in the thread, or ask to talk them through live.",
		"host": ":wave: You host the next office hours of %s in <#%s>, %s. " +
			"Praxis will announce them; be around to answer questions.",
		"at":        "%s %d %s at %s",
		"unplanned": "soon",
	},
	"fr": {
		"question": ":speech_balloon: *Question de la semaine*\n>%s\nRépondez dans le fil : chaque expérience compte.",
		"show": ":sparkles: *Show &amp; tell*\nQu'avez-vous appris ou construit cette semaine ? " +
			"Un outil, une astuce, une erreur instructive : racontez-le dans le fil. " +
			"Les petites trouvailles sont les bienvenues !",
		"office": ":office: *La permanence* commence, animée par <@%s>. " +
			"Posez vos questions ici dans le fil, ou demandez à en parler de vive voix.",
		"host": ":wave: Vous animez la prochaine permanence de %s dans <#%s>, %s. " +
			"Praxis l'annoncera ; soyez là pour répondre aux questions.",
		"at":        "le %s %d %s à %s",
		"unplanned": "bientôt",
	},
}

// Text is what a ritual says at one session: its post in its channel and,
// for office hours, the DM telling the next session's host.
type Text struct {
	Post     string
	NextHost string // office hours: the next session's host, told by HostDM; "": no DM
	HostDM   string
}

// Compose returns what ritual r of community c says at its session at;
// drafted, when not empty, is the question of the week asked instead of
// the list's. What the configuration and the model write is text: escaped,
// it is shown as written and never links, mentions or broadcasts.
func Compose(c bot.Community, r bot.Ritual, at time.Time, drafted string) (Text, error) {
	lang := i18n.Lang(c.Language)
	loc := c.Loc
	if loc == nil {
		loc = time.UTC
	}
	week := Week(at, loc)
	switch r.Kind {
	case bot.RitualQuestionOfTheWeek:
		if drafted != "" {
			return Text{Post: catalog.T(lang, "question", bot.Escape(drafted))}, nil
		}
		if len(r.Questions) == 0 {
			return Text{}, errors.New("no questions")
		}
		return Text{Post: catalog.T(lang, "question", bot.Escape(pick(r.Questions, week)))}, nil
	case bot.RitualShowAndTell:
		return Text{Post: catalog.T(lang, "show")}, nil
	case bot.RitualCustom:
		return Text{Post: bot.Escape(r.Text)}, nil
	case bot.RitualOfficeHours:
		if len(r.Hosts) == 0 {
			return Text{}, errors.New("no hosts")
		}
		when, next := catalog.T(lang, "unplanned"), week+1
		if at, ok := nextSession(r.Spec, at.In(loc)); ok {
			when, next = formatWhen(lang, at), Week(at, loc)
		}
		return Text{
			Post:     catalog.T(lang, "office", pick(r.Hosts, week)),
			NextHost: pick(r.Hosts, next),
			HostDM:   catalog.T(lang, "host", bot.Escape(c.Name), r.ChannelID, when),
		}, nil
	}
	return Text{}, fmt.Errorf("unknown kind %q", r.Kind)
}

// epoch is the Monday weeks are counted from.
var epoch = time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)

// Week returns the number of the week (Monday to Sunday, on loc's calendar)
// of t since 1970-01-05. Counting calendar days, not hours, keeps it
// right across DST changes; unlike the ISO week number it never goes back
// at a new year, so a rotation never repeats an item early.
func Week(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	days := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(epoch) / (24 * time.Hour))
	if days < 0 {
		return (days - 6) / 7
	}
	return days / 7
}

// pick returns the item of week n in rotation.
func pick(items []string, n int) string {
	i := n % len(items)
	if i < 0 {
		i += len(items)
	}
	return items[i]
}

// nextSession returns the ritual's first instant after at (given in the
// community's zone). Only the DM's wording depends on it: robfig/cron's
// instants may differ from the scheduler's in an hour skipped or repeated
// by a DST change, which office hours are not held in.
func nextSession(spec string, at time.Time) (time.Time, bool) {
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return time.Time{}, false
	}
	n := s.Next(at)
	return n, !n.IsZero()
}

// formatWhen writes a session's local date and time: "Thursday 12
// November at 14:00", "le jeudi 12 novembre à 14:00".
func formatWhen(lang string, t time.Time) string {
	return catalog.T(lang, "at", i18n.Weekday(lang, t.Weekday()), t.Day(), i18n.Month(lang, t.Month()), t.Format("15:04"))
}
