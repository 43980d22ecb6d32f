package slackedge

import "praxis/bot/i18n"

// catalog holds every sentence of members' privacy, in English and French.
var catalog = i18n.Catalog{
	"en": {
		"summary_title": "*What Praxis stores about you*",
		"profile_yes":   "• Your Slack profile: name, display name, time zone, language, status, team and site.",
		"profile_no":    "• No profile.",
		"messages":      "• Messages in community channels: %d, with their text: %d (the others are counted only).",
		"contributions": "• Reactions given: %d · links and files shared: %d " +
			"· questions you asked, followed in the channels: %d.",
		"yours": "• Declared skills: %d · preference settings: %d · channel memberships: %d.",
		"sent": "• Nudges: %d · items shown in your digests: %d " +
			"· questions you asked me: %d · times you were asked to help: %d.",
		"recording_on": "• Recording: on. `/praxis pause` stops recording " +
			"your messages' text (they are then only counted).",
		"recording_off": "• Recording: paused since %s: your new messages are counted, " +
			"without their text. `/praxis resume` to record them again.",
		"forgotten_on": "• You asked Praxis to forget you on %s: " +
			"what arrives about you is recorded without your name or words.",
		"retention_on":     "• Message text is erased after %d days; the messages stay counted.",
		"retention_on_one": "• Message text is erased after %d day; the messages stay counted.",
		"retention_off":    "• Message text is kept until it is deleted in Slack.",
		"summary_help":     "`/praxis export`: all of it as a JSON file, by direct message. `/praxis forget`: erase it.",
		"export_sent":      "I am sending you everything Praxis stores about you as a JSON file, by direct message.",
		"export_title":     "Your data in Praxis",
		"export_text":      "Everything Praxis stores about you, as of %s.",
		"only_self": "You can only see, export or erase your own data. An administrator can do " +
			"it for someone else with `praxis member export` or `praxis member forget`.",
		"forget_warn": "*Forget me?* Praxis will erase, for good: the text of all your messages (they stay " +
			"counted, without your name), your reactions, your profile, your skills and preferences, " +
			"your nudges and digests, the questions you asked me. What arrives about you later will " +
			"be recorded the same way. Nothing is deleted in Slack itself. This cannot be undone.",
		"forget_yes": "Forget me",
		"forget_no":  "Cancel",
		"forgotten": "Done: Praxis has erased what it stored about you, and will " +
			"record nothing about you from now on but anonymous counts.",
		"already":   "Praxis had already forgotten you: there was nothing more to erase.",
		"cancelled": "Nothing was erased.",
		"not_yours": "This button belongs to the member who asked to be forgotten.",
		"expired":   "This confirmation is too old: ask again with `/praxis forget`.",
		"paused": "Paused: from now on Praxis counts your messages without " +
			"recording their text. `/praxis resume` to record them again.",
		"already_pause": "Recording was already paused. `/praxis resume` to record your messages' text again.",
		"resumed":       "Praxis records your messages' text again. What you wrote during the pause stays without text.",
		"not_paused":    "Recording was not paused: Praxis records your messages' text. `/praxis pause` to stop.",
	},
	"fr": {
		"summary_title": "*Ce que Praxis conserve à votre sujet*",
		"profile_yes":   "• Votre profil Slack : nom, nom d'affichage, fuseau horaire, langue, statut, équipe et site.",
		"profile_no":    "• Aucun profil.",
		"messages": "• Messages dans les canaux des communautés : %d, dont " +
			"%d avec leur texte (les autres sont seulement comptés).",
		"contributions": "• Réactions données : %d · liens et fichiers partagés : %d " +
			"· questions posées, suivies dans les canaux : %d.",
		"yours": "• Compétences déclarées : %d · préférences " +
			"enregistrées : %d · canaux dont vous êtes membre : %d.",
		"sent": "• Relances : %d · éléments montrés dans vos résumés : %d " +
			"· questions que vous m'avez posées : %d · sollicitations pour aider : %d.",
		"recording_on": "• Enregistrement : actif. `/praxis pause` arrête l'enregistrement " +
			"du texte de vos messages (ils sont alors seulement comptés).",
		"recording_off": "• Enregistrement : en pause depuis le %s ; vos nouveaux messages sont " +
			"comptés, sans leur texte. `/praxis reprendre` pour les enregistrer de nouveau.",
		"forgotten_on": "• Vous avez demandé à Praxis de vous oublier le %s : ce qui " +
			"arrive à votre sujet est enregistré sans votre nom ni vos mots.",
		"retention_on":     "• Le texte des messages est effacé après %d jours ; les messages restent comptés.",
		"retention_on_one": "• Le texte des messages est effacé après %d jour ; les messages restent comptés.",
		"retention_off":    "• Le texte des messages est conservé jusqu'à sa suppression dans Slack.",
		"summary_help": "`/praxis exporter` : tout cela dans un fichier JSON, " +
			"en message direct. `/praxis oublier` : l'effacer.",
		"export_sent":  "Je vous envoie tout ce que Praxis conserve à votre sujet dans un fichier JSON, en message direct.",
		"export_title": "Vos données dans Praxis",
		"export_text":  "Tout ce que Praxis conserve à votre sujet, au %s.",
		"only_self": "Vous ne pouvez consulter, exporter ou effacer que vos propres données. Un administrateur " +
			"peut le faire pour quelqu'un d'autre avec `praxis member export` ou `praxis member forget`.",
		"forget_warn": "*M'oublier ?* Praxis effacera, définitivement : le texte de tous vos messages (ils restent " +
			"comptés, sans votre nom), vos réactions, votre profil, vos compétences et préférences, " +
			"vos relances et résumés, les questions que vous m'avez posées. Ce qui arrivera ensuite à votre " +
			"sujet sera enregistré de la même façon. Rien n'est supprimé dans Slack. C'est irréversible.",
		"forget_yes": "M'oublier",
		"forget_no":  "Annuler",
		"forgotten": "C'est fait : Praxis a effacé ce qu'il conservait à votre " +
			"sujet et n'enregistrera plus sur vous que des décomptes anonymes.",
		"already":   "Praxis vous avait déjà oublié·e : il n'y avait plus rien à effacer.",
		"cancelled": "Rien n'a été effacé.",
		"not_yours": "Ce bouton est réservé à la personne qui a demandé à être oubliée.",
		"expired":   "Cette confirmation est trop ancienne : redemandez avec `/praxis oublier`.",
		"paused": "En pause : désormais Praxis compte vos messages sans enregistrer " +
			"leur texte. `/praxis reprendre` pour l'enregistrer de nouveau.",
		"already_pause": "L'enregistrement était déjà en pause. " +
			"`/praxis reprendre` pour enregistrer de nouveau le texte de vos messages.",
		"resumed": "Praxis enregistre de nouveau le texte de vos messages. " +
			"Ce que vous avez écrit pendant la pause reste sans texte.",
		"not_paused": "L'enregistrement n'était pas en pause : Praxis enregistre " +
			"le texte de vos messages. `/praxis pause` pour l'arrêter.",
	},
}
