package discover

import (
	"math"
	"strconv"
	"strings"
	"time"

	"praxis/bot/i18n"
)

var catalog = i18n.Catalog{
	"en": {
		"title":           "Communities of practice in %s (%s by %s): %s, modularity %s",
		"none":            "No community found: no public channel holds enough messages (at least %d).",
		"quiet":           "%d channels with fewer messages left out.",
		"quiet_one":       "%d channel with fewer messages left out.",
		"channels":        "%d channels",
		"channels_one":    "%d channel",
		"messages":        "%d messages",
		"messages_one":    "%d message",
		"members":         "%d members",
		"members_one":     "%d member",
		"communities":     "%d communities",
		"communities_one": "%d community",
		"size":            "%s, %s, %.0f messages a week",
		"active":          "%d active",
		"active_one":      "%d active",
		"subjects":        "Subjects: %s",
		"core":            "Core group: %s",
		"core_none":       "Core group: nobody answers yet",
		"person":          "%s (%s)",
		"answers":         "answered %d threads",
		"answers_one":     "answered %d thread",
		"started":         "started %d answered threads",
		"started_one":     "started %d answered thread",
		"bridges":         "in %d channels",
		"bridges_one":     "in %d channel",
		"needs":           "Needs: %s",
		"needs_none":      "Needs: no question asked",
		"questions":       "%d questions",
		"questions_one":   "%d question",
		"met":             "%s, %s answered, first answer in %s (median)",
		"percent":         "%d%%",
		"met_never":       "%s, none answered",
		"need.reference":  "a reference or documentation",
		"need.expert":     "someone who knows",
		"need.practice":   "what other sites or teams do",
		"need.watch":      "news and watch",
		"need.all":        "all questions",
		"need_line":       "%s: %s",
		"people_sep":      "; ",
		"brief":           "%s — core group: %s; subjects: %s; %s",
		"more_people":     "…and %d more",
		"more_people_one": "…and %d more",
		"head":            "#%s — %s: %s",
		"vocation":        "Share practice and answer each other's questions about %s.",
		"vocation_line":   "Vocation: %s",
		"drafted":         "Vocation (drafted by the language model): %s",
		"value":           "What Praxis would add: %s (%.0f messages a week × %s of needs unmet)",
		"configured":      "Already configured: %s",
		"and":             "and",
		"minutes":         "%d minutes",
		"minutes_one":     "%d minute",
		"hours":           "%d hours",
		"hours_one":       "%d hour",
		"days":            "%d days",
		"days_one":        "%d day",
		"more":            "…and %d more communities (--limit)",
		"more_one":        "…and %d more community (--limit)",
		"yaml_head":       "Communities proposed by praxis discover: check the names, vocations, people and topics.",
		"yaml_taken":      "%s: every channel is already configured",
	},
	"fr": {
		"title":           "Communautés de pratique dans %s (%s de %s) : %s, modularité %s",
		"none":            "Aucune communauté trouvée : aucun canal public ne compte assez de messages (au moins %d).",
		"quiet":           "%d canaux moins actifs laissés de côté.",
		"quiet_one":       "%d canal moins actif laissé de côté.",
		"channels":        "%d canaux",
		"channels_one":    "%d canal",
		"messages":        "%d messages",
		"messages_one":    "%d message",
		"members":         "%d membres",
		"members_one":     "%d membre",
		"communities":     "%d communautés",
		"communities_one": "%d communauté",
		"size":            "%s, %s, %.0f messages par semaine",
		"active":          "%d actifs",
		"active_one":      "%d actif",
		"subjects":        "Sujets : %s",
		"core":            "Noyau dur : %s",
		"core_none":       "Noyau dur : personne ne répond encore",
		"person":          "%s (%s)",
		"answers":         "a répondu dans %d fils",
		"answers_one":     "a répondu dans %d fil",
		"started":         "a lancé %d fils qui ont eu réponse",
		"started_one":     "a lancé %d fil qui a eu réponse",
		"bridges":         "dans %d canaux",
		"bridges_one":     "dans %d canal",
		"needs":           "Besoins : %s",
		"needs_none":      "Besoins : aucune question posée",
		"questions":       "%d questions",
		"questions_one":   "%d question",
		"met":             "%s, %s avec réponse, première réponse en %s (médiane)",
		"percent":         "%d %%",
		"met_never":       "%s, aucune avec réponse",
		"need.reference":  "un référentiel ou de la documentation",
		"need.expert":     "quelqu'un qui sait",
		"need.practice":   "ce que font les autres sites ou équipes",
		"need.watch":      "actualités et veille",
		"need.all":        "toutes les questions",
		"need_line":       "%s : %s",
		"people_sep":      " ; ",
		"brief":           "%s — noyau dur : %s ; sujets : %s ; %s",
		"more_people":     "…et %d autres",
		"more_people_one": "…et %d autre",
		"head":            "#%s — %s : %s",
		"vocation":        "Partager nos pratiques et répondre aux questions des uns et des autres sur %s.",
		"vocation_line":   "Vocation : %s",
		"drafted":         "Vocation (rédigée par le modèle de langage) : %s",
		"value":           "Ce que Praxis apporterait : %s (%.0f messages par semaine × %s de besoins non satisfaits)",
		"configured":      "Déjà configuré : %s",
		"and":             "et",
		"minutes":         "%d minutes",
		"minutes_one":     "%d minute",
		"hours":           "%d heures",
		"hours_one":       "%d heure",
		"days":            "%d jours",
		"days_one":        "%d jour",
		"more":            "…et %d autres communautés (--limit)",
		"more_one":        "…et %d autre communauté (--limit)",
		"yaml_head":       "Communautés proposées par praxis discover : vérifiez les noms, vocations, personnes et sujets.",
		"yaml_taken":      "%s : tous ses canaux sont déjà configurés",
	},
}

// list joins words as a sentence does: "a, b and c".
func list(lang string, words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + catalog.T(lang, "and") + " " + words[len(words)-1]
}

// wait says a time to answer in words: minutes, hours or days.
func wait(lang string, d time.Duration) string {
	switch {
	case d < time.Hour:
		return catalog.N(lang, "minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return catalog.N(lang, "hours", int(d.Hours()))
	}
	return catalog.N(lang, "days", int(d.Hours()/24))
}

// needName names a need in lang.
func needName(lang string, n Need) string {
	if n == 0 {
		return catalog.T(lang, "need.all")
	}
	return catalog.T(lang, "need."+n.Key())
}

// met says how well a need is met.
func met(lang string, s NeedStat) string {
	qs := catalog.N(lang, "questions", s.Questions)
	if s.Answers == 0 {
		return catalog.T(lang, "met_never", qs)
	}
	return catalog.T(lang, "met", qs, percent(lang, s.Rate()), wait(lang, s.Median))
}

// decimal writes x with prec decimals, with a decimal comma in French.
func decimal(lang string, x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if lang == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// percent writes a share as a percentage, rounded.
func percent(lang string, share float64) string {
	return catalog.T(lang, "percent", int(math.Round(100*share)))
}

// reasons says why a person is in the core group.
func reasons(lang string, p Person) string {
	parts := []string{catalog.N(lang, "answers", p.Answers)}
	if p.Started > 0 {
		parts = append(parts, catalog.N(lang, "started", p.Started))
	}
	if p.Channels > 1 {
		parts = append(parts, catalog.N(lang, "bridges", p.Channels))
	}
	return strings.Join(parts, ", ")
}
