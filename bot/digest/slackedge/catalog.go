package slackedge

import "praxis/bot/i18n"

// catalog is the words of the digest's buttons and of the answers to them,
// to `/praxis digest` and to the Home's preview; the digest's own words are
// bot/digest's.
var catalog = i18n.Catalog{
	"en": {
		"less":           "Less often",
		"mute":           "Mute #%s",
		"unsubscribe":    "Unsubscribe",
		"done_less":      "Done: your digest now comes weekly.",
		"done_less_m":    "Done: your digest now comes monthly, on the first %s of the month.",
		"done_mute":      "Done: <#%s> stays out of your digests.",
		"done_off":       "Done: no more digests. `/praxis digest on` brings them back.",
		"not_yours":      "These buttons are for the member the digest was sent to.",
		"set":            "Done: your digest settings are saved.",
		"digest_preview": "*Preview of your next digest* (nothing is sent; it covers %s):",
		"digest_empty":   "*Preview of your next digest*: nothing to show yet, so none would be sent.",
		"digest_failed":  "Your next digest could not be previewed; the log says why.",
	},
	"fr": {
		"less":           "Moins souvent",
		"mute":           "Masquer #%s",
		"unsubscribe":    "Se désabonner",
		"done_less":      "C'est fait : votre résumé arrive maintenant chaque semaine.",
		"done_less_m":    "C'est fait : votre résumé arrive maintenant chaque mois, le premier %s du mois.",
		"done_mute":      "C'est fait : <#%s> n'apparaîtra plus dans vos résumés.",
		"done_off":       "C'est fait : plus de résumés. `/praxis résumé on` les rétablit.",
		"not_yours":      "Ces boutons sont réservés à la personne qui a reçu ce résumé.",
		"set":            "C'est fait : vos préférences de résumé sont enregistrées.",
		"digest_preview": "*Aperçu de votre prochain résumé* (rien n'est envoyé ; il couvre %s) :",
		"digest_empty": "*Aperçu de votre prochain résumé* : " +
			"rien à montrer pour l'instant, il ne serait donc pas envoyé.",
		"digest_failed": "Votre prochain résumé n'a pas pu être prévisualisé ; le journal en donne la raison.",
	},
}
