// Package slackedge is expert finding's Slack edge: what turns the engine
// of bot/expert (the index, the ranking, their reasons) into Slack. The
// Asker answers `/praxis expert`, `skills`, plain words and the "Find an
// expert" shortcut in Block Kit with buttons; the Tracker, a dispatch
// handler, follows the questions asked in community channels; the Router
// invites experts into those left unanswered, then tells the facilitators.
// They write through store.Tx and post through the outbox; the engine does
// neither.
package slackedge

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/store"
)

// Interaction ids: the message shortcut and the answer's buttons.
const (
	ShortcutFindExpert = "find_expert"
	ActionInvite       = "expert_invite"
	ActionNotHelpful   = "expert_not_helpful"
)

// Asker answers members who ask Praxis who knows: the /praxis expert
// command, an @mention or a DM in plain words ("who knows about…?"), and the
// "Find an expert" message shortcut; and the answer's buttons (Routes).
type Asker struct {
	eng     *expert.Engine
	st      *store.Store
	dir     *bot.Directory // the communities, and the language each member reads
	teamURL string
	suggest int
}

// NewAsker returns an Asker. teamURL is the workspace's URL for permalinks
// ("" for Slack's generic links); suggest is how many people to suggest.
func NewAsker(eng *expert.Engine, st *store.Store, dir *bot.Directory, teamURL string, suggest int) *Asker {
	if suggest <= 0 {
		suggest = 3
	}
	return &Asker{eng: eng, st: st, dir: dir, teamURL: teamURL, suggest: suggest}
}

var askCatalog = i18n.Catalog{
	"en": {
		"intro": "Who knows about *%s*:",
		"nobody": "Nobody stands out for *%s* yet. Ask in your community's channel: " +
			"I will follow the question and invite experts if it stays unanswered.",
		"regulars": "Nobody stands out on *%s*: no past thread matches it well. " +
			"These members answer questions regularly and may know who does:",
		"threads":      "Already answered:",
		"invite":       "Ask them in a thread",
		"not_helpful":  "Not helpful",
		"invited":      "Done: I asked %s in the thread.",
		"invite_none":  "Everyone suggested was already asked about this question.",
		"noted":        "Thanks, noted. This helps Praxis suggest better people.",
		"ask_post":     "<@%s> is looking for help: _%s_\n%s, you answered similar questions: could you help here?",
		"empty":        "Ask me a question, e.g. `/praxis expert how do we rotate TLS certificates?`",
		"skills_list":  "Your declared skills: %s. Add one with `/praxis skills add kubernetes`.",
		"skills_none":  "You have not declared any skill. Add one with `/praxis skills add kubernetes`.",
		"skill_added":  "Added *%s* to your skills. Praxis gives it weight once your answers back it.",
		"skill_gone":   "Removed *%s* from your skills.",
		"skill_absent": "*%s* is not among your skills.",
		"suggest_off":  "Praxis will no longer suggest you as an expert. `/praxis expert on` to undo.",
		"suggest_on":   "Praxis may suggest you as an expert again.",
		"expired":      "This answer is too old to act on; ask again.",
		"not_yours":    "These buttons belong to the member who asked.",
		"invite_dm": "I only ask people in a community channel, since what you tell me here stays private. Post your " +
			"question in your community's channel: I will follow it and invite experts if it stays unanswered.",
		"skill_bad": "A skill is a few plain words (60 characters at most, " +
			"no formatting), e.g. `/praxis skills add kubernetes`.",
	},
	"fr": {
		"intro": "Qui s'y connaît en *%s* :",
		"nobody": "Personne ne se distingue encore sur *%s*. Posez la question dans le canal de votre " +
			"communauté : je la suivrai et j'inviterai des experts si elle reste sans réponse.",
		"regulars": "Personne ne se distingue sur *%s* : aucun fil passé n'y correspond vraiment. " +
			"Ces membres répondent régulièrement aux questions et sauront peut-être qui s'y connaît :",
		"threads":     "Déjà abordé dans ces fils :",
		"invite":      "Les solliciter dans le fil",
		"not_helpful": "Pas utile",
		"invited":     "C'est fait : j'ai sollicité %s dans le fil.",
		"invite_none": "Toutes les personnes suggérées ont déjà été sollicitées pour cette question.",
		"noted":       "Merci, c'est noté. Cela aide Praxis à mieux choisir qui suggérer.",
		"ask_post": "<@%s> cherche de l'aide : _%s_\n%s, vous avez répondu " +
			"à des questions proches : pourriez-vous aider ici ?",
		"empty":       "Posez-moi une question, par exemple `/praxis expert comment renouveler les certificats TLS ?`",
		"skills_list": "Vos compétences déclarées : %s. Ajoutez-en une avec `/praxis compétences ajouter kubernetes`.",
		"skills_none": "Vous n'avez déclaré aucune compétence. Ajoutez-en " +
			"une avec `/praxis compétences ajouter kubernetes`.",
		"skill_added":  "Compétence *%s* ajoutée. Praxis lui donne du poids quand vos réponses la confirment.",
		"skill_gone":   "Compétence *%s* retirée.",
		"skill_absent": "*%s* ne fait pas partie de vos compétences.",
		"suggest_off":  "Praxis ne vous suggérera plus comme expert·e. `/praxis expert on` pour revenir.",
		"suggest_on":   "Praxis peut de nouveau vous suggérer comme expert·e.",
		"expired":      "Cette réponse est trop ancienne pour y donner suite ; reposez la question.",
		"not_yours":    "Ces boutons sont réservés à la personne qui a posé la question.",
		"invite_dm": "Je ne sollicite des personnes que dans un canal de communauté, car ce que vous " +
			"me dites ici reste privé. Posez votre question dans le canal de votre communauté : " +
			"je la suivrai et j'inviterai des experts si elle reste sans réponse.",
		"skill_bad": "Une compétence, c'est quelques mots simples (60 caractères au plus, " +
			"sans mise en forme), par exemple `/praxis compétences ajouter kubernetes`.",
	},
}

