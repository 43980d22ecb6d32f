package command

import "praxis/bot/i18n"

// catalog holds the sentences of commands, in English and French: the help
// lines the routes name (Route.Help), the help's first and last lines, the
// built-in answers and the refusal of a facilitator's button. A test checks
// that both languages have every key with the same placeholders.
var catalog = i18n.Catalog{
	"en": {
		"help_intro": "*Praxis* keeps your community of practice alive.",
		"help_expert": "• `/praxis expert how do we rotate TLS certificates?`: who knows, with their past answers " +
			"(or just ask me \"who knows about …?\")\n" +
			"• `/praxis expert off`: never suggest me as an expert (`/praxis expert on` to undo)",
		"help_skills": "• `/praxis skills add kubernetes`: declare a skill; `/praxis skills` lists yours, " +
			"`/praxis skills remove kubernetes` forgets one",
		"help_status": "• `/praxis status`: what Praxis has recorded for this channel's community",
		"help_digest": "• `/praxis digest weekly`: your personal digest `daily`, `weekly`, `monthly`, `off`, " +
			"or `on` (your community's rhythm)",
		"help_nudges": "• `/praxis nudges off`: no more nudges from Praxis (`/praxis nudges on` to undo)",
		"help_recognition": "• `/praxis recognition off`: never name me in the monthly thanks of helpers " +
			"(`/praxis recognition on` to undo)",
		"help_report": "• `/praxis report Security guild`: facilitators: the community's report of the week " +
			"so far, by direct message; `/praxis report sponsor`: sponsors: the communities' last month",
		"help_privacy": "• `/praxis privacy`: what Praxis stores about you; `/praxis export` sends it to you as " +
			"a file, `/praxis forget` erases it, `/praxis pause` stops recording your messages' text " +
			"(`/praxis resume` to undo)",
		"help_home": "• Praxis's *Home* tab (click Praxis in the sidebar): your communities, your week, " +
			"your expertise and every setting above",
		"help_help":  "• `/praxis help`: this help",
		"help_outro": "You can also mention @Praxis or write to it directly.",
		"unknown":    "I don't know the command `%s` yet.",
		"status_unmapped": "This channel is not part of a community Praxis follows. " +
			"A facilitator can add it to the configuration.",
		"status":           "*%s*: %s.",
		"st_members":       "%d members seen",
		"st_members_one":   "%d member seen",
		"st_messages":      "%d messages",
		"st_messages_one":  "%d message",
		"st_replies":       "%d thread replies",
		"st_replies_one":   "%d thread reply",
		"st_reactions":     "%d reactions",
		"st_reactions_one": "%d reaction",
		"st_resources":     "%d resources shared",
		"st_resources_one": "%d resource shared",
		"not_facilitator":  "Only the facilitators of %s can do this.",
	},
	"fr": {
		"help_intro": "*Praxis* fait vivre votre communauté de pratique.",
		"help_expert": "• `/praxis expert comment renouveler les certificats TLS ?` : qui s'y connaît, " +
			"avec ses réponses passées (ou demandez-moi simplement « qui s'y connaît en … ? »)\n" +
			"• `/praxis expert off` : ne jamais me suggérer comme expert·e (`/praxis expert on` pour revenir)",
		"help_skills": "• `/praxis compétences ajouter kubernetes` : déclarer une compétence ; " +
			"`/praxis compétences` les liste, `/praxis compétences retirer kubernetes` en retire une",
		"help_status": "• `/praxis statut` : ce que Praxis a enregistré pour la communauté de ce canal",
		"help_digest": "• `/praxis résumé hebdo` : votre résumé personnel `quotidien`, `hebdo`, `mensuel`, " +
			"`off` ou `on` (le rythme de votre communauté)",
		"help_nudges": "• `/praxis relances non` : plus de relances de Praxis (`/praxis relances oui` pour revenir)",
		"help_recognition": "• `/praxis reconnaissance non` : ne jamais me citer dans les remerciements " +
			"du mois (`/praxis reconnaissance oui` pour revenir)",
		"help_report": "• `/praxis rapport Guilde sécurité` : le rapport de la communauté " +
			"sur la semaine en cours, en message direct (réservé aux animateurs) ; " +
			"`/praxis rapport sponsor` : le mois écoulé des communautés (réservé aux sponsors)",
		"help_privacy": "• `/praxis confidentialité` : ce que Praxis conserve à votre sujet ; " +
			"`/praxis exporter` vous l'envoie dans un fichier, `/praxis oublier` l'efface, " +
			"`/praxis pause` arrête l'enregistrement du texte de vos messages (`/praxis reprendre` pour revenir)",
		"help_home": "• L'onglet *Accueil* de Praxis (cliquez sur Praxis dans la barre latérale) : " +
			"vos communautés, votre semaine, votre expertise et tous les réglages ci-dessus",
		"help_help":  "• `/praxis aide` : cette aide",
		"help_outro": "Vous pouvez aussi mentionner @Praxis ou lui écrire directement.",
		"unknown":    "Je ne connais pas encore la commande `%s`.",
		"status_unmapped": "Ce canal ne fait partie d'aucune communauté suivie par Praxis. " +
			"Un animateur peut l'ajouter à la configuration.",
		"status":           "*%s* : %s.",
		"st_members":       "%d membres vus",
		"st_members_one":   "%d membre vu",
		"st_messages":      "%d messages",
		"st_messages_one":  "%d message",
		"st_replies":       "%d réponses dans les fils",
		"st_replies_one":   "%d réponse dans un fil",
		"st_reactions":     "%d réactions",
		"st_reactions_one": "%d réaction",
		"st_resources":     "%d ressources partagées",
		"st_resources_one": "%d ressource partagée",
		"not_facilitator":  "Seuls les animateurs de %s peuvent faire cela.",
	},
}

// T returns the sentence key in lang (English when lang is unknown),
// formatted with args.
func T(lang, key string, args ...any) string { return catalog.T(lang, key, args...) }
