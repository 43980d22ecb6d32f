package sample

// A French-speaking archetype.

var supportClient = archetype{
	name: "Support client", lang: "fr", tz: "America/Toronto",
	vocation: "Partager nos astuces pour répondre mieux et plus vite à nos clients.",
	channels: []chanSpec{
		{"support-client", "La communauté du support : pratiques, outils et retours clients", chanMain},
		{"support-entraide", "Un cas difficile ? Demandez un coup de main", chanHelp},
		{"support-escalades", "Escalades et alertes Zendesk", chanAlerts},
	},
	titles: []string{
		"Agent support",
		"Responsable support",
		"Spécialiste support N2",
		"Chargée de relation client",
		"Coordonnateur qualité service",
	},
	teams: []string{
		"support N1",
		"support N2",
		"comptes clés",
		"facturation",
		"équipe de Montréal",
		"équipe de Lyon",
	},
	files: []docFile{
		{"macros-support.xlsx", "Macros support"},
		{"processus-escalade.pdf", "Processus d'escalade"},
		{"guide-ton-redactionnel.pdf", "Guide du ton rédactionnel"},
	},
	wiki: "https://wiki.example.fr/support",
	bot: &botSpec{name: "zendesk", realName: "Zendesk",
		texts: []string{
			"🎫 Ticket #{n} escaladé en N2 : {term}",
			"⏱️ {n2} tickets ont dépassé le SLA de première réponse",
			"⭐ Nouveau CSAT 5/5 sur le ticket #{n}",
			"🔥 Ticket prioritaire #{n} ouvert par un compte clé",
		},
		acks: []string{"Je prends 👀", "Je m'en occupe", "Le N2 de garde est prévenu", "Je rappelle le client"}},
	topics: []topic{
		{
			name:  "escalade",
			terms: []string{"N2", "ticket prioritaire", "astreinte", "compte clé"},
			asks: []string{
				"quand escalader un ticket en N2",
				"comment escalader un incident le week-end",
				"qui prévenir quand un compte clé ouvre un ticket prioritaire",
			},
			tips: []string{
				"dès que la solution demande un accès technique ou que le client attend depuis plus de 24 h",
				"passe par l'astreinte N2, le numéro est dans l'en-tête du canal",
				"le responsable du compte et le N2 de garde, dans le même fil",
			},
		},
		{
			name:  "macros",
			terms: []string{"macro", "réponse type", "Zendesk", "personnalisation"},
			asks: []string{
				"comment créer une macro partagée dans Zendesk",
				"s'il existe une réponse type pour les remboursements",
				"comment personnaliser une macro sans la casser",
			},
			tips: []string{
				"propose-la ici d'abord, un admin la crée dans le dossier partagé",
				"oui, « Remboursement - délai », elle explique le délai de 5 à 7 jours ouvrés",
				"utilise les champs pour le prénom et le numéro de commande, et ne modifie que le paragraphe du milieu",
			},
			links: []link{{"https://support.zendesk.com/hc/fr/articles/4408844187034", "Zendesk : utiliser les macros"}},
		},
		{
			name:  "base de connaissances",
			terms: []string{"article", "FAQ", "centre d'aide", "relecture"},
			asks: []string{
				"comment proposer un nouvel article pour le centre d'aide",
				"qui relit les articles avant publication",
				"comment savoir quels articles sont les plus consultés",
			},
			tips: []string{
				"remplis le formulaire de demande d'article avec les liens des tickets concernés",
				"un N2 pour le fond et la responsable contenu pour le ton",
				"le tableau de bord du centre d'aide donne les vues et les votes par article",
			},
		},
		{
			name:  "SLA",
			terms: []string{"première réponse", "délai de résolution", "file d'attente", "heures ouvrées"},
			asks: []string{
				"comment sont calculés les SLA pendant les jours fériés",
				"pourquoi le SLA de première réponse est dépassé alors qu'on a répondu",
				"comment prioriser la file d'attente le lundi matin",
			},
			tips: []string{
				"les SLA ne comptent que les heures ouvrées de l'équipe qui a le ticket",
				"une note interne ne compte pas, il faut une réponse publique",
				"d'abord les comptes clés, puis les tickets les plus proches du SLA, pas les plus anciens",
			},
		},
		{
			name:  "satisfaction client",
			terms: []string{"CSAT", "NPS", "enquête", "verbatims"},
			asks: []string{
				"comment répondre à un CSAT négatif",
				"quel est notre objectif de CSAT ce trimestre",
				"comment exploiter les verbatims de l'enquête",
			},
			tips: []string{
				"rappelle le client dans les 48 h, écoute d'abord, et note la cause dans le ticket",
				"90 % de satisfaits, on est à 87 % en ce moment",
				"on les classe par thème chaque mois et on remonte les trois premiers au produit",
			},
		},
		{
			name:  "facturation",
			terms: []string{"facture", "avoir", "remboursement", "prélèvement"},
			asks: []string{
				"comment faire un avoir partiel",
				"pourquoi un prélèvement a été rejeté deux fois",
				"qui valide un remboursement au-delà de 500 €",
			},
			tips: []string{
				"depuis la fiche client, onglet Factures, bouton Avoir, puis tu choisis les lignes",
				"c'est souvent un mandat SEPA expiré, il faut en faire signer un nouveau",
				"la responsable facturation, avec le motif noté dans le ticket",
			},
		},
		{
			name:  "ton rédactionnel",
			terms: []string{"vouvoiement", "empathie", "reformulation", "mauvaise nouvelle"},
			asks: []string{
				"si on vouvoie ou on tutoie les clients",
				"comment annoncer une mauvaise nouvelle à un client",
				"comment répondre à un client très énervé",
			},
			tips: []string{
				"vouvoiement par défaut, sauf si le client tutoie en premier",
				"la nouvelle d'abord, puis l'explication, puis ce qu'on peut proposer",
				"reformule son problème, excuse-toi pour la gêne, et donne une date précise",
			},
		},
	},
}
