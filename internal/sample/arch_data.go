package sample

// A French-speaking archetype.

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
