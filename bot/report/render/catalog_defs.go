package render

import "praxis/bot/i18n"

// defsCatalog holds the definitions the HTML page shows under "How these
// are counted": for each figure of definitions, "def.<id>" is its name and
// "def.<id>.text" how it is counted, in words a facilitator reads on a phone
// (docs/metrics.md keeps the formulas).
var defsCatalog = i18n.Catalog{
	"en": {
		"defs.title":  "How these are counted",
		"defs.intro":  "Each figure's name in this report leads here.",
		"defs.footer": "Administrators find the formulas in Praxis's documentation, docs/metrics.md.",
		"defs.link":   "how it is counted",

		"def.active_members": "Active members",
		"def.active_members.text": "Members who posted (a message or a thread reply) or reacted in the community's " +
			"channels in the period.",
		"def.new_members": "New members",
		"def.new_members.text": "Members who joined one of the community's channels for the first time in the " +
			"period; someone who leaves and comes back is not new again.",
		"def.messages":        "Messages",
		"def.messages.text":   "Messages and thread replies posted in the period, deleted ones included.",
		"def.questions_asked": "Questions asked",
		"def.questions_asked.text": "Messages of the period that ask for knowledge (a request for action, such as a " +
			"call for volunteers, is not a question).",
		"def.answered_percent": "Questions answered",
		"def.answered_percent.text": "A question is answered when someone other than the asker replied to it before " +
			"the end of the period, in its thread or, where people answer in the channel, in the channel. The " +
			"headline gives the share of the period's questions, the Questions section their number.",
		"def.median_first_answer_hours": "Median first answer",
		"def.median_first_answer_hours.text": "Half of the period's answered questions had their first answer " +
			"within this time, counted in the community's working hours (evenings, weekends and holidays do not " +
			"count).",
		"def.p90_first_answer_hours": "9 in 10 answered within",
		"def.p90_first_answer_hours.text": "Nine in ten of the period's answered questions had their first answer " +
			"within this time, in working hours.",
		"def.open_questions": "Open questions",
		"def.open_questions.text": "Questions asked in the 90 days before the end of the period, still without an " +
			"answer and not resolved.",
		"def.open_this_period":      "Open questions asked this period",
		"def.open_this_period.text": "Of the open questions, those asked in the period: the ones to act on this week.",
		"def.resources":             "Resources shared",
		"def.resources.text":        "Links and files members shared in the period.",
		"def.members":               "Members",
		"def.members.text": "Everyone in one of the community's channels at the end of the period, and those active " +
			"in the 12 weeks before who never left; deactivated accounts are not counted.",
		"def.returning": "Came back",
		"def.returning.text": "Members active in the period, not in the previous one, but active in the 12 weeks " +
			"before it.",
		"def.gone_quiet":      "Gone quiet",
		"def.gone_quiet.text": "Members active in the previous period, not in this one, and still members.",
		"def.levels":          "Levels",
		"def.levels.text": "Over the last 12 weeks: core members posted in 6 weeks or more and replied 6 times or " +
			"more in others' threads; contributors posted in 3 weeks or replied 3 times; participants posted at " +
			"least once; observers posted nothing (reading and reacting is how they take part).",
		"def.top_messages": "Messages (contributions)",
		"def.top_messages.text": "Messages that start a conversation, posted in the period; thread replies are " +
			"counted apart.",
		"def.replies":        "Thread replies",
		"def.replies.text":   "Replies posted in threads in the period, those also sent to the channel included.",
		"def.reactions":      "Reactions",
		"def.reactions.text": "Emoji reactions members added in the period.",
		"def.resolved":       "Resolved",
		"def.resolved.text": "Of the questions asked in the period, those whose asker ticked an answer, thanked " +
			"someone in the thread or marked the question solved, before the end of the period.",
		"def.waiting":      "Waiting",
		"def.waiting.text": "How long the question had waited at the end of the period, in calendar time.",
		"def.slipping":     "Members gone quiet",
		"def.slipping.text": "Regulars (2 activities a week or more, messages and reactions, over the 8 weeks from " +
			"12 to 4 weeks ago) whose weekly activity over the last 4 weeks fell to a third of that or less.",
		"def.accepted": "Accepted",
		"def.accepted.text": "Questions resolved in the period by the asker ticking an answer, credited to the " +
			"first person who answered.",
		"def.thanked": "Thanked",
		"def.thanked.text": "Questions resolved in the period by the asker thanking in the thread after an answer, " +
			"credited to the first person who answered.",
		"def.answers":        "Answers",
		"def.answers.text":   "Questions of others this member replied to in the period.",
		"def.absence_factor": "Absence factor",
		"def.absence_factor.text": "The fewest members whose messages make up half of the period's: 1 or 2 means " +
			"the community rests on very few people.",
		"def.nudges_sent":        "Nudges sent",
		"def.nudges_sent.text":   "Direct messages Praxis sent to the community's members in the period.",
		"def.nudged_contributed": "Nudged who contributed",
		"def.nudged_contributed.text": "Of the nudges sent over the last 12 weeks (up to 7 days before the end of " +
			"the period), those whose member posted or reacted within the 7 days after.",
		"def.holdout_contributed": "Holdout who contributed",
		"def.holdout_contributed.text": "Praxis holds back some of the nudges it decides on, to compare: of those, " +
			"the ones whose member posted or reacted within 7 days all the same.",
		"def.lift": "Lift",
		"def.lift.text": "Share of nudged members who contributed minus share of the held out, in percentage " +
			"points; given only with 30 nudges or more in each group and a difference unlikely to be chance " +
			"(p under 0.05).",
		"def.connected": "Connected",
		"def.connected.text": "Of all the pairs of members who took part, the share where one replied in a thread " +
			"the other started. It falls as a community grows: compare with past weeks.",
		"def.shared_interests": "Shared interests",
		"def.shared_interests.text": "For each member who posted, the share of their words (common words set aside) " +
			"that someone else used too, averaged over members.",
		"def.cooperation":           "Cooperation",
		"def.cooperation.text":      "Replies in threads that someone else started.",
		"def.shared_resources":      "Shared resources",
		"def.shared_resources.text": "Links and files members shared.",
		"def.collective_learning":   "Collective learning",
		"def.collective_learning.text": "Questions resolved (accepted, thanked or marked solved), whenever they " +
			"were asked.",
		"def.shared_culture": "Shared culture",
		"def.shared_culture.text": "Of the members active in the 4 weeks before the last 4, the share still active " +
			"in the last 4 weeks.",
	},
	"fr": {
		"defs.title":  "Comment ces chiffres sont calculés",
		"defs.intro":  "Le nom de chaque chiffre de ce rapport renvoie ici.",
		"defs.footer": "Les administrateurs trouvent les formules dans la documentation de Praxis, docs/metrics.md.",
		"defs.link":   "comment c'est calculé",

		"def.active_members": "Membres actifs",
		"def.active_members.text": "Membres qui ont écrit (un message ou une réponse dans un fil) ou réagi dans les " +
			"canaux de la communauté sur la période.",
		"def.new_members": "Nouveaux membres",
		"def.new_members.text": "Membres arrivés pour la première fois dans l'un des canaux de la communauté sur la " +
			"période ; qui part et revient n'est pas compté une seconde fois.",
		"def.messages": "Messages",
		"def.messages.text": "Messages et réponses dans les fils publiés sur la période, y compris ceux supprimés " +
			"depuis.",
		"def.questions_asked": "Questions posées",
		"def.questions_asked.text": "Messages de la période qui demandent un savoir (une demande d'action, comme un " +
			"appel à volontaires, n'est pas une question).",
		"def.answered_percent": "Questions avec réponse",
		"def.answered_percent.text": "Une question a une réponse quand quelqu'un d'autre que son auteur y a répondu " +
			"avant la fin de la période, dans son fil ou, là où l'on répond dans le canal, dans le canal. Les " +
			"chiffres clés en donnent la part parmi les questions de la période, la partie Questions le nombre.",
		"def.median_first_answer_hours": "Première réponse (médiane)",
		"def.median_first_answer_hours.text": "La moitié des questions de la période qui ont eu une réponse l'ont " +
			"eue dans ce délai, compté en heures ouvrées de la communauté (soirées, week-ends et jours fériés exclus).",
		"def.p90_first_answer_hours": "9 sur 10 ont eu une réponse en",
		"def.p90_first_answer_hours.text": "Neuf questions sur dix de la période qui ont eu une réponse l'ont eue " +
			"dans ce délai, en heures ouvrées.",
		"def.open_questions": "Questions en attente",
		"def.open_questions.text": "Questions posées dans les 90 jours avant la fin de la période, toujours sans " +
			"réponse et non résolues.",
		"def.open_this_period": "Questions en attente posées sur la période",
		"def.open_this_period.text": "Parmi les questions en attente, celles posées sur la période : celles sur " +
			"lesquelles agir cette semaine.",
		"def.resources":      "Ressources partagées",
		"def.resources.text": "Liens et fichiers partagés par les membres sur la période.",
		"def.members":        "Membres",
		"def.members.text": "Les personnes présentes dans l'un des canaux de la communauté à la fin de la période, " +
			"et celles actives dans les 12 semaines précédentes qui ne sont pas parties ; les comptes désactivés ne " +
			"comptent pas.",
		"def.returning": "Revenus",
		"def.returning.text": "Membres actifs sur la période, absents de la précédente, mais actifs dans les 12 " +
			"semaines d'avant.",
		"def.gone_quiet":      "Devenus silencieux",
		"def.gone_quiet.text": "Membres actifs sur la période précédente, pas sur celle-ci, et toujours membres.",
		"def.levels":          "Niveaux",
		"def.levels.text": "Sur les 12 dernières semaines : les membres du noyau ont écrit au cours d'au moins " +
			"6 semaines et répondu au moins 6 fois dans les fils des autres ; les contributeurs ont écrit au cours " +
			"de 3 semaines ou répondu 3 fois ; les participants ont écrit au moins une fois ; les observateurs " +
			"n'ont rien écrit (ils lisent et réagissent).",
		"def.top_messages": "Messages (contributions)",
		"def.top_messages.text": "Messages qui ouvrent une conversation, publiés sur la période ; les réponses dans " +
			"les fils sont comptées à part.",
		"def.replies": "Réponses dans les fils",
		"def.replies.text": "Réponses publiées dans les fils sur la période, y compris celles envoyées aussi dans " +
			"le canal.",
		"def.reactions":      "Réactions",
		"def.reactions.text": "Réactions (emoji) ajoutées par les membres sur la période.",
		"def.resolved":       "Résolues",
		"def.resolved.text": "Parmi les questions posées sur la période, celles dont l'auteur a validé une réponse, " +
			"remercié quelqu'un dans le fil ou marqué la question comme résolue, avant la fin de la période.",
		"def.waiting": "Attend depuis",
		"def.waiting.text": "Depuis combien de temps la question attendait à la fin de la période, en temps " +
			"calendaire.",
		"def.slipping": "Membres devenus silencieux",
		"def.slipping.text": "Des habitués (au moins 2 activités par semaine, messages et réactions, entre la " +
			"12e et la 4e semaine avant la fin de la période) dont l'activité des 4 dernières semaines est tombée " +
			"au tiers de leur habitude, ou moins.",
		"def.accepted": "Acceptées",
		"def.accepted.text": "Questions dont l'auteur a validé une réponse sur la période, attribuées à la " +
			"première personne qui y a répondu.",
		"def.thanked": "Remerciées",
		"def.thanked.text": "Questions dont l'auteur a remercié quelqu'un dans le fil après une réponse, sur la " +
			"période, attribuées à la première personne qui y a répondu.",
		"def.answers":        "Réponses",
		"def.answers.text":   "Questions d'autres membres auxquelles la personne a répondu sur la période.",
		"def.absence_factor": "Facteur d'absence",
		"def.absence_factor.text": "Le plus petit nombre de membres dont les messages font la moitié de ceux de la " +
			"période : 1 ou 2 signifie que la communauté repose sur très peu de personnes.",
		"def.nudges_sent":        "Relances envoyées",
		"def.nudges_sent.text":   "Messages privés envoyés par Praxis aux membres de la communauté sur la période.",
		"def.nudged_contributed": "Relancés ayant contribué",
		"def.nudged_contributed.text": "Parmi les relances envoyées sur les 12 dernières semaines (jusqu'à 7 jours " +
			"avant la fin de la période), celles dont le membre a écrit ou réagi dans les 7 jours qui ont suivi.",
		"def.holdout_contributed": "Témoins ayant contribué",
		"def.holdout_contributed.text": "Praxis met de côté, pour comparer, une partie des relances qu'il a décidé " +
			"d'envoyer : parmi elles, celles dont le membre a tout de même écrit ou réagi dans les 7 jours.",
		"def.lift": "Effet",
		"def.lift.text": "Part des relancés qui ont contribué, moins celle des témoins, en points ; donné seulement " +
			"avec au moins 30 relances par groupe et un écart qui a peu de chances d'être dû au hasard " +
			"(p inférieur à 0,05).",
		"def.connected": "Connexions",
		"def.connected.text": "Parmi toutes les paires de membres qui ont participé, la part où l'un a répondu dans " +
			"un fil ouvert par l'autre. Elle baisse quand la communauté grandit : à comparer aux semaines passées.",
		"def.shared_interests": "Intérêts partagés",
		"def.shared_interests.text": "Pour chaque membre qui a écrit, la part de ses mots (hors mots courants) " +
			"qu'un autre a employés aussi, en moyenne sur les membres.",
		"def.cooperation":           "Coopération",
		"def.cooperation.text":      "Réponses dans des fils ouverts par quelqu'un d'autre.",
		"def.shared_resources":      "Ressources partagées",
		"def.shared_resources.text": "Liens et fichiers partagés par les membres.",
		"def.collective_learning":   "Apprentissage collectif",
		"def.collective_learning.text": "Questions résolues (acceptées, remerciées ou marquées comme résolues), " +
			"quelle que soit leur date.",
		"def.shared_culture": "Culture commune",
		"def.shared_culture.text": "Parmi les membres actifs dans les 4 semaines avant les 4 dernières, la part " +
			"encore active dans les 4 dernières semaines.",
	},
}
