package slackio

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/slack-go/slack"
	"golang.org/x/text/unicode/norm"
)

// teamWords and siteWords are the words of a custom profile field's label
// (lower case, accents dropped) that make it the member's team or site:
// Slack has no standard field for either, each workspace names its own.
var (
	teamWords = []string{"department", "dept", "team", "division", "service", "unit", "departement", "equipe",
		"direction", "pole", "entite", "bu"}
	siteWords = []string{"location", "site", "office", "city", "country", "campus", "lieu", "bureau", "ville",
		"pays", "localisation", "etablissement", "agence"}
)

// OrgFields returns a member's team and site from their profile's custom
// fields (as users.profile.get gives them with include_labels), read by
// label (see teamWords and siteWords); "" for one the
// profile lacks. Only these two are kept of the custom fields: the
// sponsors' report needs no more (privacy: what is needed only). The
// fields are read in their ids' order, so that two fields of one kind give
// the same answer every time.
func OrgFields(p slack.UserProfile) (team, site string) {
	fields := p.FieldsMap()
	for _, id := range slices.Sorted(maps.Keys(fields)) {
		f := fields[id]
		value := strings.TrimSpace(f.Value)
		if value == "" {
			value = strings.TrimSpace(f.Alt)
		}
		if value == "" {
			continue
		}
		words := labelWords(f.Label)
		switch {
		case team == "" && slices.ContainsFunc(words, func(w string) bool { return slices.Contains(teamWords, w) }):
			team = value
		case site == "" && slices.ContainsFunc(words, func(w string) bool { return slices.Contains(siteWords, w) }):
			site = value
		}
	}
	return team, site
}

// labelWords are a label's words in lower case without their accents:
// "Département" and "departement" name the same field.
func labelWords(label string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(label)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return strings.FieldsFunc(b.String(), func(r rune) bool { return !unicode.IsLetter(r) })
}
