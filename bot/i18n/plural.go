package i18n

import (
	"fmt"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// tags are the languages' CLDR tags, for their plural rules.
var tags = map[string]language.Tag{"en": language.English, "fr": language.French}

// One reports whether n takes the singular in lang, by CLDR's rule
// (golang.org/x/text): 1 in English; 0 and 1 in French.
func One(lang string, n int) bool {
	return plural.Cardinal.MatchPlural(tags[Lang(lang)], n, 0, 0, 0, 0) == plural.One
}

// N returns the sentence for the count n in lang: key+"_one" when n takes
// the singular there (see One), else key. It is formatted with n first,
// then args: a singular that does not show the count writes the others
// with explicit indexes ("on *%[2]s*"), and one with no placeholder at all
// is returned as it is. A singular that callers may pass 0 shows the
// count ("%d question"), since French says "0 question".
func (c Catalog) N(lang, key string, n int, args ...any) string {
	if One(lang, n) {
		key += "_one"
	}
	s, ok := c[Lang(lang)][key]
	if !ok {
		s = c["en"][key]
	}
	if !verbs.MatchString(s) {
		return s
	}
	return fmt.Sprintf(s, append([]any{n}, args...)...)
}
