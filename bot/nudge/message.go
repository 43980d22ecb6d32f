package nudge

import (
	"strings"

	"praxis/bot"
	"praxis/bot/i18n"
)

// The kinds of nudges.
const (
	Welcome  = "welcome"  // a newcomer joined one of the community's channels
	Reader   = "reader"   // a member who has only read for a while: one easy step
	Reengage = "reengage" // a regular gone quiet: a question they could answer
	Thank    = "thank"    // a member whose answer was accepted
)

var catalog = i18n.Catalog{
	"en": {
		"welcome":  ":wave: Welcome to *%s*!",
		"vocation": "What we are about: %s",
		"introduce": "Say hello in %s: who you are, what you work on, and what you would like to learn. " +
			"One or two lines are plenty.",
		"meet": "People worth meeting: %s. They answer many of the community's questions.",
		"pins": "Start with what the community pinned:",
		"reader": ":seedling: You have been following *%s* for a while. " +
			"Here is one easy way to join in: this question in %s is still waiting for an answer.",
		"reader_step": "Even a partial answer, a link or an :eyes: reaction helps the person who asked.",
		"reengage": ":wave: *%s* misses you! " +
			"This question in %s is right up your street, and nobody has answered it yet:",
		"reengage_step": "A few words from you would make someone's day.",
		"thank": ":raised_hands: Thank you! Your answer in %s was accepted by the person who asked. " +
			"That is what makes *%s* worth belonging to.",
		"question_quote": ">%s",
	},
	"fr": {
		"welcome":  ":wave: Bienvenue dans *%s* !",
		"vocation": "Notre raison d'être : %s",
		"introduce": "Présentez-vous dans %s : qui vous êtes, sur quoi vous travaillez, ce que vous aimeriez apprendre. " +
			"Une ou deux lignes suffisent.",
		"meet": "Des personnes à rencontrer : %s. Elles répondent à de nombreuses questions de la communauté.",
		"pins": "Pour commencer, ce que la communauté a épinglé :",
		"reader": ":seedling: Vous suivez *%s* depuis un moment. " +
			"Voici une façon simple de participer : cette question dans %s attend encore une réponse.",
		"reader_step": "Même une réponse partielle, un lien ou une réaction :eyes: aide la personne qui l'a posée.",
		"reengage": ":wave: *%s* pense à vous ! " +
			"Cette question dans %s est tout à fait dans vos cordes, et personne n'y a encore répondu :",
		"reengage_step": "Quelques mots de votre part feraient plaisir.",
		"thank": ":raised_hands: Merci ! Votre réponse dans %s a été acceptée par la personne qui posait la question. " +
			"C'est ce qui fait la valeur de *%s*.",
		"question_quote": ">%s",
	},
}

// Content is what a nudge says, as text; the Slack edge makes it a DM.
type Content struct {
	Kind      string
	Lang      string
	Community string
	Vocation  string
	Channel   string   // welcome: where to say hello; others: the question's channel
	People    []string // welcome: member IDs to meet
	Pins      []Pin    // welcome: the community's pinned resources
	Question  string   // reader, reengage: the question's text, as stored
	Link      string   // reader, reengage, thank: the question's thread
	// Names are the names the quoted texts show for the people and
	// channels they mention.
	Names bot.Names
}

// Pin is a pinned message a welcome points to.
type Pin struct {
	Text string // the message's text, as stored; its first line is shown
	Link string // permalink
}

// How much of a quoted text a nudge shows, in characters.
const (
	maxQuestion = 200
	maxPin      = 80
)

// Text renders the nudge as plain text (the notification, and the dry run).
func (c Content) Text() string {
	lang, ch, community := c.Lang, "<#"+c.Channel+">", bot.Escape(c.Community)
	var lines []string
	switch c.Kind {
	case Welcome:
		lines = append(lines, catalog.T(lang, "welcome", community))
		if c.Vocation != "" {
			lines = append(lines, catalog.T(lang, "vocation", bot.Escape(c.Vocation)))
		}
		if len(c.Pins) > 0 {
			lines = append(lines, catalog.T(lang, "pins"))
			for _, p := range c.Pins {
				title, _, _ := strings.Cut(strings.TrimSpace(p.Text), "\n") // its first line, a title
				lines = append(lines, "• <"+p.Link+"|"+bot.Quote(title, bot.Label, maxPin, c.Names)+">")
			}
		}
		lines = append(lines, catalog.T(lang, "introduce", ch))
		if len(c.People) > 0 {
			lines = append(lines, catalog.T(lang, "meet", mentions(c.People)))
		}
	case Reader, Reengage:
		lines = append(lines, catalog.T(lang, c.Kind, community, ch),
			catalog.T(lang, "question_quote", bot.Quote(c.Question, bot.Mrkdwn, maxQuestion, c.Names)))
		if c.Link != "" {
			lines = append(lines, c.Link)
		}
		lines = append(lines, catalog.T(lang, c.Kind+"_step"))
	case Thank:
		// The thread's link on a line of its own, as with a question: a
		// link whose label is a channel link (<url|<#C…>>) nests markup
		// Slack does not render.
		lines = append(lines, catalog.T(lang, "thank", ch, community))
		if c.Link != "" {
			lines = append(lines, c.Link)
		}
	}
	return strings.Join(lines, "\n")
}

func mentions(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "<@" + id + ">"
	}
	return strings.Join(out, ", ")
}
