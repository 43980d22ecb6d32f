package digest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
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
		"less":          "Less often",
		"mute":          "Mute #%s",
		"unsubscribe":   "Unsubscribe",
		"date":          "Jan 2",
		"done_less":     "Done: your digest now comes weekly.",
		"done_less_m":   "Done: your digest now comes monthly, on the first %s of the month.",
		"coming":        "*Coming up*",
		"r_question":    "Question of the week in <#%s>",
		"r_show":        "Show &amp; tell in <#%s>",
		"r_office":      "Office hours in <#%s>, hosted by <@%s>",
		"r_office_0":    "Office hours in <#%s>",
		"r_custom":      "In <#%s>: a community ritual",
		"when":          "%s %d %s, %s",
		"done_mute":     "Done: <#%s> stays out of your digests.",
		"done_off":      "Done: no more digests. `/praxis digest on` brings them back.",
		"not_yours":     "These buttons are for the member the digest was sent to.",
		"set":           "Done: your digest settings are saved.",
	},
	"fr": {
		"title":         ":newspaper: *Votre résumé Praxis* (%s – %s)",
		"questions":     "*Des questions auxquelles vous pourriez répondre*",
		"threads":       "*Les fils qui comptent*",
		"resources":     "*Nouvelles ressources*",
		"newcomers":     "*Souhaitez la bienvenue aux nouveaux*",
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
		"shared":        "%s, partagé par <@%s> dans <%s|#%s>",
		"joined":        "<@%s> a rejoint <%s|#%s>",
		"week":          "*Votre %s* : %s.",
		"week_none":     "*Votre %s* : calme. Une question ci-dessus à laquelle répondre ?",
		"span_day":      "journée",
		"span_week":     "semaine",
		"span_long":     "période",
		"less":          "Moins souvent",
		"mute":          "Masquer #%s",
		"unsubscribe":   "Se désabonner",
		"date":          "2/1",
		"done_less":     "C'est fait : votre résumé arrive maintenant chaque semaine.",
		"done_less_m":   "C'est fait : votre résumé arrive maintenant chaque mois, le premier %s du mois.",
		"coming":        "*À venir*",
		"r_question":    "Question de la semaine dans <#%s>",
		"r_show":        "Show &amp; tell dans <#%s>",
		"r_office":      "Permanence dans <#%s>, animée par <@%s>",
		"r_office_0":    "Permanence dans <#%s>",
		"r_custom":      "Dans <#%s> : un rituel de la communauté",
		"when":          "%s %d %s, %s",
		"done_mute":     "C'est fait : <#%s> n'apparaîtra plus dans vos résumés.",
		"done_off":      "C'est fait : plus de résumés. `/praxis digest on` les rétablit.",
		"not_yours":     "Ces boutons sont pour la personne à qui ce résumé a été envoyé.",
		"set":           "C'est fait : vos préférences de résumé sont enregistrées.",
	},
}

// Button action ids. A mute button's id is ActionMute, a colon and its
// place (Slack wants the ids of a block distinct); every value is the
// member, "|", and their choice.
const (
	ActionLess        = "digest_less"
	ActionMute        = "digest_mute"
	ActionUnsubscribe = "digest_unsubscribe"
)

// maxMuteButtons bounds the mute buttons: the channels with the most items.
const maxMuteButtons = 3

// sections returns the digest's sections: a heading and its lines.
func (d Digest) sections() [][]string {
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

func (d Digest) title() string {
	f := catalog.T(d.Lang, "date")
	return catalog.T(d.Lang, "title", d.From.Format(f), d.To.Add(-1).Format(f))
}

func (d Digest) weekLine() string {
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
	b.WriteString(d.title() + "\n")
	for _, sec := range d.sections() {
		b.WriteString("\n" + strings.Join(sec, "\n") + "\n")
	}
	b.WriteString("\n" + d.weekLine() + "\n")
	return b.String()
}

// Blocks renders the digest as Block Kit, with its buttons. freq is how
// often the member gets it: "less often" makes a daily digest weekly and a
// weekly one monthly.
func (d Digest) Blocks(freq string) []slack.Block {
	md := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
	}
	blocks := []slack.Block{slack.NewSectionBlock(md(d.title()), nil, nil)}
	for _, sec := range d.sections() {
		blocks = append(blocks, slack.NewDividerBlock(), slack.NewSectionBlock(md(strings.Join(sec, "\n")), nil, nil))
	}
	blocks = append(blocks, slack.NewContextBlock("digest_week", md(d.weekLine())))
	plain := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	var buttons []slack.BlockElement
	if next, ok := lessOften[freq]; ok {
		less := slack.NewButtonBlockElement(ActionLess, d.Member+"|"+next, plain(catalog.T(d.Lang, "less")))
		buttons = append(buttons, less)
	}
	for i, ch := range d.channels() {
		buttons = append(buttons, slack.NewButtonBlockElement(fmt.Sprintf("%s:%d", ActionMute, i+1), d.Member+"|"+ch.id,
			plain(catalog.T(d.Lang, "mute", ch.name))))
	}
	unsubscribe := slack.NewButtonBlockElement(ActionUnsubscribe, d.Member+"|off", plain(catalog.T(d.Lang, "unsubscribe")))
	buttons = append(buttons, unsubscribe.WithStyle(slack.StyleDanger))
	return append(blocks, slack.NewActionBlock("digest_actions", buttons...))
}

type channelRef struct{ id, name string }

// channels returns the digest's channels with the most items, at most
// maxMuteButtons.
func (d Digest) channels() []channelRef {
	count := map[string]int{}
	var order []channelRef
	for _, it := range d.Items() {
		if count[it.ChannelID] == 0 {
			order = append(order, channelRef{it.ChannelID, it.Channel})
		}
		count[it.ChannelID]++
	}
	// Stable: by count, then first appearance.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && count[order[j].id] > count[order[j-1].id]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order[:min(len(order), maxMuteButtons)]
}

// lessOften is the step the "less often" button takes.
var lessOften = map[string]string{
	bot.FrequencyDaily:  bot.FrequencyWeekly,
	bot.FrequencyWeekly: bot.FrequencyMonthly,
}

// Message is the digest as the outbox sends it; freq as for Blocks.
func (d Digest) Message(freq string) outbox.Message {
	raw, _ := json.Marshal(d.Blocks(freq)) // blocks of strings always marshal
	return outbox.Message{Text: d.Text(), Blocks: raw}
}
