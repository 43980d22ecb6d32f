package question

import "strings"

// Questions written without "?" are recognized by how a clause opens. The
// word order is what tells "What tool do you use" (asks) from "What we did"
// (a title) and "Comment on fait" (French, asks) from "Comment on the PR".

var (
	wh      = words("what", "which", "where", "when", "who", "whom", "whose", "why", "how")
	whFused = words("whats", "hows", "wheres", "whos", "whys", "whens")
	// contracted: the token after "what'" in what's, what're, what'll, what'd.
	contracted = words("s", "re", "ll", "d")
	aux        = words("is", "are", "was", "were", "am", "do", "does", "did", "can", "could",
		"should", "would", "will", "shall", "may", "might", "must", "has", "have", "had",
		"isn'", "aren'", "wasn'", "weren'", "don'", "doesn'", "didn'", "can'", "couldn'",
		"shouldn'", "wouldn'", "won'", "hasn'", "haven'", "isnt", "arent", "dont", "doesnt",
		"didnt", "cant", "couldnt", "shouldnt", "wouldnt", "hasnt", "havent")
	// imperative auxiliaries: "Do the review", "Have a look" are not questions.
	imperative = words("do", "have", "don'", "dont", "haven'", "havent")
	pronouns   = words("i", "you", "u", "we", "they", "he", "she", "it", "anyone", "anybody",
		"someone", "somebody", "everyone", "everybody", "people", "folks", "y'", "any",
		string(markMention))
	subjects = words("there", "this", "that", "these", "those", "my", "our", "your", "their",
		"his", "her", "its", "some", "the", "a", "an", "all", "both", "each", "other", "others")
)

var (
	// afterComment: what follows French "comment" and not English "comment".
	afterComment = words("faire", "fait", "on", "je", "j'", "tu", "vous", "nous", "il", "elle",
		"ils", "elles", "est", "est-ce", "ca", "c'", "se", "s'", "le", "la", "les", "l'", "savoir",
		"marche", "fonctionne", "gerez", "faites", "avez", "allez", "va", "vas", "reussir",
		"obtenir", "mettre", "peut", "puis")
	// englishAfterOn: "comment on the PR", not "comment on fait".
	englishAfterOn = words("the", "this", "that", "these", "those", "my", "your", "our", "their",
		"his", "her", "its", "it", "a", "an", "any", "each", "every", "them", "him", "me", "us",
		"what", "how", "why", "whether", string(markLink), string(markCode), string(markMention))
	afterOu = words("est", "sont", "est-ce", "trouver", "trouve", "se", "en", "va", "vont",
		"ca", "mettre", "ranger", "stocker", "chercher")
	// englishInfinitiveLike: English words that look like French infinitives.
	englishInfinitiveLike = words("there", "where", "other", "after", "before", "under", "over",
		"never", "whether", "either", "neither", "rather", "further", "however", "together",
		"whatever", "wherever", "whenever", "whoever", "their", "theirs", "answer", "later",
		"user", "users", "server", "docker", "power", "filter", "cluster", "register", "compare",
		"prepare", "share", "store", "score", "require", "figure", "future", "feature", "culture",
		"structure", "measure", "below", "above", "here", "inside", "outside", "everywhere",
		"anywhere", "somewhere", "elsewhere", "sure", "more", "were", "ever", "entire", "picture")
	// vousVerbs take "-vous" in a question ("avez-vous"); the imperatives that
	// also do ("inscrivez-vous", "rendez-vous") are not among them.
	vousVerbs = words("avez", "savez", "pouvez", "connaissez", "utilisez", "auriez", "pourriez",
		"voulez", "faites", "etes", "pensez", "croyez", "devez", "recommandez", "conseillez",
		"sauriez", "seriez", "voudriez", "preferez", "allez", "arrivez", "voyez", "comptez",
		"gerez", "testez", "deployez", "trouvez", "aimez", "avez-vous")
)

// opens reports whether a clause of the sentence opens like a question.
func (s *sentence) opens() bool {
	if opensAt(s.tok, skipLead(s.tok, 0)) {
		return true
	}
	for _, c := range s.clause {
		if opensAt(s.tok, skipLead(s.tok, c)) {
			return true
		}
	}
	return false
}

