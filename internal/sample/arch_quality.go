package sample

// A French-speaking archetype.

var qualite = archetype{
	name: "Qualité et amélioration continue", lang: "fr", tz: "Europe/Paris",
	vocation: "Faire progresser nos sites par l'amélioration continue et la résolution de problèmes.",
	channels: []chanSpec{
		{"qualite-amelioration", "Amélioration continue, Lean et qualité : partages et questions", chanMain},
		{"lean-entraide", "Entraide sur les outils : 5S, SMED, 8D, MSP", chanHelp},
		{"qualite-core", "Animation de la communauté", chanCore},
	},
	titles: []string{
		"Responsable qualité",
		"Ingénieur amélioration continue",
		"Animatrice Lean",
		"Technicien qualité",
		"Chef d'atelier",
		"Auditrice qualité",
	},
	teams: []string{
		"usine de Lyon",
		"site de Nantes",
		"assemblage",
		"conditionnement",
		"service qualité",
		"site de Montréal",
	},
	files: []docFile{
		{"trame-8d.docx", "Trame 8D"},
		{"grille-audit-5s.xlsx", "Grille d'audit 5S"},
		{"standard-smed.pdf", "Standard SMED"},
		{"carte-de-controle.xlsx", "Carte de contrôle"},
	},
	wiki: "https://wiki.example.fr/qualite",
	topics: []topic{
		{
			name:  "5S",
			terms: []string{"audit 5S", "standard", "management visuel", "tableau d'équipe"},
			asks: []string{
				"comment faire tenir le 5S dans le temps sur un atelier",
				"à quelle fréquence faire les audits 5S",
				"si quelqu'un a une grille d'audit 5S pour les bureaux",
			},
			tips: []string{
				"un audit court chaque semaine par l'équipe elle-même, et le chef d'atelier qui passe voir le tableau",
				"hebdomadaire au début, puis mensuel quand le score dépasse 80 %",
				"oui, c'est la même grille avec des critères adaptés au numérique, je la partage",
			},
		},
		{
			name:  "SMED",
			terms: []string{"changement de série", "opérations externes", "chronométrage", "vidéo"},
			asks: []string{
				"comment réduire le temps de changement de série sur la presse",
				"comment filmer un changement de série sans braquer les opérateurs",
				"si le SMED marche aussi sur les lignes de conditionnement",
			},
			tips: []string{
				"filme le changement, sépare les opérations internes et externes, puis sors tout ce qui peut l'être",
				"explique l'objectif avant, filme le processus et pas la personne, et fais l'analyse avec eux",
				"oui, on est passés de 45 à 18 minutes sur la ligne de flaconnage",
			},
		},
		{
			name:  "résolution de problèmes",
			terms: []string{"8D", "5 pourquoi", "Ishikawa", "cause racine"},
			asks: []string{
				"quand utiliser un 8D plutôt qu'un simple 5 pourquoi",
				"comment animer un Ishikawa avec l'équipe de nuit",
				"comment vérifier qu'on a vraiment trouvé la cause racine",
			},
			tips: []string{
				"un 8D dès que le client est touché ou que le problème revient, un 5 pourquoi pour le reste",
				"sur le terrain, en début de poste, avec les 5M au tableau et quinze minutes maximum",
				"essaie de reproduire le défaut en agissant sur la cause, si tu n'y arrives pas ce n'est pas la bonne",
			},
		},
		{
			name:  "audits ISO 9001",
			terms: []string{"audit interne", "non-conformité", "revue de direction", "action corrective"},
			asks: []string{
				"comment préparer l'audit de surveillance ISO 9001",
				"comment rédiger une non-conformité sans braquer le service audité",
				"qui peut être auditeur interne",
			},
			tips: []string{
				"revois les actions de la dernière revue de direction et les non-conformités encore ouvertes",
				"décris le constat et l'exigence, jamais la personne, et fais valider le constat sur place",
				"toute personne formée, tant qu'elle n'audite pas son propre service",
			},
			links: []link{{"https://www.iso.org/fr/standard/62085.html", "ISO 9001 : management de la qualité"}},
		},
		{
			name:  "MSP",
			terms: []string{"carte de contrôle", "Cpk", "capabilité", "système de mesure"},
			asks: []string{
				"comment calculer le Cpk sur une cote critique",
				"quelle carte de contrôle utiliser pour des petites séries",
				"pourquoi notre Cpk est bon alors qu'on a encore des rebuts",
			},
			tips: []string{
				"au moins 50 mesures d'un processus stable, puis l'écart le plus " +
					"faible entre la moyenne et une tolérance, divisé par trois sigma",
				"une carte aux valeurs individuelles avec étendues mobiles",
				"vérifie d'abord le système de mesure, une répétabilité au-delà de 30 % fausse tout",
			},
		},
		{
			name:  "TRS",
			terms: []string{"disponibilité", "performance", "micro-arrêts", "cadence"},
			asks: []string{
				"comment calculer le TRS quand la ligne fait plusieurs références",
				"comment suivre les micro-arrêts sans saisie manuelle",
				"quel objectif de TRS est réaliste pour une ligne d'assemblage",
			},
			tips: []string{
				"calcule la performance avec la cadence de chaque référence, pas une cadence moyenne",
				"récupère les signaux de l'automate, la saisie manuelle rate tout ce qui dure moins de deux minutes",
				"entre 65 et 75 % c'est déjà bien, l'important c'est la tendance",
			},
		},
		{
			name:  "kaizen",
			terms: []string{"chantier kaizen", "boîte à idées", "gemba", "standardisation"},
			asks: []string{
				"comment organiser un chantier kaizen sur trois jours",
				"comment relancer la boîte à idées qui ne reçoit plus rien",
				"comment faire un gemba walk utile",
			},
			tips: []string{
				"un périmètre petit, une équipe de six avec des opérateurs, et le dernier jour pour standardiser",
				"réponds à chaque idée sous une semaine et affiche celles qui sont réalisées",
				"une question par visite, on observe et on écoute, on ne corrige rien sur place",
			},
		},
	},
}
