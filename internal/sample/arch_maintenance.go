package sample

// A French-speaking archetype.

var maintenanceIndustrielle = archetype{
	name: "Maintenance industrielle", lang: "fr", tz: "Europe/Paris",
	vocation: "Partager les retours d'expérience entre sites pour fiabiliser nos équipements.",
	channels: []chanSpec{
		{"maintenance-industrielle", "Retours d'expérience, méthodes et fiabilité entre sites", chanMain},
		{"maintenance-entraide", "Une panne, une question sur un équipement ? Demandez aux autres sites", chanHelp},
		{"gmao-notifs", "Notifications de la GMAO", chanAlerts},
	},
	titles: []string{
		"Technicien de maintenance",
		"Responsable maintenance",
		"Ingénieure fiabilité",
		"Chef d'équipe maintenance",
		"Technicienne méthodes",
		"Électromécanicien",
		"Automaticien",
	},
	teams: []string{
		"usine de Lyon",
		"site de Nantes",
		"atelier d'emboutissage",
		"ligne 3",
		"méthodes maintenance",
		"site de Valenciennes",
	},
	files: []docFile{
		{"plan-maintenance-preventive-2026.xlsx", "Plan de maintenance préventive 2026"},
		{"amdec-presse-hydraulique.xlsx", "AMDEC presse hydraulique"},
		{"rapport-analyse-vibratoire.pdf", "Rapport d'analyse vibratoire"},
		{"gamme-lubrification.pdf", "Gamme de lubrification"},
		{"photo-roulement.jpg", "Photo du roulement"},
	},
	wiki: "https://wiki.example.fr/maintenance",
	bot: &botSpec{
		name:     "gmao",
		realName: "GMAO",
		texts: []string{
			"🔧 OT-{n} créé : remplacement roulement pompe P-{n3} ({team})",
			"⏰ {n2} OT préventifs en retard sur {team}",
			"✅ OT-{n} clôturé : graissage convoyeur C-{n3}",
			"⚠️ Stock mini atteint : roulement 6205-2RS ({n2} restants)",
		},
		acks: []string{
			"Je regarde 👀",
			"Pris en charge par l'équipe de nuit",
			"C'est planifié pour l'arrêt de vendredi",
			"Je passe commande",
		},
	},
	topics: []topic{
		{
			name:  "GMAO",
			terms: []string{"ordre de travail", "historique", "arborescence équipements", "demande d'intervention"},
			asks: []string{
				"comment créer une gamme préventive dans la GMAO",
				"comment bien renseigner les ordres de travail pour garder un historique exploitable",
				"si quelqu'un a déjà importé l'arborescence des équipements en masse",
			},
			tips: []string{
				"passe par le module Plans, crée la gamme puis rattache-la aux équipements avec sa fréquence",
				"toujours le symptôme, la cause et l'action, sinon l'historique ne sert à rien pour les analyses",
				"oui, par l'import Excel du module Équipements, avec le code parent sur chaque ligne",
			},
		},
		{
			name:  "analyse vibratoire",
			terms: []string{"roulement", "spectre", "balourd", "désalignement", "accéléromètre"},
			asks: []string{
				"comment interpréter un pic à 1x la vitesse de rotation sur le spectre",
				"à quelle fréquence faire les mesures vibratoires sur les pompes",
				"quel capteur utiliser pour un ventilateur à basse vitesse",
			},
			tips: []string{
				"un pic à 1x c'est souvent du balourd, si tu as aussi du 2x en axial pense au désalignement",
				"tous les mois sur les pompes critiques, tous les trimestres sur le reste",
				"un accéléromètre basse fréquence à 100 mV/g, fixé sur une embase collée",
			},
			links: []link{{"https://www.iso.org/fr/standard/78311.html", "ISO 20816-1 : vibrations mécaniques"}},
		},
		{
			name:  "maintenance préventive",
			terms: []string{"plan de maintenance", "fréquence", "TRS", "maintenance conditionnelle"},
			asks: []string{
				"comment définir la fréquence des préventifs sur une nouvelle ligne",
				"comment réduire le nombre de préventifs en retard",
				"si on doit passer en maintenance conditionnelle sur les compresseurs",
			},
			tips: []string{
				"pars des préconisations constructeur puis ajuste avec l'historique des pannes après six mois",
				"planifie les préventifs pendant les arrêts de production et revois ceux qui ne trouvent jamais rien",
				"oui, avec le suivi de la température et des vibrations, on a divisé les interventions par deux",
			},
		},
		{
			name:  "lubrification",
			terms: []string{"graisse", "graisseur automatique", "analyse d'huile", "point de graissage"},
			asks: []string{
				"quelle graisse utiliser pour les roulements des moteurs électriques",
				"comment calculer la quantité de graisse à chaque graissage",
				"si les graisseurs automatiques valent le coup sur les convoyeurs",
			},
			tips: []string{
				"une graisse polyurée, et surtout ne pas la mélanger avec une graisse au lithium",
				"la formule D x B x 0,005 donne la quantité en grammes, avec D et B en millimètres",
				"oui, on a supprimé la moitié des casses de roulements sur la ligne 2",
			},
		},
		{
			name:  "AMDEC",
			terms: []string{"criticité", "mode de défaillance", "plan d'action", "gravité"},
			asks: []string{
				"comment lancer une AMDEC sur une presse hydraulique",
				"quelle grille de criticité on utilise",
				"qui doit participer à l'AMDEC d'une nouvelle machine",
			},
			tips: []string{
				"découpe la machine en fonctions, liste les modes de défaillance " +
					"par fonction, puis note fréquence, gravité et détection",
				"la grille du groupe, de 1 à 4 pour chaque critère, et on traite tout ce qui dépasse 24",
				"maintenance, production, méthodes et sécurité, avec le fournisseur pour la première séance",
			},
		},
		{
			name:  "thermographie",
			terms: []string{"caméra thermique", "armoire électrique", "point chaud", "émissivité"},
			asks: []string{
				"à quelle fréquence faire la thermographie des armoires électriques",
				"quel écart de température doit déclencher une intervention",
				"si la thermographie peut se faire en production",
			},
			tips: []string{
				"une fois par an, et après chaque modification importante",
				"au-delà de 15 °C d'écart avec une phase voisine, intervention sous une semaine",
				"oui, il faut même que l'installation soit en charge, au moins 40 % de la charge nominale",
			},
		},
		{
			name:  "pièces de rechange",
			terms: []string{"stock mini", "magasin", "pièces critiques", "délai fournisseur"},
			asks: []string{
				"comment définir le stock mini des pièces critiques",
				"si un autre site a un réducteur de rechange pour la ligne 3",
				"comment gérer les pièces obsolètes",
			},
			tips: []string{
				"pars du délai fournisseur et de la criticité de l'équipement, pas de la consommation moyenne",
				"regarde dans le stock partagé inter-sites avant de commander, la pièce est souvent ailleurs",
				"fais une revue annuelle avec les achats et prévois le rétrofit avant la rupture",
			},
		},
	},
}
