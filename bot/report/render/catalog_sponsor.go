package render

import "praxis/bot/i18n"

// sponsorCatalog holds the words of the sponsors' report (RenderSponsor,
// SponsorBlocks), in English and French.
var sponsorCatalog = i18n.Catalog{
	"en": {
		"sponsor.title":    "Communities of practice — %s",
		"sponsor.compared": "Changes are against %s.",
		"sponsor.footer": "Every figure is defined, with its formula, in docs/metrics.md " +
			"(the sponsors' report section).",
		"sponsor.summary":   "The communities' month, %s: %s",
		"sponsor.none":      "No community to report on.",
		"sponsor.page":      "%s: the page to open, print or forward",
		"sponsor.more":      "…and %d more communities: `praxis report --sponsor --format html` shows them all.",
		"sponsor.more_one":  "…and %d more community: `praxis report --sponsor --format html` shows them all.",
		"sponsor.sec.side":  "The communities side by side",
		"sponsor.chunk":     "Communities %d to %d of %d",
		"sponsor.sec.cross": "Answers across teams and sites",
		"sponsor.crossing.help": "Answers to a colleague's question, counted once per answerer and question. " +
			"Teams and sites come from the Slack profiles' fields; an answer crosses when both sides' are " +
			"known and differ.",
		"sponsor.marks.help": "The six marks of a living community of practice, over the month, " +
			"with their change since the previous month.",
		"col.community":         "Community",
		"col.known":             "Both sides known",
		"col.teams":             "Across teams",
		"col.sites":             "Across sites",
		"col.crossed":           "Across either",
		"fig.members":           "Members",
		"fig.crossed_answers":   "Answers across teams or sites",
		"fig.new_contributors":  "Newcomers turned contributors",
		"sponsor.sec.thanked":   "Thanked this month",
		"sponsor.thanked.line":  "%s: %s",
		"sponsor.thanked.none":  "Nobody's answer was accepted or thanked this month.",
		"sponsor.thanked.slack": ":raised_hands: Thanked this month: %s",
		// The page's definitions of the sponsors' figures (see definitions.go).
		"def.thanked_helpers": "Thanked this month",
		"def.thanked_helpers.text": "The members the community's monthly thanks names: those whose answers the " +
			"askers accepted (✅) or thanked in the month, ranked by those, never by how many messages they wrote. " +
			"A member who asked not to be named, who opted out of being suggested, paused or was forgotten is " +
			"never named.",
		"def.crossed_answers": "Answers across teams or sites",
		"def.crossed_answers.text": "Answers given in the period to a colleague's question whose asker and " +
			"answerer both have a team, or both a site, in their Slack profiles, and differ in either; with their " +
			"share of the answers whose sides are known.",
		"def.new_contributors": "Newcomers turned contributors",
		"def.new_contributors.text": "Members who first joined one of the community's channels in the 12 weeks " +
			"before the period's end and who reached the contributor or core level during the period.",
		"def.crossing_answers":      "Answers",
		"def.crossing_answers.text": "Replies in the period to someone else's question, one per person and question.",
		"def.crossing_known":        "Both sides known",
		"def.crossing_known.text": "Of those answers, the ones whose asker and answerer both have a team, or both " +
			"a site, in their Slack profiles: only these can be said to cross or not.",
		"def.crossing_teams":      "Across teams",
		"def.crossing_teams.text": "Answers whose asker and answerer are in different teams, both known.",
		"def.crossing_sites":      "Across sites",
		"def.crossing_sites.text": "Answers whose asker and answerer work at different sites, both known.",
	},
	"fr": {
		"sponsor.title":    "Communautés de pratique — %s",
		"sponsor.compared": "Évolutions par rapport à %s.",
		"sponsor.footer": "Chaque chiffre est défini, avec sa formule, dans docs/metrics.md " +
			"(section du rapport aux sponsors).",
		"sponsor.summary":   "Le mois des communautés, %s : %s",
		"sponsor.none":      "Aucune communauté à présenter.",
		"sponsor.page":      "%s : la page à ouvrir, imprimer ou transmettre",
		"sponsor.more":      "…et %d autres communautés : `praxis report --sponsor --format html` les montre toutes.",
		"sponsor.more_one":  "…et %d autre communauté : `praxis report --sponsor --format html` les montre toutes.",
		"sponsor.sec.side":  "Les communautés côte à côte",
		"sponsor.chunk":     "Communautés %d à %d sur %d",
		"sponsor.sec.cross": "Réponses entre équipes et entre sites",
		"sponsor.crossing.help": "Réponses à la question d'un collègue, comptées une fois par personne et par " +
			"question. Équipes et sites viennent des champs des profils Slack ; une réponse les traverse quand " +
			"ceux des deux personnes sont connus et diffèrent.",
		"sponsor.marks.help": "Les six marques d'une communauté de pratique vivante, sur le mois, " +
			"avec leur évolution depuis le mois précédent.",
		"col.community":         "Communauté",
		"col.known":             "Deux côtés connus",
		"col.teams":             "Entre équipes",
		"col.sites":             "Entre sites",
		"col.crossed":           "Équipe ou site différent",
		"fig.members":           "Membres",
		"fig.crossed_answers":   "Réponses entre équipes ou sites",
		"fig.new_contributors":  "Arrivants devenus contributeurs",
		"sponsor.sec.thanked":   "Remerciés ce mois-ci",
		"sponsor.thanked.line":  "%s : %s",
		"sponsor.thanked.none":  "Aucune réponse acceptée ni remerciée ce mois-ci.",
		"sponsor.thanked.slack": ":raised_hands: Remerciés ce mois-ci : %s",
		"def.thanked_helpers":   "Remerciés ce mois-ci",
		"def.thanked_helpers.text": "Les membres que nomment les remerciements du mois de la communauté : ceux dont " +
			"les réponses ont été acceptées (✅) ou remerciées par les personnes qui posaient la question, classés " +
			"ainsi et jamais au nombre de messages. Un membre qui a demandé à ne pas être cité, qui ne veut pas être " +
			"suggéré, qui a mis Praxis en pause ou a été oublié n'est jamais nommé.",
		"def.crossed_answers": "Réponses entre équipes ou sites",
		"def.crossed_answers.text": "Réponses données sur la période à la question d'un collègue, quand la personne " +
			"qui demande et celle qui répond ont chacune une équipe, ou chacune un site, dans leur profil Slack, " +
			"et qu'ils diffèrent ; avec leur part parmi les réponses dont les deux côtés sont connus.",
		"def.new_contributors": "Arrivants devenus contributeurs",
		"def.new_contributors.text": "Membres arrivés pour la première fois dans l'un des canaux de la communauté " +
			"dans les 12 semaines avant la fin de la période, et passés au niveau contributeur ou cœur sur la période.",
		"def.crossing_answers": "Réponses",
		"def.crossing_answers.text": "Réponses de la période à la question de quelqu'un d'autre, une par personne " +
			"et par question.",
		"def.crossing_known": "Deux côtés connus",
		"def.crossing_known.text": "Parmi ces réponses, celles où la personne qui demande et celle qui répond " +
			"ont chacune une équipe, ou chacune un site, dans leur profil Slack : elles seules peuvent traverser " +
			"ou non.",
		"def.crossing_teams":      "Entre équipes",
		"def.crossing_teams.text": "Réponses où les deux personnes sont dans des équipes différentes, toutes deux connues.",
		"def.crossing_sites":      "Entre sites",
		"def.crossing_sites.text": "Réponses où les deux personnes travaillent sur des sites différents, tous deux connus.",
	},
}
