package command

import "fmt"

// catalog holds every sentence Praxis says, in English and French. A test
// checks that both languages have every key with the same placeholders.
var catalog = map[string]map[string]string{
	"en": {
		"help": "*Praxis* keeps your community of practice alive.\n" +
			"• `/praxis status`: what Praxis has recorded for this channel's community\n" +
			"• `/praxis help`: this help\n" +
			"You can also mention @Praxis or write to it directly.",
		"unknown":         "I don't know the command `%s` yet.",
		"status_unmapped": "This channel is not part of a community Praxis follows. A facilitator can add it to the configuration.",
		"status":          "*%s*: %d members seen, %d messages, %d thread replies, %d reactions, %d resources shared.",
	},
	"fr": {
		"help": "*Praxis* fait vivre votre communauté de pratique.\n" +
			"• `/praxis statut` : ce que Praxis a enregistré pour la communauté de ce canal\n" +
			"• `/praxis aide` : cette aide\n" +
			"Vous pouvez aussi mentionner @Praxis ou lui écrire directement.",
		"unknown":         "Je ne connais pas encore la commande `%s`.",
		"status_unmapped": "Ce canal ne fait partie d'aucune communauté suivie par Praxis. Un animateur peut l'ajouter à la configuration.",
		"status":          "*%s* : %d membres vus, %d messages, %d réponses en fil, %d réactions, %d ressources partagées.",
	},
}

// T returns the sentence key in lang (English when lang is unknown),
// formatted with args.
func T(lang, key string, args ...any) string {
	c, ok := catalog[lang]
	if !ok {
		c = catalog["en"]
	}
	s, ok := c[key]
	if !ok {
		s = catalog["en"][key]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
