package sample

// The French-speaking archetypes.

var guildeData = archetype{
	name: "Guilde data", lang: "fr", tz: "Europe/Paris",
	vocation: "Partager les bonnes pratiques de pipelines, de modélisation et de qualité des données.",
	channels: []chanSpec{
		{"guilde-data", "Pipelines, modélisation, qualité des données : on partage tout", chanMain},
		{"data-entraide", "Bloqué sur une requête, un DAG ou un modèle dbt ? Demandez ici", chanHelp},
		{"data-alertes", "Notifications Airflow et tests dbt", chanAlerts},
	},
	titles: []string{
		"Data Engineer",
		"Analytics Engineer",
		"Data Analyst",
		"Data Scientist",
		"Responsable data",
		"Architecte data",
	},
	teams: []string{"finance", "marketing", "supply chain", "produit", "RH", "e-commerce"},
	files: []docFile{
		{"modele-contrat-de-donnees.yaml", "Modèle de contrat de données"},
		{"conventions-dbt.pdf", "Conventions dbt"},
		{"architecture-plateforme-data.pdf", "Architecture de la plateforme data"},
		{"catalogue-sources.xlsx", "Catalogue des sources"},
	},
	wiki: "https://wiki.example.fr/data",
	bot: &botSpec{
		name:     "airflow",
		realName: "Airflow",
		texts: []string{
			"🔴 DAG {repo} en échec à la tâche load_bigquery (run du {date})",
			"✅ DAG {repo} terminé en {n2}0 min",
			"⚠️ DAG {repo} : SLA dépassé de {n2}0 min",
			"🟡 Test dbt not_null_orders_customer_id en warning sur {repo}",
		},
		repos: []string{"daily_orders", "crm_sync", "stock_snapshot", "marketing_attribution", "finance_ledger"},
		acks: []string{
			"Je regarde 👀",
			"Source en retard côté CRM, je relance",
			"C'est pour moi, je corrige",
			"Connu, le correctif part cet après-midi",
		},
	},
	topics: []topic{
		{
			name:  "dbt",
			terms: []string{"modèle incrémental", "tests dbt", "macros", "ref()", "snapshots"},
			asks: []string{
				"comment passer un modèle dbt en incrémental sans tout recharger",
				"si on doit mettre des tests dbt sur toutes les colonnes",
				"comment organiser les dossiers staging et marts",
			},
			tips: []string{
				"ajoute is_incremental() avec un filtre sur la date de mise à jour et lance un --full-refresh une seule fois",
				"non, unique et not_null sur les clés, puis des tests métier là où ça compte vraiment",
				"un modèle staging par table source, les jointures dans intermediate, et les marts par domaine",
			},
			links: []link{{"https://docs.getdbt.com/docs/build/incremental-models", "dbt : modèles incrémentaux"}},
		},
		{
			name:  "Airflow",
			terms: []string{"DAG", "sensor", "backfill", "XCom", "pool"},
			asks: []string{
				"comment relancer un backfill Airflow sur un mois sans saturer le cluster",
				"pourquoi mon DAG reste bloqué sur un sensor",
				"s'il vaut mieux passer les données par XCom ou par le bucket",
			},
			tips: []string{
				"limite max_active_runs à 2 et lance le backfill par tranches d'une semaine",
				"passe le sensor en mode reschedule, sinon il garde un slot de worker pendant des heures",
				"XCom seulement pour des métadonnées, les données passent par le bucket",
			},
			links: []link{
				{"https://airflow.apache.org/docs/apache-airflow/stable/best-practices.html", "Airflow : bonnes pratiques"},
			},
		},
		{
			name:  "contrats de données",
			terms: []string{"contrat de données", "schéma", "producteur", "breaking change"},
			asks: []string{
				"comment mettre en place un contrat de données avec l'équipe produit",
				"qui valide un breaking change sur un schéma partagé",
				"quel format on utilise pour décrire un contrat de données",
			},
			tips: []string{
				"commence par une seule table critique, écris le schéma et les garanties de fraîcheur avec le producteur",
				"le producteur propose, les consommateurs listés dans le contrat ont une semaine pour réagir",
				"un YAML dans le dépôt du producteur, vérifié en CI à chaque merge request",
			},
			links: []link{{"https://datacontract.com/", "Data Contract Specification"}},
		},
		{
			name:  "BigQuery",
			terms: []string{"partitionnement", "clustering", "slots", "coût des requêtes"},
			asks: []string{
				"comment réduire le coût de nos requêtes BigQuery",
				"s'il faut partitionner par jour ou par mois",
				"pourquoi ma requête scanne toute la table malgré le filtre",
			},
			tips: []string{
				"partitionne et clusterise les grosses tables, et bannis les SELECT * dans les tableaux de bord",
				"par jour tant que tu restes sous 4 000 partitions, sinon par mois",
				"le filtre doit porter directement sur la colonne de partition, pas sur une expression calculée",
			},
			links: []link{{"https://cloud.google.com/bigquery/docs/partitioned-tables", "BigQuery : tables partitionnées"}},
		},
		{
			name:  "Parquet",
			terms: []string{"compression", "taille des fichiers", "évolution de schéma", "compaction"},
			asks: []string{
				"quelle taille de fichiers Parquet viser dans le lac",
				"si on doit compresser en Snappy ou en Zstd",
				"comment gérer l'ajout d'une colonne dans nos fichiers Parquet",
			},
			tips: []string{
				"entre 128 et 512 Mo par fichier, et une compaction des petits fichiers chaque nuit",
				"Zstd pour l'archive, Snappy pour ce qui est lu très souvent",
				"ajoute la colonne en nullable, les lecteurs l'ignorent tant qu'ils ne la demandent pas",
			},
			links: []link{{"https://parquet.apache.org/docs/", "Apache Parquet"}},
		},
		{
			name:  "qualité des données",
			terms: []string{"fraîcheur", "doublons", "complétude", "observabilité"},
			asks: []string{
				"comment détecter les doublons dans la table clients",
				"comment alerter quand une source n'est pas à jour",
				"quels indicateurs de qualité suivre pour la finance",
			},
			tips: []string{
				"un test d'unicité sur la clé métier, et une requête qui compte par clé pour voir les cas",
				"un test de fraîcheur dbt sur la source, avec une alerte dans data-alertes",
				"complétude, fraîcheur et rapprochement avec le grand livre, chaque matin avant 9 h",
			},
			links: []link{{"https://docs.getdbt.com/docs/deploy/source-freshness", "dbt : fraîcheur des sources"}},
		},
		{
			name:  "RGPD",
			terms: []string{"données personnelles", "pseudonymisation", "durée de conservation", "DPO"},
			asks: []string{
				"comment pseudonymiser les e-mails dans l'entrepôt",
				"quelle est la durée de conservation des données clients",
				"si on peut utiliser des données de production pour les tests",
			},
			tips: []string{
				"un hash salé avec la clé du coffre, jamais un hash simple",
				"trois ans après le dernier contact, la purge tourne chaque mois",
				"non, uniquement des données pseudonymisées, et le DPO valide toute exception",
			},
			links: []link{{"https://www.cnil.fr/fr/reglement-europeen-protection-donnees", "CNIL : le RGPD"}},
		},
	},
}

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

// archetypes in the order communities are made: English and French
// alternate, so that any number of communities is half and half.
var archetypes = []*archetype{&securityGuild, &guildeData, &platformSRE, &maintenanceIndustrielle,
	&salesEngineering, &qualite, &frontendGuild, &supportClient}
