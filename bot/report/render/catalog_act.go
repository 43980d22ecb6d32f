package render

import "praxis/bot/i18n"

// catalog is every label of the rendered reports: baseCatalog's,
// actCatalog's, defsCatalog's and sponsorCatalog's, which share no key
// (TestCatalogComplete checks both languages have every key).
var catalog = joinCatalogs(baseCatalog, actCatalog, defsCatalog, sponsorCatalog)

// actCatalog holds the words of what a report asks a facilitator to do
// (actSection and its Block Kit), and of the lists it caps.
var actCatalog = i18n.Catalog{
	"en": {
		"sec.act":             "What to do this week",
		"sec.act_other":       "What to do now",
		"act.questions":       "New questions without an answer",
		"act.questions_none":  "Every question asked this period has an answer.",
		"act.newcomers_none":  "No newcomer is waiting for a reply.",
		"act.quiet":           "Members gone quiet",
		"act.thank":           "Helpers to thank",
		"col.followup":        "Follow-up",
		"followup.escalated":  "escalated",
		"followup.nudged":     "%d members asked",
		"followup.nudged_one": "%d member asked",
		"slipping.line":       "usually %s, lately %s",
		"sec.older":           "Older open questions",
		"q.older_none":        "No older question is waiting.",
		"q.open_period":       "Of them, asked this period",
		"open.count":          "%d open questions (%d asked this period), the oldest waiting for %s.",
		"open.count_one_new":  "%d open questions (%d asked this period), the oldest waiting for %s.",
		"open.count_no_new":   "%d open questions (none asked this period), the oldest waiting for %s.",
		"page_title":          "Praxis report %s: %s",
	},
	"fr": {
		"sec.act":             "À faire cette semaine",
		"sec.act_other":       "À faire maintenant",
		"act.questions":       "Nouvelles questions sans réponse",
		"act.questions_none":  "Toutes les questions posées sur la période ont une réponse.",
		"act.newcomers_none":  "Aucun nouveau venu n'attend de réponse.",
		"act.quiet":           "Membres devenus silencieux",
		"act.thank":           "Qui remercier",
		"col.followup":        "Suivi",
		"followup.escalated":  "signalée aux animateurs",
		"followup.nudged":     "%d membres sollicités",
		"followup.nudged_one": "%d membre sollicité",
		"slipping.line":       "d'habitude %s, récemment %s",
		"sec.older":           "Questions plus anciennes en attente",
		"q.older_none":        "Aucune question plus ancienne en attente.",
		"q.open_period":       "Dont posées sur la période",
		"open.count":          "%d questions en attente (dont %d posées sur la période), la plus ancienne depuis %s.",
		"open.count_one_new":  "%d questions en attente (dont %d posée sur la période), la plus ancienne depuis %s.",
		"open.count_no_new":   "%d questions en attente (aucune posée sur la période), la plus ancienne depuis %s.",
		"page_title":          "Rapport Praxis %s : %s",
	},
}

// joinCatalogs is one catalog of cs; a key in two of them is a mistake the
// program refuses to start with.
func joinCatalogs(cs ...i18n.Catalog) i18n.Catalog {
	out := make(i18n.Catalog)
	for _, c := range cs {
		for lang, words := range c {
			if out[lang] == nil {
				out[lang] = map[string]string{}
			}
			for k, v := range words {
				if _, dup := out[lang][k]; dup {
					panic("report catalog: key " + k + " defined twice")
				}
				out[lang][k] = v
			}
		}
	}
	return out
}
