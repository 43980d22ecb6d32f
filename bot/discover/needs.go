package discover

import (
	"strings"
)

// Need is what a question asks for, as the article names a community's
// immediate needs: a technical reference, someone who knows (access to
// experts), what other sites and teams do (sharing practices), news and
// watch. A question can ask for several, or none of these.
type Need uint8

// The needs, in the order they are shown.
const (
	NeedReference Need = 1 << iota
	NeedExpert
	NeedPractice
	NeedWatch
)

// AllNeeds lists the needs in the order they are shown.
var AllNeeds = []Need{NeedReference, NeedExpert, NeedPractice, NeedWatch}

// Key names the need in catalogs and files.
func (n Need) Key() string {
	switch n {
	case NeedReference:
		return "reference"
	case NeedExpert:
		return "expert"
	case NeedPractice:
		return "practice"
	case NeedWatch:
		return "watch"
	}
	return "other"
}

// needWords are phrases that say what a question asks for, English and
// French, lowercased and with the accents folded (the text is folded the
// same way). A phrase starting or ending with a space must meet a word's
// edge there.
var needWords = map[Need][]string{
	NeedReference: {" doc ", " docs ", "documentation", "where can i find", "where do i find", " guide",
		"tutorial", " reference", " spec ", "specification", " wiki", " manual", " runbook", " link to",
		"is there a page", " readme", " tuto", " referentiel", "ou trouver", "ou est-ce que je trouve",
		" procedure", " mode d'emploi", " notice", " lien vers", "fiche"},
	NeedExpert: {"anyone know", "does anyone", "anybody know", "who knows", "who can help", "has anyone",
		"someone who", "an expert", " expert ", "who is the right person", "who owns", "point me to",
		"quelqu'un", "qui connait", "qui sait", "qui s'y connait", "un expert", "une experte", "qui peut m'aider",
		"un coup de main"},
	NeedPractice: {"how do you", "how do other", "other teams", "other sites", "your team", "what do you use",
		"how does your", "best practice", "how are you handling", "anyone else", "in your experience",
		"what's your approach", "chez vous", "vos equipes", "autres equipes", "autres sites", "comment faites-vous",
		"comment vous faites", "vous utilisez", "retour d'experience", "retours d'experience", "bonnes pratiques",
		"bonne pratique", "d'autres sites"},
	NeedWatch: {" news", "release", "new version", "announce", "roadmap", "changelog", "deprecat", " upcoming",
		" latest ", "heard about", "anyone seen", "nouvelle version", "nouveaute", "actualite", " veille",
		" sortie ", "annonce", "mise a jour", "feuille de route", "vu passer", "entendu parler"},
}

// accents folds French accents and typographic apostrophes.
var accents = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "î", "i", "ï", "i",
	"ô", "o", "ù", "u", "û", "u", "ü", "u", "ç", "c", "’", "'", "\u00a0", " ")

// punctuation separates words like spaces do, for the phrases' edges.
var punctuation = strings.NewReplacer("?", " ", ",", " ", ".", " ", "!", " ", ":", " ", "\n", " ", "(", " ", ")", " ")

// Needs reads what a question asks for.
func Needs(text string) Need {
	if len(text) > 4000 {
		text = text[:4000] // what a question asks for is said early
	}
	s := " " + accents.Replace(strings.ToLower(text)) + " "
	s = punctuation.Replace(s)
	var n Need
	for need, words := range needWords {
		for _, w := range words {
			if strings.Contains(s, w) {
				n |= need
				break
			}
		}
	}
	return n
}
