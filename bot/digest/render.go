package digest

import (
	"fmt"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/i18n"
	"praxis/bot/ritual"
)

var catalog = i18n.Catalog{
	"en": {
		"title":         ":newspaper: *Your Praxis digest* (%s – %s)",
		"questions":     "*Questions you could answer*",
		"threads":       "*Threads that matter*",
		"resources":     "*New resources*",
		"newcomers":     "*Say hello to the newcomers*",
		"replies":       "%d replies",
		"replies_one":   "%d reply",
		"people":        "%d people",
		"people_one":    "%d person",
		"reactions":     "%d reactions",
		"reactions_one": "%d reaction",
		"messages":      "%d messages",
		"messages_one":  "%d message",
		"received":      "%d reactions received",
		"received_one":  "%d reaction received",
		"accepts":       "%d answers accepted",
		"accepts_one":   "%d answer accepted",
		"thanks":        "%d thanks",
		"thanks_one":    "%d thanks",
		"accepted":      "✅ answered: %s",
		"asked":         "<@%s> asked in <%s|#%s>: %s",
		"shared":        "%s, shared by <@%s> in <%s|#%s>",
		"joined":        "<@%s> joined <%s|#%s>",
		"week":          "*Your %s*: %s.",
		"week_none":     "*Your %s*: a quiet one. A question above you could answer?",
		"span_day":      "day",
		"span_week":     "week",
		"span_long":     "recent weeks",
		"date":          "Jan 2",
		"coming":        "*Coming up*",
		"r_question":    "Question of the week in <#%s>",
		"r_show":        "Show &amp; tell in <#%s>",
		"r_office":      "Office hours in <#%s>, hosted by <@%s>",
		"r_office_0":    "Office hours in <#%s>",
		"r_custom":      "In <#%s>: a community ritual",
		"r_recognition": "The month's thanks to its helpers in <#%s>",
		"when":          "%s %d %s, %s",
	},
	"fr": {
		"title":         ":newspaper: *Votre résumé Praxis* (%s – %s)",
		"questions":     "*Des questions auxquelles vous pourriez répondre*",
		"threads":       "*Les fils qui comptent*",
		"resources":     "*Nouvelles ressources*",
		"newcomers":     "*Souhaitez la bienvenue aux nouveaux venus*",
		"replies":       "%d réponses",
		"replies_one":   "%d réponse",
		"people":        "%d personnes",
		"people_one":    "%d personne",
		"reactions":     "%d réactions",
		"reactions_one": "%d réaction",
		"messages":      "%d messages",
		"messages_one":  "%d message",
		"received":      "%d réactions reçues",
		"received_one":  "%d réaction reçue",
		"accepts":       "%d réponses acceptées",
		"accepts_one":   "%d réponse acceptée",
		"thanks":        "%d remerciements",
		"thanks_one":    "%d remerciement",
		"accepted":      "✅ réponse : %s",
		"asked":         "<@%s> a demandé dans <%s|#%s> : %s",
		"shared":        "%s, via <@%s> dans <%s|#%s>",
		"joined":        "<@%s> a rejoint <%s|#%s>",
		"week":          "*Votre %s* : %s.",
		"week_none":     "*Votre %s* : plutôt calme. Une question ci-dessus à laquelle vous pourriez répondre ?",
		"span_day":      "journée",
		"span_week":     "semaine",
		"span_long":     "période",
		"date":          "2/1",
		"coming":        "*À venir*",
		"r_question":    "Question de la semaine dans <#%s>",
		"r_show":        "Show &amp; tell dans <#%s>",
		"r_office":      "Permanence dans <#%s>, animée par <@%s>",
		"r_office_0":    "Permanence dans <#%s>",
		"r_custom":      "Dans <#%s> : un rituel de la communauté",
		"r_recognition": "Les remerciements du mois à celles et ceux qui ont aidé, dans <#%s>",
		"when":          "%s %d %s, %s",
	},
}

