package digest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"praxis/bot/i18n"
	"praxis/bot/outbox"
)

var catalog = i18n.Catalog{
	"en": {
		"title":       ":newspaper: *Your Praxis digest* (%s – %s)",
		"questions":   "*Questions you could answer*",
		"threads":     "*Threads that matter*",
		"resources":   "*New resources*",
		"newcomers":   "*Say hello to the newcomers*",
		"replies":     "%d replies",
		"replies_1":   "1 reply",
		"people":      "%d people",
		"people_1":    "1 person",
		"reactions":   "%d reactions",
		"reactions_1": "1 reaction",
		"messages":    "%d messages",
		"messages_1":  "1 message",
		"received":    "%d reactions received",
		"received_1":  "1 reaction received",
		"accepts":     "%d answers accepted",
		"accepts_1":   "1 answer accepted",
		"thanks":      "%d thanks",
		"thanks_1":    "1 thanks",
		"accepted":    "✅ answered: %s",
		"asked":       "<@%s> asked in <%s|#%s>: %s",
		"shared":      "<%s|%s>, shared by <@%s> in <%s|#%s>",
		"joined":      "<@%s> joined <%s|#%s>",
		"week":        "*Your week*: %s.",
		"week_none":   "*Your week*: a quiet one. A question above you could answer?",
		"less":        "Less often",
		"mute":        "Mute #%s",
		"unsubscribe": "Unsubscribe",
		"date":        "Jan 2",
		"done_less":   "Done: your digest now comes weekly.",
		"done_mute":   "Done: <#%s> stays out of your digests.",
		"done_off":    "Done: no more digests. `/praxis digest on` brings them back.",
		"not_yours":   "These buttons are for the member the digest was sent to.",
		"set":         "Done: your digest settings are saved.",
	},
	"fr": {
		"title":       ":newspaper: *Votre résumé Praxis* (%s – %s)",
		"questions":   "*Des questions auxquelles vous pourriez répondre*",
		"threads":     "*Les fils qui comptent*",
		"resources":   "*Nouvelles ressources*",
		"newcomers":   "*Souhaitez la bienvenue aux nouveaux*",
		"replies":     "%d réponses",
		"replies_1":   "1 réponse",
		"people":      "%d personnes",
		"people_1":    "1 personne",
		"reactions":   "%d réactions",
		"reactions_1": "1 réaction",
		"messages":    "%d messages",
		"messages_1":  "1 message",
		"received":    "%d réactions reçues",
		"received_1":  "1 réaction reçue",
		"accepts":     "%d réponses acceptées",
		"accepts_1":   "1 réponse acceptée",
		"thanks":      "%d remerciements",
		"thanks_1":    "1 remerciement",
		"accepted":    "✅ réponse : %s",
		"asked":       "<@%s> a demandé dans <%s|#%s> : %s",
		"shared":      "<%s|%s>, partagé par <@%s> dans <%s|#%s>",
		"joined":      "<@%s> a rejoint <%s|#%s>",
		"week":        "*Votre semaine* : %s.",
		"week_none":   "*Votre semaine* : calme. Une question ci-dessus à laquelle répondre ?",
		"less":        "Moins souvent",
		"mute":        "Masquer #%s",
		"unsubscribe": "Se désabonner",
		"date":        "2/1",
		"done_less":   "C'est fait : votre résumé arrive maintenant chaque semaine.",
		"done_mute":   "C'est fait : <#%s> n'apparaîtra plus dans vos résumés.",
		"done_off":    "C'est fait : plus de résumés. `/praxis digest on` les rétablit.",
		"not_yours":   "Ces boutons sont pour la personne à qui ce résumé a été envoyé.",
		"set":         "C'est fait : vos préférences de résumé sont enregistrées.",
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
		return catalog.T(l, "asked", it.User, it.Link, it.Channel, escape(it.Summary))
	})
	add("threads", d.Threads, func(it Item) string {
		s := fmt.Sprintf("<%s|#%s> %s — %s, %s", it.Link, it.Channel, escape(it.Summary), count(l, "replies", it.Replies), count(l, "people", it.People))
		if it.Reactions > 0 {
			s += ", " + count(l, "reactions", it.Reactions)
		}
		if it.Answer != "" {
			s += "\n   " + catalog.T(l, "accepted", escape(it.Answer))
		}
		return s
	})
	add("resources", d.Resources, func(it Item) string {
		return catalog.T(l, "shared", it.URL, escape(it.Title), it.User, it.Link, it.Channel)
	})
	add("newcomers", d.Newcomers, func(it Item) string {
		return catalog.T(l, "joined", it.User, it.Link, it.Channel)
	})
	return out
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
			parts = append(parts, count(d.Lang, p.key, p.n))
		}
	}
	if len(parts) == 0 {
		return catalog.T(d.Lang, "week_none")
	}
	return catalog.T(d.Lang, "week", strings.Join(parts, ", "))
}

// count is "n things", singular for one.
func count(lang, key string, n int) string {
	if n == 1 {
		return catalog.T(lang, key+"_1")
	}
	return catalog.T(lang, key, n)
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

// Blocks renders the digest as Block Kit, with its buttons. daily says
// whether the member gets it daily (then "less often" makes it weekly).
func (d Digest) Blocks(daily bool) []slack.Block {
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
	if daily {
		buttons = append(buttons, slack.NewButtonBlockElement(ActionLess, d.Member+"|weekly", plain(catalog.T(d.Lang, "less"))))
	}
	for i, ch := range d.channels() {
		buttons = append(buttons, slack.NewButtonBlockElement(fmt.Sprintf("%s:%d", ActionMute, i+1), d.Member+"|"+ch.id,
			plain(catalog.T(d.Lang, "mute", ch.name))))
	}
	buttons = append(buttons, slack.NewButtonBlockElement(ActionUnsubscribe, d.Member+"|off", plain(catalog.T(d.Lang, "unsubscribe"))).
		WithStyle(slack.StyleDanger))
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

// Message is the digest as the outbox sends it.
func (d Digest) Message(daily bool) outbox.Message {
	raw, _ := json.Marshal(d.Blocks(daily)) // blocks of strings always marshal
	return outbox.Message{Text: d.Text(), Blocks: raw}
}

// escape keeps channel text from being read as Slack markup (links,
// mentions, broadcasts) inside the digest's own.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
