package recognition

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/i18n"
)

var catalog = i18n.Catalog{
	"en": {
		"title": ":tada: *Thank you, helpers of %s!*\n" +
			"In %s, these members answered questions, and the people who asked said it helped:",
		"line":         "• <@%s>: %s",
		"accepted":     "%d answers accepted",
		"accepted_one": "%d answer accepted",
		"thanked":      "thanked for %d answers",
		"thanked_one":  "thanked for %d answer",
		"people":       "%d people helped",
		"people_one":   "%d person helped",
		"more":         "…and %d more members who helped.",
		"more_one":     "…and %d more member who helped.",
		"outro": "Every answer makes the community stronger: thank you all. " +
			"_Rather not be named here? `/praxis recognition off`._",
	},
	"fr": {
		"title": ":tada: *Merci à celles et ceux qui ont aidé en %s !*\n" +
			"Dans %s, ces membres ont répondu à des questions, et les personnes qui les posaient " +
			"ont dit que cela les avait aidées :",
		"line":         "• <@%s> : %s",
		"accepted":     "%d réponses acceptées",
		"accepted_one": "%d réponse acceptée",
		"thanked":      "%d remerciements",
		"thanked_one":  "%d remerciement",
		"people":       "%d personnes aidées",
		"people_one":   "%d personne aidée",
		"more":         "…et %d autres membres qui ont aidé.",
		"more_one":     "…et %d autre membre qui a aidé.",
		"outro": "Chaque réponse fait grandir la communauté : merci à toutes et à tous. " +
			"_Vous préférez ne pas être cité·e ici ? `/praxis reconnaissance non`._",
	},
}

// MaxNamed is how many helpers a post names; the others are counted.
const MaxNamed = 15

// userID is what a member's id must look like to be mentioned: a mention
// is the one piece of markup the post writes, and only of a member.
var userID = regexp.MustCompile(`^[UW][A-Z0-9]{2,20}$`)

// Post returns the thanks community c posts for the month that starts at
// from, in its language, to hs (Helpers' order): each helper mentioned on
// purpose (they are pinged, nobody else is), with what the askers said of
// their help. "" when there is nobody to thank: nothing is posted.
func Post(c bot.Community, from time.Time, hs []Helper) string {
	lang := i18n.Lang(c.Language)
	hs = slices.DeleteFunc(slices.Clone(hs), func(h Helper) bool { return !userID.MatchString(h.Member) })
	if len(hs) == 0 {
		return ""
	}
	var lines []string
	for _, h := range hs[:min(len(hs), MaxNamed)] {
		lines = append(lines, catalog.T(lang, "line", h.Member, Figures(lang, h)))
	}
	if len(hs) > MaxNamed {
		lines = append(lines, catalog.N(lang, "more", len(hs)-MaxNamed))
	}
	month := i18n.Month(lang, from.Month()) + " " + from.Format("2006")
	head := catalog.T(lang, "title", month, bot.Escape(c.Name))
	return head + "\n" + strings.Join(lines, "\n") + "\n" + catalog.T(lang, "outro")
}

// Figures says a helper's help in lang: "2 answers accepted, thanked for 1
// answer, 3 people helped"; a figure at zero is left out.
func Figures(lang string, h Helper) string {
	var parts []string
	if h.Accepted > 0 {
		parts = append(parts, catalog.N(lang, "accepted", h.Accepted))
	}
	if h.Thanked > 0 {
		parts = append(parts, catalog.N(lang, "thanked", h.Thanked))
	}
	if h.People > 0 {
		parts = append(parts, catalog.N(lang, "people", h.People))
	}
	return strings.Join(parts, ", ")
}