// Sections returns the digest's sections, each a heading and its lines:
// the text and the Block Kit of the Slack edge show the same ones.
func (d Digest) Sections() [][]string {
	l := d.Lang
	var out [][]string
	add := func(head string, items []Item, line func(Item) string) {
		if len(items) == 0 {
			return
		}
		sec := []string{catalog.T(l, head)}
		for _, it := range items {
			sec = append(sec, "• "+line(it))
		}
		out = append(out, sec)
	}
	add("questions", d.Questions, func(it Item) string {
		return catalog.T(l, "asked", it.User, it.Link, bot.Escape(it.Channel), it.Summary)
	})
	add("threads", d.Threads, func(it Item) string {
		s := fmt.Sprintf("<%s|#%s> %s — %s, %s", it.Link, bot.Escape(it.Channel), it.Summary,
			catalog.N(l, "replies", it.Replies), catalog.N(l, "people", it.People))
		if it.Reactions > 0 {
			s += ", " + catalog.N(l, "reactions", it.Reactions)
		}
		if it.Answer != "" {
			s += "\n   " + catalog.T(l, "accepted", it.Answer)
		}
		return s
	})
	add("resources", d.Resources, func(it Item) string {
		return catalog.T(l, "shared", it.Title, it.User, it.Link, bot.Escape(it.Channel))
	})
	add("newcomers", d.Newcomers, func(it Item) string {
		return catalog.T(l, "joined", it.User, it.Link, bot.Escape(it.Channel))
	})
	if len(d.Upcoming) > 0 {
		sec := []string{catalog.T(l, "coming")}
		for _, r := range d.Upcoming {
			sec = append(sec, "• "+d.when(r.At)+" — "+sessionLine(l, r))
		}
		out = append(out, sec)
	}
	return out
}

// sessionLine says what a ritual session is and where.
func sessionLine(l string, r ritual.Session) string {
	switch r.Kind {
	case bot.RitualQuestionOfTheWeek:
		return catalog.T(l, "r_question", r.ChannelID)
	case bot.RitualShowAndTell:
		return catalog.T(l, "r_show", r.ChannelID)
	case bot.RitualRecognition:
		return catalog.T(l, "r_recognition", r.ChannelID)
	case bot.RitualOfficeHours:
		if r.Host != "" {
			return catalog.T(l, "r_office", r.ChannelID, r.Host)
		}
		return catalog.T(l, "r_office_0", r.ChannelID)
	}
	return catalog.T(l, "r_custom", r.ChannelID)
}

// when is an instant in the member's zone: "Thu 12 Nov, 14:00".
func (d Digest) when(t time.Time) string {
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	l := d.Lang
	return catalog.T(l, "when", i18n.ShortWeekday(l, t.Weekday()), t.Day(), i18n.ShortMonth(l, t.Month()),
		t.Format("15:04"))
}

// Title is the digest's first line: what it is and the days it covers.
func (d Digest) Title() string {
	f := catalog.T(d.Lang, "date")
	return catalog.T(d.Lang, "title", d.From.Format(f), d.To.Add(-1).Format(f))
}

// WeekLine is the digest's last line: the member's own week (their
// messages, the reactions, accepted answers and thanks they received).
func (d Digest) WeekLine() string {
	w := d.Week
	var parts []string
	for _, p := range []struct {
		key string
		n   int
	}{{"messages", w.Messages}, {"received", w.Reactions}, {"accepts", w.Accepted}, {"thanks", w.Thanks}} {
		if p.n > 0 {
			parts = append(parts, catalog.N(d.Lang, p.key, p.n))
		}
	}
	if len(parts) == 0 {
		return catalog.T(d.Lang, "week_none", d.span())
	}
	return catalog.T(d.Lang, "week", d.span(), strings.Join(parts, ", "))
}

// span names the digest's window: day, week, or weeks when longer.
func (d Digest) span() string {
	switch n := d.To.Sub(d.From); {
	case n <= 36*time.Hour:
		return catalog.T(d.Lang, "span_day")
	case n <= 8*24*time.Hour:
		return catalog.T(d.Lang, "span_week")
	}
	return catalog.T(d.Lang, "span_long")
}

// Text renders the digest as plain Slack text (the notification, and the
// preview).
func (d Digest) Text() string {
	var b strings.Builder
	b.WriteString(d.Title() + "\n")
	for _, sec := range d.Sections() {
		b.WriteString("\n" + strings.Join(sec, "\n") + "\n")
	}
	b.WriteString("\n" + d.WeekLine() + "\n")
	return b.String()
}