func opensAt(tok []string, i int) bool {
	if i >= len(tok) || exclamations.at(tok, i) > 0 {
		return false
	}
	if openers.at(tok, i) > 0 {
		return true
	}
	w := tok[i]
	switch {
	case wh[w] || whFused[w] || strings.HasSuffix(w, "'") && wh[w[:len(w)-1]]:
		return whAsks(tok, i)
	case aux[w]:
		return auxAsks(tok, i)
	}
	return frenchAsks(tok, i)
}

// whAsks: "what is", "what's", "which version should", "how long does", but
// not "what we did" (a subject right after: an indirect question, a title).
func whAsks(tok []string, i int) bool {
	w, n1, n2 := tok[i], at(tok, i+1), at(tok, i+2)
	switch {
	case whFused[w]:
		return true
	case strings.HasSuffix(w, "'"):
		return contracted[n1]
	case aux[n1]:
		return true
	}
	if n1 == "" || pronouns[n1] || subjects[n1] {
		return false // "what we did", "what the team did": no inversion
	}
	if aux[n2] {
		return true // "what tool do", "which one is", "how long does"
	}
	// "which version of the API should we": a longer subject, then the
	// auxiliary and its subject.
	for k := i + 3; k <= i+5 && k+1 < len(tok); k++ {
		if pronouns[tok[k]] {
			return false
		}
		if aux[tok[k]] {
			return pronouns[tok[k+1]] || subjects[tok[k+1]]
		}
	}
	return false
}

// auxAsks: an auxiliary then its subject, "Can someone…", "Is there…",
// "Does the API…"; "Do"/"Have" want a pronoun ("Do you", not "Do the review").
func auxAsks(tok []string, i int) bool {
	w, j := tok[i], i+1
	if strings.HasSuffix(w, "n'") && at(tok, j) == "t" {
		j++
	}
	if len(tok)-j < 2 {
		return false // "Can confirm", "Will do", "Did it"
	}
	subj := at(tok, j)
	if imperative[w] {
		return pronouns[subj]
	}
	return pronouns[subj] || subjects[subj]
}

// frenchAsks: "comment faire", "pourquoi…", "quand est-ce", "où est",
// "qui…", "quel…", "combien", "lequel", and inversions ("peut-on",
// "faut-il", "y a-t-il", "avez-vous").
func frenchAsks(tok []string, i int) bool {
	w, n1 := tok[i], at(tok, i+1)
	switch w {
	case "comment":
		if n1 == "on" {
			return !englishAfterOn[at(tok, i+2)]
		}
		return afterComment[n1] || inversion(n1) || infinitive(n1)
	case "pourquoi", "combien", "lequel", "laquelle", "lesquels", "lesquelles":
		return n1 != ""
	case "quand":
		for k := i + 1; k <= i+4 && k < len(tok); k++ {
			if tok[k] == "est-ce" || tok[k] == "est" && at(tok, k+1) == "ce" || inversion(tok[k]) {
				return true
			}
		}
		return false
	case "ou":
		return afterOu[n1] || inversion(n1) || infinitive(n1)
	case "qui", "quel", "quelle", "quels", "quelles":
		return n1 != ""
	case "y", "y'":
		return inversion(n1)
	}
	return inversion(w)
}

// inversion: a French verb with its subject pronoun after a hyphen.
func inversion(w string) bool {
	k := strings.LastIndexByte(w, '-')
	if k <= 0 {
		return false
	}
	verb, pro := strings.TrimSuffix(w[:k], "-t"), w[k+1:]
	if verb == "" || strings.ContainsAny(verb, "-0123456789") {
		return false
	}
	switch pro {
	case "on", "il", "elle", "ils", "elles", "tu", "je", "ce":
		return true
	case "vous":
		return vousVerbs[verb]
	case "nous":
		return strings.HasSuffix(verb, "ons")
	}
	return false
}

// infinitive: a word that looks like a French infinitive ("configurer",
// "mettre", "choisir", "savoir") and is not a common English word.
func infinitive(w string) bool {
	return len(w) >= 5 && verbLike(w)
}

// verbLike: a French infinitive's ending ("dire", "voir", "configurer").
func verbLike(w string) bool {
	if englishInfinitiveLike[w] {
		return false
	}
	for _, suf := range [...]string{"er", "ir", "re", "oir"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