// askPattern recognises a plain-words request: "who knows about X",
// "qui connaît X"…; the group is the question.
var askPattern = regexp.MustCompile(`(?is)^\s*(?:` +
	`who\s+(?:knows|can\s+help|is\s+(?:an\s+)?expert)\s+(?:(?:about|on|with|in)\s+)?` +
	`|any\s+experts?\s+(?:on|in|about)\s+` +
	`|qui\s+(?:conna[iî]t|s['’]y\s+conna[iî]t|sait|peut\s+(?:m['’]|nous\s+)?aider)\s+(?:(?:en|sur|avec|a|à)\s+)?` +
	`|un\s+expert\s+(?:en|sur|de)\s+` +
	`)(.*)$`)

// query is the engine's query for a request.
func (a *Asker) query(ev bot.Event, text, thread string) expert.Query {
	channel := ev.Channel
	if strings.HasPrefix(channel, "D") {
		channel = ""
	}
	return expert.Query{
		Text:      text,
		Asker:     ev.User,
		Viewer:    ev.User,
		Channel:   channel,
		ThreadTS:  thread,
		Limit:     a.suggest,
		Available: true,
		Now:       a.eng.Now(),
	}
}

// ask ranks for a request whose question is text, and returns the step
// that logs the query and answers; logged is what the query log keeps of
// the question, thread its message when there is one (a mention, a
// shortcut). A ranking that fails (the index still loading past the
// deadline) fails the request, which is tried again later.
func (a *Asker) ask(ctx context.Context, r command.Request, text, logged, thread string) (dispatch.Step, error) {
	ev, lang := r.Event, r.Lang
	text = queryText(text)
	if text == "" {
		return a.reply(r, outbox.Message{Text: askCatalog.T(lang, "empty")}), nil
	}
	if ev.Kind == bot.KindMention && thread == "" {
		thread = threadOf(ev)
	}
	q := a.query(ev, text, thread)
	res, err := a.eng.Rank(ctx, q)
	if err != nil {
		return nil, err
	}
	names := a.names(ctx)
	var ranked []string
	for _, c := range res.Shown() {
		ranked = append(ranked, c.User)
	}
	source := map[bot.Kind]string{bot.KindCommand: "command", bot.KindMention: "mention", bot.KindDirect: "dm",
		bot.KindAction: "shortcut"}[ev.Kind]
	logEntry := store.ExpertQuery{
		Asker: ev.User, ChannelID: q.Channel, ThreadTS: thread, Text: strings.TrimSpace(stripMarkup(logged)),
		Community: res.Community, Ranked: ranked, Source: source, AskedAt: q.Now,
	}
	return func(ctx context.Context, tx *store.Tx) error {
		a.eng.Metrics().ExpertQueries.WithLabelValues(source).Inc()
		id, err := tx.AddExpertQuery(ctx, logEntry)
		if err != nil {
			return err
		}
		return a.reply(r, a.render(res, lang, id, q.Now, names))(ctx, tx)
	}, nil
}

// maxQuoted bounds a question quoted in an answer or an invitation, in
// characters.
const maxQuoted = 160

