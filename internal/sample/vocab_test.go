package sample

import (
	"reflect"
	"regexp"
	"testing"
)

// TestFrenchTermsFitTheirSentence checks that the French phrases put a
// topic or a term where French takes a bare noun. Terms and topics are
// written bare ("durée de conservation", "GMAO"), and French, unlike
// English, wants an article after most words: "Qui connaît bien durée de
// conservation ?" or "une question sur GMAO" are not French. Bare nouns
// fit after côté, en, en matière de, thème, rubrique, guide, check-list,
// problème de, inside « guillemets », or after a colon.
func TestFrenchTermsFitTheirSentence(t *testing.T) {
	placeholder := regexp.MustCompile(`(?i)\{(?:term|topic)\}`)
	fits := regexp.MustCompile(`(?:\bcôté|^Côté|\ben|\bmatière de|\bthème|\brubrique|\bguide|\bcheck-list|` +
		`\bproblème de|«|:) $`)
	v := reflect.ValueOf(phrasesFR)
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() != reflect.Slice || f.Type().Elem().Kind() != reflect.String {
			continue
		}
		for j := range f.Len() {
			s := f.Index(j).String()
			for _, at := range placeholder.FindAllStringIndex(s, -1) {
				if !fits.MatchString(s[:at[0]]) {
					t.Errorf("%s: %q: %s needs an article here; write it where French takes a bare noun (côté %s…)",
						v.Type().Field(i).Name, s, s[at[0]:at[1]], s[at[0]:at[1]])
				}
			}
		}
	}
}