// names are the names quotes show, read from the store as needed.
func (a *Asker) names(ctx context.Context) bot.Names {
	n := a.st.Names(ctx)
	return bot.Names{Member: n.Member, Channel: n.Channel}
}

// render builds the answer: the people with their reasons and best threads,
// the past threads (quoted with names), and the buttons.
func (a *Asker) render(res expert.Result, lang string, queryID int64, now time.Time, names bot.Names) outbox.Message {
	topic := bot.Escape(res.Topic) // the asker's own words (decoded), or a configured topic: text
	if topic == "" {
		topic = "…"
	}
	shown := res.Shown()
	if len(shown) == 0 && len(res.Threads) == 0 {
		return outbox.Message{Text: askCatalog.T(lang, "nobody", topic)}
	}
	var text strings.Builder
	var blocks []slack.Block
	intro := askCatalog.T(lang, "intro", topic)
	if res.Weak {
		intro = askCatalog.T(lang, "regulars", topic)
	}
	text.WriteString(intro + "\n")
	blocks = append(blocks, section(intro))
	for i, c := range shown {
		var b strings.Builder
		fmt.Fprintf(&b, "*%d. <@%s>*", i+1, c.User)
		for _, r := range escaped(c).Reasons(lang, bot.Escape(res.Community), now) {
			b.WriteString("\n• " + r)
		}
		if len(c.Best) > 0 {
			b.WriteString("\n")
			for j, t := range c.Best {
				if j > 0 {
					b.WriteString(" · ")
				}
				fmt.Fprintf(&b, "<%s|#%s>", expert.Permalink(a.teamURL, t), bot.Escape(t.Channel))
			}
		}
		text.WriteString(b.String() + "\n")
		blocks = append(blocks, section(b.String()))
	}
	if len(res.Threads) > 0 {
		var b strings.Builder
		b.WriteString("*" + askCatalog.T(lang, "threads") + "*")
		for _, t := range res.Threads {
			mark := ""
			if t.Resolved {
				mark = " ✅"
			}
			quoted := bot.Quote(t.Text, bot.Label, maxQuoted, names)
			fmt.Fprintf(&b, "\n• <%s|%s>%s — #%s, %s", expert.Permalink(a.teamURL, t.ThreadRef), quoted,
				mark, bot.Escape(t.Channel), expert.Ago(lang, t.At, now))
		}
		text.WriteString(b.String() + "\n")
		blocks = append(blocks, section(b.String()))
	}
	id := strconv.FormatInt(queryID, 10)
	var buttons []slack.BlockElement
	if len(shown) > 0 && !res.Weak { // the invitation says they answered similar questions
		invite := button(ActionInvite, id, askCatalog.T(lang, "invite"))
		buttons = append(buttons, invite.WithStyle(slack.StylePrimary))
	}
	buttons = append(buttons, button(ActionNotHelpful, id, askCatalog.T(lang, "not_helpful")))
	blocks = append(blocks, slack.NewActionBlock("expert_actions", buttons...))
	raw, _ := json.Marshal(blocks)
	return outbox.Message{Text: text.String(), Blocks: raw}
}

// threadOf is the thread a message is in: its parent's ts for a reply,
// its own for a top-level message.
func threadOf(ev bot.Event) string {
	if ev.ThreadTS != "" {
		return ev.ThreadTS
	}
	return ev.TS
}

// section is a Markdown section block.
func section(text string) *slack.SectionBlock {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil)
}

// button is a plain-text button carrying value.
func button(actionID, value, label string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value, slack.NewTextBlockObject(slack.PlainTextType, label, false, false))
}

var markup = regexp.MustCompile(`<[@#!][^>]*>`)

// stripMarkup removes mentions and channel links from a question.
func stripMarkup(s string) string { return strings.TrimSpace(markup.ReplaceAllString(s, "")) }

// queryText is a request's text as Slack sent it, as the query searched and
// the topic shown: mentions and channel links dropped (they name no
// topic), entities and links decoded once ("charts &amp; on-call" asks
// about charts & on-call).
func queryText(s string) string { return bot.Quote(stripMarkup(s), bot.Plain, 0, bot.Names{}) }

// escaped is c with what its reasons show from outside escaped for Slack:
// its channel's name, its skills and the query's words it names.
func escaped(c expert.Candidate) expert.Candidate {
	c.Channel = bot.Escape(c.Channel)
	for _, list := range []*[]string{&c.Skills, &c.Matched, &c.Missing} {
		*list = slices.Clone(*list)
		for i, s := range *list {
			(*list)[i] = bot.Escape(s)
		}
	}
	return c
}
